//! Turning a mail's facts into a subject, a plain-text body and an HTML body.
//!
//! The bodies come from askama templates under `templates/mail/<language>/`,
//! checked when the crate compiles; the HTML ones escape every value, so a
//! campaign called `<script>` arrives as text. Words that several templates
//! share (subjects, dates, TLP meanings) live in `language.rs`.

use askama::Template;
use chrono::NaiveDate;

use super::MailError;
use super::language::{Language, tlp_colour, tlp_label};
use super::wording::{self, Opening, Wording};
use crate::campaigns::Tlp;
use crate::mail::OutboxKind;

/// What a mail says; the caller gathers it from the campaign, the participant
/// and the invitation.
#[derive(Debug, Clone, Copy)]
pub struct MailContext<'a> {
    /// The participant's language code ("de", "en-GB" …); unsupported ones get English.
    pub language: &'a str,
    pub recipient_name: &'a str,
    /// The organisation the participant answers for.
    pub organisation: &'a str,
    pub campaign_name: &'a str,
    /// The organisation running the campaign.
    pub sender_organisation: &'a str,
    /// The last day the questionnaire accepts answers.
    pub closes_on: NaiveDate,
    pub tlp: Tlp,
    /// The participant's personal link: the questionnaire, or for a receipt the result.
    pub link: &'a str,
    pub questionnaire_title: &'a str,
    /// About how long answering takes, if known.
    pub minutes: Option<u32>,
}

/// A mail ready for the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedMail {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Whether mails can be written in the language with this code ("de", "de-AT" …).
pub fn supports_language(code: &str) -> bool {
    Language::from_code(code).is_some()
}

/// Renders a mail of `kind` in the context's language, or in English when
/// there are no templates for it.
///
/// A receipt says the answers were submitted today (UTC): it is rendered in
/// the transaction that submits them.
pub fn render(kind: OutboxKind, context: &MailContext<'_>) -> Result<RenderedMail, MailError> {
    render_on(kind, context, chrono::Utc::now().date_naive())
}

/// [`render`], with `today` as the date a receipt reports.
pub fn render_on(
    kind: OutboxKind,
    context: &MailContext<'_>,
    today: NaiveDate,
) -> Result<RenderedMail, MailError> {
    render_worded_on(kind, context, None, today)
}

/// [`render`] with a campaign's own subject and opening paragraph, when it has them for
/// this kind and language; the rest of the mail is the template's as ever. A receipt
/// has no wording of its own and ignores one.
pub fn render_worded(
    kind: OutboxKind,
    context: &MailContext<'_>,
    wording: Option<Wording<'_>>,
) -> Result<RenderedMail, MailError> {
    render_worded_on(kind, context, wording, chrono::Utc::now().date_naive())
}

fn render_worded_on(
    kind: OutboxKind,
    context: &MailContext<'_>,
    wording: Option<Wording<'_>>,
    today: NaiveDate,
) -> Result<RenderedMail, MailError> {
    let language = Language::or_english(context.language);
    let wording = wording.filter(|_| kind != OutboxKind::Receipt);
    let subject = match wording {
        Some(w) => wording::fill(w.subject, context),
        None => language.subject(kind, context.campaign_name, context.questionnaire_title),
    };
    let custom = wording.map(|w| Custom {
        opening: Opening::new(&wording::fill(w.opening, context)),
        minutes: context.minutes.map(|m| language.minutes_sentence(m)),
    });
    let view = View {
        lang: language.code(),
        subject: &subject,
        recipient_name: context.recipient_name,
        organisation: context.organisation,
        campaign_name: context.campaign_name,
        sender_organisation: context.sender_organisation,
        deadline: language.date(context.closes_on),
        submitted_on: language.date(today),
        tlp_label: tlp_label(context.tlp),
        tlp_colour: tlp_colour(context.tlp),
        tlp_meaning: language.tlp_meaning(context.tlp),
        link: context.link,
        questionnaire_title: context.questionnaire_title,
        minutes: context.minutes,
        custom,
    };
    let (mut text, html) = bodies(language, kind, &view).map_err(|e| MailError::Render {
        kind,
        reason: e.to_string(),
    })?;
    // askama drops the template file's last newline; a text mail ends with one.
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(RenderedMail {
        subject,
        text,
        html,
    })
}

/// The values every template sees, already in the mail's language.
struct View<'a> {
    lang: &'static str,
    subject: &'a str,
    recipient_name: &'a str,
    organisation: &'a str,
    campaign_name: &'a str,
    sender_organisation: &'a str,
    deadline: String,
    submitted_on: String,
    tlp_label: String,
    tlp_colour: &'static str,
    tlp_meaning: &'static str,
    link: &'a str,
    questionnaire_title: &'a str,
    minutes: Option<u32>,
    /// The campaign's own opening, in place of the template's.
    custom: Option<Custom>,
}

/// A campaign's opening paragraph, filled in, and the time answering takes, which the
/// template's own opening says and a custom one may not.
struct Custom {
    opening: Opening,
    minutes: Option<String>,
}

/// Declares one askama template type per file, each showing a `View`.
macro_rules! templates {
    ($($name:ident => $path:literal,)+) => {
        $(
            #[derive(Template)]
            #[template(path = $path, config = "assets/askama.toml")]
            struct $name<'a> {
                v: &'a View<'a>,
            }
        )+
    };
}

templates! {
    EnInvitationText => "mail/en/invitation.txt",
    EnInvitationHtml => "mail/en/invitation.html",
    EnReminderText => "mail/en/reminder.txt",
    EnReminderHtml => "mail/en/reminder.html",
    EnReceiptText => "mail/en/receipt.txt",
    EnReceiptHtml => "mail/en/receipt.html",
    DeInvitationText => "mail/de/invitation.txt",
    DeInvitationHtml => "mail/de/invitation.html",
    DeReminderText => "mail/de/reminder.txt",
    DeReminderHtml => "mail/de/reminder.html",
    DeReceiptText => "mail/de/receipt.txt",
    DeReceiptHtml => "mail/de/receipt.html",
}

/// The text and HTML bodies of one kind of mail in one language.
fn bodies(language: Language, kind: OutboxKind, v: &View<'_>) -> askama::Result<(String, String)> {
    match (language, kind) {
        (Language::English, OutboxKind::Invitation) => {
            pair(EnInvitationText { v }, EnInvitationHtml { v })
        }
        (Language::English, OutboxKind::Reminder) => {
            pair(EnReminderText { v }, EnReminderHtml { v })
        }
        (Language::English, OutboxKind::Receipt) => pair(EnReceiptText { v }, EnReceiptHtml { v }),
        (Language::German, OutboxKind::Invitation) => {
            pair(DeInvitationText { v }, DeInvitationHtml { v })
        }
        (Language::German, OutboxKind::Reminder) => {
            pair(DeReminderText { v }, DeReminderHtml { v })
        }
        (Language::German, OutboxKind::Receipt) => pair(DeReceiptText { v }, DeReceiptHtml { v }),
        // Not a campaign's mail: `render_password_link` writes it.
        (_, OutboxKind::PasswordLink) => Err(askama::Error::Custom(
            "a password link mail is written by render_password_link".into(),
        )),
        // They name answers and comments: `render_review_mail` writes them.
        (_, OutboxKind::ChangesRequested | OutboxKind::Resubmitted | OutboxKind::Accepted) => Err(
            askama::Error::Custom("a review mail is written by render_review_mail".into()),
        ),
        (_, OutboxKind::PeerReview) => Err(askama::Error::Custom(
            "a peer review mail is written by render_peer_review".into(),
        )),
        (_, OutboxKind::Delegation) => Err(askama::Error::Custom(
            "a delegation mail is written by render_delegation".into(),
        )),
    }
}

fn pair(text: impl Template, html: impl Template) -> askama::Result<(String, String)> {
    Ok((text.render()?, html.render()?))
}
