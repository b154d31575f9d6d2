//! The respondents' mails' own words, read from the interface's word files.

use crate::locale::words;

words! {
    /// Every fixed text of the mails a respondent or a delegated colleague receives.
    /// Placeholders: `{name}`, `{organisation}`, `{campaign}`, `{questionnaire}`,
    /// `{sender}`, `{deadline}`, `{day}`, `{minutes}`, `{contact}`, `{tlp}`, `{meaning}`.
    pub struct MailWords in "mail" {
        /// The greeting, with the recipient's `{name}`.
        hello,
        /// The greeting when the name is not known.
        hello_anonymous,
        /// Before the sender's name at the end.
        regards,
        /// The TLP label `{tlp}` and what it allows, `{meaning}`.
        classification,
        minutes,
        subject_invitation,
        subject_reminder,
        subject_receipt,
        subject_changes_requested,
        subject_accepted,
        subject_resubmitted,
        subject_delegation,
        /// The shipped opening of an invitation; a campaign may write its own.
        invitation_opening,
        invitation_button,
        /// Before the personal link.
        questionnaire_link,
        invitation_keep,
        invitation_ignore,
        /// The shipped opening of a reminder; a campaign may write its own.
        reminder_opening,
        /// After the reminder's shipped opening.
        reminder_closes,
        reminder_button,
        reminder_keep,
        reminder_ignore,
        receipt_thanks,
        receipt_button,
        receipt_link,
        receipt_result,
        receipt_open_until,
        /// Followed by the list of answers to change.
        changes_intro,
        /// Under an answer sent back without a comment.
        changes_please,
        changes_only,
        changes_button,
        changes_link,
        /// The link is for the recipient alone.
        link_alone,
        accepted_text,
        accepted_result,
        /// Followed by the list of sections.
        delegation_intro,
        delegation_button,
        delegation_link,
        delegation_keep,
        delegation_ignore,
        /// What each TLP label allows (after FIRST's TLP 2.0).
        tlp_clear,
        tlp_green,
        tlp_amber,
        tlp_red,
    }
}
