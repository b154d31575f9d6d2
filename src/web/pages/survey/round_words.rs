//! The respondent pages' words about the next round (the offer to start from the last
//! answers, what came along, the change since), in every language the pages speak.

use crate::locale::words;

words! {
    /// The fixed texts of the next-round parts of the respondent pages.
    pub struct RoundWords in "round" {
        offer_title,
        /// Followed by the earlier campaign's name and the day it was submitted.
        offer_intro,
        offer_note,
        with_files,
        from_earlier,
        from_scratch,
        carried_title,
        /// Preceded by a number and followed by the earlier campaign's name.
        carried_count,
        fresh_title,
        fresh_intro,
        removed,
        changed,
        nothing_fresh,
        go_on,
        already_started,
        since_title,
        /// Followed by the earlier campaign's name.
        since_intro,
        since_tier,
    }
}

/// The words in `language`, English when the pages do not speak it.
pub fn round_words(language: &str) -> &'static RoundWords {
    RoundWords::of(language)
}
