//! The languages mails are written in, and the words that are not in the
//! templates: subjects, dates and what each TLP label means.

use chrono::{Datelike, NaiveDate};

use crate::campaigns::Tlp;
use crate::mail::OutboxKind;

/// A language the mail templates exist in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Language {
    English,
    German,
}

impl Language {
    /// The language for a code such as "de", "de-AT" or "DE_ch", if there are
    /// templates for it. Only the primary subtag counts: the mails use no
    /// regional words.
    pub(crate) fn from_code(code: &str) -> Option<Language> {
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Language::English),
            "de" => Some(Language::German),
            _ => None,
        }
    }

    /// The language for `code`, or English when there are no templates for it.
    pub(crate) fn or_english(code: &str) -> Language {
        Language::from_code(code).unwrap_or(Language::English)
    }

    /// The code for the HTML `lang` attribute.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::German => "de",
        }
    }

    /// The subject line of a mail of `kind`.
    pub(crate) fn subject(self, kind: OutboxKind, campaign: &str, questionnaire: &str) -> String {
        let prefix = match (self, kind) {
            (Language::English, OutboxKind::Invitation) => "Invitation",
            (Language::English, OutboxKind::Reminder) => "Reminder",
            (Language::English, OutboxKind::Receipt) => "Answers received",
            (Language::German, OutboxKind::Invitation) => "Einladung",
            (Language::German, OutboxKind::Reminder) => "Erinnerung",
            (Language::German, OutboxKind::Receipt) => "Eingangsbestätigung",
            // Not a campaign's mail: it has its own subject (`password_link`).
            (_, OutboxKind::PasswordLink) => return super::PASSWORD_LINK_SUBJECT.to_owned(),
            (Language::English, OutboxKind::ChangesRequested) => "Changes requested",
            (Language::English, OutboxKind::Resubmitted) => "Answers resubmitted",
            (Language::English, OutboxKind::Accepted) => "Answers accepted",
            (Language::German, OutboxKind::ChangesRequested) => "Änderungen erbeten",
            (Language::German, OutboxKind::Resubmitted) => "Antworten erneut abgesendet",
            (Language::German, OutboxKind::Accepted) => "Antworten angenommen",
            // Not a campaign's mail: `render_peer_review` writes its subject.
            (_, OutboxKind::PeerReview) => "Peer review",
            // Written by `render_delegation`, which has the colleague's own subject.
            (Language::English, OutboxKind::Delegation) => "Your part",
            (Language::German, OutboxKind::Delegation) => "Ihr Teil",
        };
        format!("{prefix}: {campaign} — {questionnaire}")
    }

    /// The subject line of a mail of `kind` in the placeholder form of
    /// [`Wording`](super::wording::Wording): what [`Language::subject`] fills in.
    pub(crate) fn subject_template(self, kind: OutboxKind) -> &'static str {
        match (self, kind) {
            (Language::English, OutboxKind::Invitation) => {
                "Invitation: {campaign} — {questionnaire}"
            }
            (Language::English, OutboxKind::Reminder) => "Reminder: {campaign} — {questionnaire}",
            (Language::English, OutboxKind::Receipt) => {
                "Answers received: {campaign} — {questionnaire}"
            }
            (Language::German, OutboxKind::Invitation) => "Einladung: {campaign} — {questionnaire}",
            (Language::German, OutboxKind::Reminder) => "Erinnerung: {campaign} — {questionnaire}",
            (Language::German, OutboxKind::Receipt) => {
                "Eingangsbestätigung: {campaign} — {questionnaire}"
            }
            (_, OutboxKind::PasswordLink) => super::PASSWORD_LINK_SUBJECT,
            (Language::English, OutboxKind::ChangesRequested) => {
                "Changes requested: {campaign} — {questionnaire}"
            }
            (Language::English, OutboxKind::Resubmitted) => {
                "Answers resubmitted: {campaign} — {questionnaire}"
            }
            (Language::English, OutboxKind::Accepted) => {
                "Answers accepted: {campaign} — {questionnaire}"
            }
            (Language::German, OutboxKind::ChangesRequested) => {
                "Änderungen erbeten: {campaign} — {questionnaire}"
            }
            (Language::German, OutboxKind::Resubmitted) => {
                "Antworten erneut abgesendet: {campaign} — {questionnaire}"
            }
            (Language::German, OutboxKind::Accepted) => {
                "Antworten angenommen: {campaign} — {questionnaire}"
            }
            (_, OutboxKind::PeerReview) => "Peer review: {organisation} — {campaign}",
            (Language::English, OutboxKind::Delegation) => {
                "Your part: {campaign} — {questionnaire}"
            }
            (Language::German, OutboxKind::Delegation) => "Ihr Teil: {campaign} — {questionnaire}",
        }
    }

    /// The opening paragraph of an invitation or reminder in placeholder form: the
    /// templates' own paragraph without the time it takes, which a mail with a campaign's
    /// wording adds after it. None for a receipt.
    pub(crate) fn default_opening(self, kind: OutboxKind) -> Option<&'static str> {
        Some(match (self, kind) {
            (Language::English, OutboxKind::Invitation) => {
                "{sender} invites {organisation} to take part in \"{campaign}\" by answering \
                 the questionnaire \"{questionnaire}\"."
            }
            (Language::English, OutboxKind::Reminder) => {
                "This is a reminder from {sender}: the questionnaire \"{questionnaire}\" of \
                 \"{campaign}\" has not yet been submitted for {organisation}."
            }
            (Language::German, OutboxKind::Invitation) => {
                "{sender} lädt {organisation} ein, an der Erhebung „{campaign}“ teilzunehmen \
                 und dazu den Fragebogen „{questionnaire}“ zu beantworten."
            }
            (Language::German, OutboxKind::Reminder) => {
                "wir möchten Sie im Auftrag von {sender} daran erinnern, dass der Fragebogen \
                 „{questionnaire}“ der Erhebung „{campaign}“ für {organisation} noch nicht \
                 abgeschickt wurde."
            }
            (
                _,
                OutboxKind::Receipt
                | OutboxKind::PasswordLink
                | OutboxKind::ChangesRequested
                | OutboxKind::Resubmitted
                | OutboxKind::Accepted
                | OutboxKind::PeerReview
                | OutboxKind::Delegation,
            ) => return None,
        })
    }

    /// The sentence on how long answering takes, for a mail with a campaign's wording.
    pub(crate) fn minutes_sentence(self, minutes: u32) -> String {
        match self {
            Language::English => format!("Answering takes about {minutes} minutes."),
            Language::German => format!("Das Ausfüllen dauert etwa {minutes} Minuten."),
        }
    }

    /// A date written out, e.g. "30 June 2027" or "30. Juni 2027"; spelling
    /// the month avoids any doubt between day-month and month-day orders.
    pub(crate) fn date(self, date: NaiveDate) -> String {
        let index = date.month0() as usize;
        match self {
            Language::English => format!("{} {} {}", date.day(), EN_MONTHS[index], date.year()),
            Language::German => format!("{}. {} {}", date.day(), DE_MONTHS[index], date.year()),
        }
    }

    /// One sentence on what a TLP label allows (after FIRST's TLP 2.0).
    pub(crate) fn tlp_meaning(self, tlp: Tlp) -> &'static str {
        match (self, tlp) {
            (Language::English, Tlp::Clear) => {
                "The results of this campaign may be shared without restriction."
            }
            (Language::English, Tlp::Green) => {
                "The results of this campaign may be shared within the community, \
                 but not publicly."
            }
            (Language::English, Tlp::Amber) => {
                "The results of this campaign may be shared only within the recipients' \
                 organisations, on a need-to-know basis."
            }
            (Language::English, Tlp::Red) => {
                "The results of this campaign are for the named recipients only and may \
                 not be shared further."
            }
            (Language::German, Tlp::Clear) => {
                "Die Ergebnisse dieser Erhebung dürfen ohne Einschränkung weitergegeben werden."
            }
            (Language::German, Tlp::Green) => {
                "Die Ergebnisse dieser Erhebung dürfen innerhalb der Community weitergegeben \
                 werden, aber nicht öffentlich."
            }
            (Language::German, Tlp::Amber) => {
                "Die Ergebnisse dieser Erhebung dürfen nur innerhalb der Organisationen der \
                 Empfänger weitergegeben werden, und zwar nur an Personen, die sie für ihre \
                 Arbeit benötigen."
            }
            (Language::German, Tlp::Red) => {
                "Die Ergebnisse dieser Erhebung sind nur für die genannten Empfänger bestimmt \
                 und dürfen nicht weitergegeben werden."
            }
        }
    }
}

/// The label as printed, e.g. "TLP:AMBER".
pub(crate) fn tlp_label(tlp: Tlp) -> String {
    format!("TLP:{}", tlp.as_str())
}

/// The label's colour as FIRST defines it, printed on black.
pub(crate) fn tlp_colour(tlp: Tlp) -> &'static str {
    match tlp {
        Tlp::Clear => "#FFFFFF",
        Tlp::Green => "#33FF00",
        Tlp::Amber => "#FFC000",
        Tlp::Red => "#FF2B2B",
    }
}

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const DE_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_codes_use_their_language() {
        assert_eq!(Language::from_code("de-AT"), Some(Language::German));
        assert_eq!(Language::from_code("DE_ch"), Some(Language::German));
        assert_eq!(Language::from_code("en-GB"), Some(Language::English));
        assert_eq!(Language::from_code("fr"), None);
        assert_eq!(Language::from_code(""), None);
        assert_eq!(Language::or_english("pt-BR"), Language::English);
    }

    #[test]
    fn dates_are_written_out_in_each_language() {
        let date = NaiveDate::from_ymd_opt(2027, 3, 5).unwrap();
        assert_eq!(Language::English.date(date), "5 March 2027");
        assert_eq!(Language::German.date(date), "5. März 2027");
    }

    #[test]
    fn subjects_name_the_campaign_and_the_questionnaire() {
        assert_eq!(
            Language::German.subject(OutboxKind::Reminder, "Survey 2027", "CSIRT maturity"),
            "Erinnerung: Survey 2027 — CSIRT maturity"
        );
    }
}
