//! The interface's own words — the respondent pages, their error pages and the
//! respondents' mails — in every language it speaks.
//!
//! The words are gettext files under `assets/i18n`: `interface.pot` holds the English
//! texts, each under a key (`msgctxt`), and `<language>.po` one translation of them. The
//! files are built into the binary, so a service never runs with a missing file. Code
//! reads them through the word tables of [`words!`](crate::locale::words): one struct per
//! page or mail, one field per text, so a key used in code is a field the compiler sees
//! and a test checks that the files and the tables name the same keys.

mod catalogue;
mod check;
mod files;
mod fill;
pub mod format;
mod registry;
mod words;

#[cfg(test)]
mod tests;

pub use catalogue::{Catalogue, SOURCE_LANGUAGE, shipped, spoken, spoken_language, text};
pub use check::{Problem, What, check_translation};
pub use files::{check_translation_file, export_translation};
pub use fill::fill;
pub use registry::all_keys;
pub(crate) use words::words;
