//! The words of peer review on the respondent's result page (consent, and the levels side
//! by side), in every language the respondent pages speak; analysts' and peers' pages
//! take the English ones.

use crate::locale::words;

words! {
    /// The fixed texts of peer review.
    pub struct PeerWords in "peer" {
        consent_heading,
        consent_intro,
        /// The consent itself, the button's words.
        consent_button,
        consent_given,
        withdraw_button,
        consent_in_use,
        comparison_heading,
        comparison_intro,
        parameter,
        own,
        peer,
        agreed,
        tier,
        not_given,
    }
}

/// The words in `language`; English for any language without its own.
pub fn peer_words(language: &str) -> &'static PeerWords {
    PeerWords::of(language)
}
