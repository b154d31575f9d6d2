//! The names of SIM3 categories and cooperation dimensions in the languages the
//! product speaks: the respondent pages use the respondent's language, report
//! files English. Kept here, not in `web`, because charts print them too.

use crate::locale::words;
use crate::questionnaire::{Category, Dimension};

words! {
    /// The names of SIM3's categories and of the cooperation dimensions.
    pub struct MeasureWords in "measure" {
        category_o,
        category_h,
        category_t,
        category_p,
        dimension_behavioural,
        dimension_legal,
        dimension_organisational,
        dimension_technical,
        dimension_judiciary,
    }
}

/// The name of a SIM3 category in `language`; English when it is not spoken.
pub fn category_label(category: Category, language: &str) -> &'static str {
    let w = MeasureWords::of(language);
    match category {
        Category::O => w.category_o,
        Category::H => w.category_h,
        Category::T => w.category_t,
        Category::P => w.category_p,
    }
}

/// The name of a cooperation dimension in `language`; English when it is not spoken.
pub fn dimension_label(dimension: Dimension, language: &str) -> &'static str {
    let w = MeasureWords::of(language);
    match dimension {
        Dimension::Behavioural => w.dimension_behavioural,
        Dimension::Legal => w.dimension_legal,
        Dimension::Organisational => w.dimension_organisational,
        Dimension::Technical => w.dimension_technical,
        Dimension::Judiciary => w.dimension_judiciary,
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
