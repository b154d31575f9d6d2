//! Numbers and dates as each language writes them.

use chrono::{Datelike, NaiveDate};

use super::{fill, words};

words! {
    /// How numbers and dates are written.
    pub struct FormatWords in "format" {
        /// The decimal separator: "." or ",".
        decimal_separator,
        /// A scale answer: `{value}` on a scale from `{min}` to `{max}`.
        scale,
        /// A date: `{day}`, `{month}` (its name) and `{year}`.
        date,
        /// The twelve months' names, January first, separated by spaces.
        months,
    }
}

/// `n` without a trailing ".0", with the language's decimal separator.
pub fn number(n: f64, language: &str) -> String {
    // Display already drops ".0"; adding 0.0 turns -0 into 0.
    let text = (n + 0.0).to_string();
    match FormatWords::of(language).decimal_separator {
        "." => text,
        separator => text.replace('.', separator),
    }
}

/// A date written out with the month's name, e.g. "30 June 2027" or "30. Juni 2027":
/// a spelled month leaves no doubt between day-month and month-day orders.
pub fn date(date: NaiveDate, language: &str) -> String {
    let words = FormatWords::of(language);
    let month = words
        .months
        .split_whitespace()
        .nth(date.month0() as usize)
        .unwrap_or_default();
    fill(
        words.date,
        &[
            ("day", &date.day().to_string()),
            ("month", month),
            ("year", &date.year().to_string()),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_names_twelve_months() {
        for code in super::super::spoken() {
            let months = FormatWords::of(code).months.split_whitespace().count();
            assert_eq!(months, 12, "{code}");
        }
        let day = NaiveDate::from_ymd_opt(2027, 6, 30).expect("a date");
        assert_eq!(date(day, "en"), "30 June 2027");
        assert_eq!(date(day, "de"), "30. Juni 2027");
        assert_eq!(number(2.5, "de"), "2,5");
        assert_eq!(number(-0.0, "en"), "0");
    }
}
