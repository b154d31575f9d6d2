//! The languages mails are written in, and the words several mails share: subjects,
//! dates and what each TLP label means.

use chrono::NaiveDate;

use super::words::MailWords;
use crate::campaigns::Tlp;
use crate::locale::fill;
use crate::mail::OutboxKind;

/// A language the interface speaks, as the mails use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Language(&'static str);

impl Language {
    pub(crate) const ENGLISH: Language = Language(crate::locale::SOURCE_LANGUAGE);

    /// The language for a code such as "de", "de-AT" or "DE_ch", if the interface speaks
    /// it. Only the primary subtag counts: the mails use no regional words.
    pub(crate) fn from_code(code: &str) -> Option<Language> {
        crate::locale::spoken_language(code).map(Language)
    }

    /// The language for `code`, or English when the interface does not speak it.
    pub(crate) fn or_english(code: &str) -> Language {
        Language::from_code(code).unwrap_or(Language::ENGLISH)
    }

    /// The code for the HTML `lang` attribute.
    pub(crate) fn code(self) -> &'static str {
        self.0
    }

    /// The mails' words in this language.
    pub(crate) fn words(self) -> &'static MailWords {
        MailWords::of(self.0)
    }

    /// The subject line of a mail of `kind`.
    pub(crate) fn subject(self, kind: OutboxKind, campaign: &str, questionnaire: &str) -> String {
        fill(
            self.subject_template(kind),
            &[("campaign", campaign), ("questionnaire", questionnaire)],
        )
    }

    /// The subject line of a mail of `kind` in the placeholder form of
    /// [`Wording`](super::wording::Wording): what [`Language::subject`] fills in.
    pub(crate) fn subject_template(self, kind: OutboxKind) -> &'static str {
        let w = self.words();
        match kind {
            OutboxKind::Invitation => w.subject_invitation,
            OutboxKind::Reminder => w.subject_reminder,
            OutboxKind::Receipt => w.subject_receipt,
            OutboxKind::ChangesRequested => w.subject_changes_requested,
            OutboxKind::Resubmitted => w.subject_resubmitted,
            OutboxKind::Accepted => w.subject_accepted,
            OutboxKind::Delegation => w.subject_delegation,
            // Not a respondent's mail: written in English by `password_link`.
            OutboxKind::PasswordLink => super::PASSWORD_LINK_SUBJECT,
            // Not a respondent's mail: `render_peer_review` writes its subject.
            OutboxKind::PeerReview => "Peer review: {organisation} — {campaign}",
        }
    }

    /// The opening paragraph of an invitation or reminder in placeholder form: the
    /// shipped paragraph without the time it takes, which a mail adds after it. None for
    /// the other kinds, whose text is not a campaign's to change.
    pub(crate) fn default_opening(self, kind: OutboxKind) -> Option<&'static str> {
        match kind {
            OutboxKind::Invitation => Some(self.words().invitation_opening),
            OutboxKind::Reminder => Some(self.words().reminder_opening),
            _ => None,
        }
    }

    /// A date written out, e.g. "30 June 2027" or "30. Juni 2027".
    pub(crate) fn date(self, date: NaiveDate) -> String {
        crate::locale::format::date(date, self.0)
    }

    /// One sentence on what a TLP label allows (after FIRST's TLP 2.0).
    pub(crate) fn tlp_meaning(self, tlp: Tlp) -> &'static str {
        let w = self.words();
        match tlp {
            Tlp::Clear => w.tlp_clear,
            Tlp::Green => w.tlp_green,
            Tlp::Amber => w.tlp_amber,
            Tlp::Red => w.tlp_red,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regional_codes_use_their_language() {
        let code = |c: &str| Language::from_code(c).map(Language::code);
        assert_eq!(code("de-AT"), Some("de"));
        assert_eq!(code("DE_ch"), Some("de"));
        assert_eq!(code("en-GB"), Some("en"));
        assert_eq!(code("fr-BE"), Some("fr"));
        assert_eq!(code("it"), None);
        assert_eq!(code(""), None);
        assert_eq!(Language::or_english("pt-BR"), Language::ENGLISH);
    }

    #[test]
    fn dates_are_written_out_in_each_language() {
        let date = NaiveDate::from_ymd_opt(2027, 3, 5).unwrap();
        assert_eq!(Language::ENGLISH.date(date), "5 March 2027");
        assert_eq!(Language::or_english("de").date(date), "5. März 2027");
    }

    #[test]
    fn subjects_name_the_campaign_and_the_questionnaire() {
        assert_eq!(
            Language::or_english("de").subject(
                OutboxKind::Reminder,
                "Survey 2027",
                "CSIRT maturity"
            ),
            "Erinnerung: Survey 2027 — CSIRT maturity"
        );
    }
}
