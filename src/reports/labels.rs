//! The names of SIM3 categories and cooperation dimensions in the languages the
//! product speaks: the respondent pages use the respondent's language, report
//! files English. Kept here, not in `web`, because charts print them too.

use crate::questionnaire::{Category, Dimension};

/// The name of a SIM3 category in `language`; English when it is not spoken.
pub fn category_label(category: Category, language: &str) -> &'static str {
    use Category::*;
    match (language, category) {
        ("de", O) => "Organisation",
        ("de", H) => "Personal",
        ("de", T) => "Werkzeuge",
        ("de", P) => "Prozesse",
        (_, O) => "Organisation",
        (_, H) => "Human",
        (_, T) => "Tools",
        (_, P) => "Processes",
    }
}

/// The name of a cooperation dimension in `language`; English when it is not spoken.
pub fn dimension_label(dimension: Dimension, language: &str) -> &'static str {
    use Dimension::*;
    match (language, dimension) {
        ("de", Behavioural) => "Verhalten",
        ("de", Legal) => "Recht",
        ("de", Organisational) => "Organisation",
        ("de", Technical) => "Technik",
        ("de", Judiciary) => "Justiz",
        (_, Behavioural) => "Behavioural",
        (_, Legal) => "Legal",
        (_, Organisational) => "Organisational",
        (_, Technical) => "Technical",
        (_, Judiciary) => "Judiciary",
    }
}

/// How report files name an audience (stored as `csirt`, `lea`, `judiciary`).
pub fn audience_label(audience: &str) -> String {
    match audience {
        "csirt" => "CSIRTs".to_owned(),
        "lea" => "Law enforcement".to_owned(),
        "judiciary" => "Judiciary".to_owned(),
        other => other.to_owned(),
    }
}
