//! The respondent pages' words about a review by the campaign's team (changes requested,
//! awaiting review, accepted), in every language the pages speak.

use crate::locale::words;

words! {
    /// The fixed texts of the review parts of the respondent pages.
    pub struct ReviewWords in "review" {
        changes_title,
        changes_intro,
        changes_resubmit,
        /// Before the reviewer's comment on an answer.
        comment_label,
        /// Said of a flagged answer the reviewer wrote nothing about.
        flagged_only,
        reply_label,
        /// Beside an answer shown without a field.
        locked_label,
        /// Why a change to such an answer was refused.
        locked_refused,
        /// Followed by the longest reply in characters.
        reply_too_long,
        status_title,
        /// Followed by the day.
        status_accepted,
        status_awaiting,
        status_changes,
        status_changes_link,
        resubmitted_notice,
        resubmit,
    }
}

/// The words in `language`, English when the pages do not speak it.
pub fn review_words(language: &str) -> &'static ReviewWords {
    ReviewWords::of(language)
}
