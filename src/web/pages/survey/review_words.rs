//! The respondent pages' words about a review by the campaign's team (changes requested,
//! awaiting review, accepted), in every language the pages speak.

/// The fixed texts of the review parts of the respondent pages.
pub struct ReviewWords {
    pub changes_title: &'static str,
    pub changes_intro: &'static str,
    pub changes_resubmit: &'static str,
    /// Before the reviewer's comment on an answer.
    pub comment_label: &'static str,
    /// Said of a flagged answer the reviewer wrote nothing about.
    pub flagged_only: &'static str,
    pub reply_label: &'static str,
    /// Beside an answer shown without a field.
    pub locked_label: &'static str,
    /// Why a change to such an answer was refused.
    pub locked_refused: &'static str,
    /// Followed by the longest reply in characters.
    pub reply_too_long: &'static str,
    pub status_title: &'static str,
    /// Followed by the day.
    pub status_accepted: &'static str,
    pub status_awaiting: &'static str,
    pub status_changes: &'static str,
    pub status_changes_link: &'static str,
    pub resubmitted_notice: &'static str,
    pub resubmit: &'static str,
}

const EN: ReviewWords = ReviewWords {
    changes_title: "Changes were requested",
    changes_intro: "The campaign's reviewers looked at your answers and ask you to change the ones below. Only these can be changed; every other answer stays as you submitted it.",
    changes_resubmit: "When you are done, submit your answers again from the review page.",
    comment_label: "Reviewer's comment:",
    flagged_only: "Please change this answer.",
    reply_label: "Your reply to the reviewer (optional)",
    locked_label: "Your answer (not sent back for changes):",
    locked_refused: "This answer was not sent back for changes and stays as it was; nothing was saved.",
    reply_too_long: "The reply is too long; the most it may have is this many characters:",
    status_title: "Review",
    status_accepted: "Reviewed and accepted on",
    status_awaiting: "Awaiting review by the campaign's team.",
    status_changes: "Changes were requested.",
    status_changes_link: "Change the flagged answers",
    resubmitted_notice: "Your changed answers were sent back to the reviewers.",
    resubmit: "Submit again",
};

const DE: ReviewWords = ReviewWords {
    changes_title: "Änderungen wurden erbeten",
    changes_intro: "Die Prüfenden der Erhebung haben Ihre Antworten durchgesehen und bitten Sie, die folgenden zu ändern. Nur diese lassen sich ändern; alle anderen Antworten bleiben, wie Sie sie abgesendet haben.",
    changes_resubmit: "Wenn Sie fertig sind, senden Sie Ihre Antworten auf der Übersichtsseite erneut ab.",
    comment_label: "Kommentar der Prüfenden:",
    flagged_only: "Bitte ändern Sie diese Antwort.",
    reply_label: "Ihre Antwort an die Prüfenden (freiwillig)",
    locked_label: "Ihre Antwort (nicht zur Änderung zurückgegeben):",
    locked_refused: "Diese Antwort wurde nicht zur Änderung zurückgegeben und bleibt, wie sie war; nichts wurde gespeichert.",
    reply_too_long: "Die Antwort ist zu lang; höchstens so viele Zeichen sind möglich:",
    status_title: "Prüfung",
    status_accepted: "Geprüft und angenommen am",
    status_awaiting: "Wartet auf die Prüfung durch das Team der Erhebung.",
    status_changes: "Änderungen wurden erbeten.",
    status_changes_link: "Die markierten Antworten ändern",
    resubmitted_notice: "Ihre geänderten Antworten wurden an die Prüfenden zurückgesandt.",
    resubmit: "Erneut absenden",
};

/// The words in `language`, English when the pages do not speak it.
pub fn review_words(language: &str) -> &'static ReviewWords {
    match language {
        "de" => &DE,
        _ => &EN,
    }
}
