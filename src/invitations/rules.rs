//! `ReminderRules`: the limits of one reminder run, checked here once for every caller
//! (dashboard form, API, CLI), so no caller can queue reminders outside them.

use std::ops::RangeInclusive;

/// The days a run may require since a participant's last mail.
pub const MIN_DAYS_RANGE: RangeInclusive<i64> = 0..=365;

/// How many reminders per participant a run may allow.
pub const MAX_REMINDERS_RANGE: RangeInclusive<i64> = 1..=20;

/// Limits on reminders, within `MIN_DAYS_RANGE` and `MAX_REMINDERS_RANGE`; only
/// [`ReminderRules::new`] and [`ReminderRules::parse`] make one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderRules {
    min_days: i64,
    max: i32,
}

/// Which limit was refused, with the value as given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// `min_days` is not a whole number in `MIN_DAYS_RANGE`.
    #[error(
        "min_days: {} is not a whole number of days from {} to {}",
        shown(.0), MIN_DAYS_RANGE.start(), MIN_DAYS_RANGE.end()
    )]
    MinDays(String),
    /// `max` is not a whole number in `MAX_REMINDERS_RANGE`.
    #[error(
        "max: {} is not a whole number of reminders from {} to {}",
        shown(.0), MAX_REMINDERS_RANGE.start(), MAX_REMINDERS_RANGE.end()
    )]
    Max(String),
}

fn shown(given: &str) -> &str {
    if given.is_empty() { "nothing" } else { given }
}

impl ReminderRules {
    /// The rules of a run that names none (dashboard form, API, CLI): at least 7 days
    /// since the last mail, at most 3 reminders per participant.
    pub const DEFAULT: ReminderRules = ReminderRules {
        min_days: 7,
        max: 3,
    };

    /// The rules, if both numbers lie within their ranges.
    pub fn new(min_days: i64, max: i64) -> Result<Self, RuleError> {
        Self::parse(&min_days.to_string(), &max.to_string())
    }

    /// The rules from text as typed or sent (spaces around a number allowed).
    /// Anything but a whole number in range is refused, however large.
    pub fn parse(min_days: &str, max: &str) -> Result<Self, RuleError> {
        let min_days = within(min_days, &MIN_DAYS_RANGE)
            .ok_or_else(|| RuleError::MinDays(min_days.trim().to_owned()))?;
        let max = within(max, &MAX_REMINDERS_RANGE)
            .and_then(|n| i32::try_from(n).ok())
            .ok_or_else(|| RuleError::Max(max.trim().to_owned()))?;
        Ok(ReminderRules { min_days, max })
    }

    /// Fewest days since the invitation or the last reminder.
    pub const fn min_days(&self) -> i64 {
        self.min_days
    }

    /// Most reminders one participant gets.
    pub const fn max(&self) -> i32 {
        self.max
    }
}

/// A whole number within `range`. JSON (and its schema) counts `3.0` or `3e0` as the
/// integer 3, so an integral decimal is taken too; `2.5`, `1e400` and `inf` are not.
fn within(text: &str, range: &RangeInclusive<i64>) -> Option<i64> {
    let text = text.trim();
    let whole = text.parse::<i64>().ok().or_else(|| {
        let n = text
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite() && n.fract() == 0.0)?;
        let (low, high) = (*range.start() as f64, *range.end() as f64);
        (low..=high).contains(&n).then_some(n as i64)
    })?;
    range.contains(&whole).then_some(whole)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_defaults_lie_within_the_ranges() {
        let d = ReminderRules::DEFAULT;
        assert_eq!(ReminderRules::new(d.min_days(), d.max().into()), Ok(d));
    }

    #[test]
    fn rules_within_the_ranges_are_taken() {
        let rules = ReminderRules::new(0, 20).expect("in range");
        assert_eq!((rules.min_days(), rules.max()), (0, 20));
        let rules = ReminderRules::parse(" 365 ", "1").expect("in range");
        assert_eq!((rules.min_days(), rules.max()), (365, 1));
    }

    #[test]
    fn out_of_range_and_unreadable_limits_name_the_field() {
        for bad in [-1, 366, i64::MIN, i64::MAX] {
            assert_eq!(
                ReminderRules::new(bad, 3),
                Err(RuleError::MinDays(bad.to_string()))
            );
        }
        for bad in [0, 21, -5, i64::from(i32::MAX) + 1, i64::MAX] {
            assert_eq!(
                ReminderRules::new(7, bad),
                Err(RuleError::Max(bad.to_string()))
            );
        }
        for bad in ["", "7.5", "seven", "1e400", "99999999999999999999999"] {
            assert_eq!(
                ReminderRules::parse(bad, "3"),
                Err(RuleError::MinDays(bad.to_owned()))
            );
        }
        assert_eq!(
            ReminderRules::new(400, 3).err().map(|e| e.to_string()),
            Some("min_days: 400 is not a whole number of days from 0 to 365".to_owned())
        );
        assert_eq!(
            ReminderRules::parse("7", "").err().map(|e| e.to_string()),
            Some("max: nothing is not a whole number of reminders from 1 to 20".to_owned())
        );
    }
}
