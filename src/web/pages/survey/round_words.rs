//! The respondent pages' words about the next round (the offer to start from the last
//! answers, what came along, the change since), in every language the pages speak.

/// The fixed texts of the next-round parts of the respondent pages.
pub struct RoundWords {
    pub offer_title: &'static str,
    /// Followed by the earlier campaign's name and the day it was submitted.
    pub offer_intro: &'static str,
    pub offer_note: &'static str,
    pub with_files: &'static str,
    pub from_earlier: &'static str,
    pub from_scratch: &'static str,
    pub carried_title: &'static str,
    /// Preceded by a number and followed by the earlier campaign's name.
    pub carried_count: &'static str,
    pub fresh_title: &'static str,
    pub fresh_intro: &'static str,
    pub removed: &'static str,
    pub changed: &'static str,
    pub nothing_fresh: &'static str,
    pub go_on: &'static str,
    pub already_started: &'static str,
    pub since_title: &'static str,
    /// Followed by the earlier campaign's name.
    pub since_intro: &'static str,
    pub since_tier: &'static str,
}

const EN: RoundWords = RoundWords {
    offer_title: "Start from your last answers?",
    offer_intro: "Your organisation submitted answers in an earlier round:",
    offer_note: "You can start from those answers and change what is no longer true, or start from scratch. Answers to questions that were removed or changed since are left empty for you to answer afresh. Nothing is saved until you choose.",
    with_files: "Also bring my evidence files",
    from_earlier: "Start from my last answers",
    from_scratch: "Start from scratch",
    carried_title: "Your last answers are filled in",
    carried_count: "answers were brought over from",
    fresh_title: "These need a fresh answer",
    fresh_intro: "These questions were removed or are asked differently since, so their earlier answers were not brought over.",
    removed: "no longer asked",
    changed: "asked differently now",
    nothing_fresh: "Every earlier answer still fits this questionnaire.",
    go_on: "Go through the questionnaire",
    already_started: "You have already begun answering, so nothing was brought over: your answers stay as they are.",
    since_title: "Since last round",
    since_intro: "Compared with what your organisation submitted in",
    since_tier: "Tier",
};

const DE: RoundWords = RoundWords {
    offer_title: "Mit Ihren letzten Antworten beginnen?",
    offer_intro: "Ihre Organisation hat in einer früheren Runde Antworten abgesendet:",
    offer_note: "Sie können mit diesen Antworten beginnen und ändern, was nicht mehr zutrifft, oder von vorn beginnen. Antworten auf Fragen, die seither entfernt oder geändert wurden, bleiben leer, damit Sie sie neu beantworten. Gespeichert wird erst, wenn Sie wählen.",
    with_files: "Auch meine Nachweisdateien übernehmen",
    from_earlier: "Mit meinen letzten Antworten beginnen",
    from_scratch: "Von vorn beginnen",
    carried_title: "Ihre letzten Antworten sind eingetragen",
    carried_count: "Antworten wurden übernommen aus",
    fresh_title: "Diese brauchen eine neue Antwort",
    fresh_intro: "Diese Fragen wurden seither entfernt oder werden anders gestellt, daher wurden ihre früheren Antworten nicht übernommen.",
    removed: "wird nicht mehr gestellt",
    changed: "wird jetzt anders gestellt",
    nothing_fresh: "Alle früheren Antworten passen weiterhin zu diesem Fragebogen.",
    go_on: "Den Fragebogen durchgehen",
    already_started: "Sie haben bereits mit dem Antworten begonnen, daher wurde nichts übernommen: Ihre Antworten bleiben, wie sie sind.",
    since_title: "Seit der letzten Runde",
    since_intro: "Verglichen mit dem, was Ihre Organisation abgesendet hat in",
    since_tier: "Stufe",
};

/// The words in `language`, English when the pages do not speak it.
pub fn round_words(language: &str) -> &'static RoundWords {
    match language {
        "de" => &DE,
        _ => &EN,
    }
}
