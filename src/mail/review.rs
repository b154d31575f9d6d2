//! The mails of a review by the campaign's team: to the participant when a reviewer sends
//! the response back (the answers to change and the comments, with a fresh link) or
//! accepts it, and to the reviewers when the participant submits again.
//!
//! The participant's mails speak English or German; the reviewers' mail is in English,
//! as the analyst pages are.

use askama::Template;
use chrono::NaiveDate;

use super::language::{Language, tlp_colour, tlp_label};
use super::{MailError, OutboxKind, RenderedMail};
use crate::campaigns::Tlp;

/// One answer a change request flagged, as the mail names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlaggedAnswer {
    /// The question's text in the mail's language.
    pub question: String,
    /// The reviewer's comment; empty when they only flagged it.
    pub comment: String,
}

/// What a review mail says.
#[derive(Debug, Clone, Copy)]
pub struct ReviewMail<'a> {
    /// `ChangesRequested`, `Accepted` or `Resubmitted`.
    pub kind: OutboxKind,
    /// The recipient's language code; the reviewers' mail is always English.
    pub language: &'a str,
    pub recipient_name: &'a str,
    /// The organisation the response is for.
    pub organisation: &'a str,
    pub campaign_name: &'a str,
    pub sender_organisation: &'a str,
    pub questionnaire_title: &'a str,
    pub tlp: Tlp,
    /// The participant's link (token as the outbox placeholder), or the response's page
    /// for a reviewer.
    pub link: &'a str,
    /// The day of the decision or the resubmit.
    pub day: NaiveDate,
    /// The answers sent back, for a change request.
    pub flagged: &'a [FlaggedAnswer],
}

struct View<'a> {
    lang: &'static str,
    subject: &'a str,
    recipient_name: &'a str,
    organisation: &'a str,
    campaign_name: &'a str,
    sender_organisation: &'a str,
    questionnaire_title: &'a str,
    tlp_label: String,
    tlp_colour: &'static str,
    tlp_meaning: &'static str,
    link: &'a str,
    day: String,
    flagged: &'a [FlaggedAnswer],
    /// The words of a flag without a comment.
    please_change: &'static str,
}

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
    EnChangesText => "mail/en/changes_requested.txt",
    EnChangesHtml => "mail/en/changes_requested.html",
    DeChangesText => "mail/de/changes_requested.txt",
    DeChangesHtml => "mail/de/changes_requested.html",
    EnAcceptedText => "mail/en/accepted.txt",
    EnAcceptedHtml => "mail/en/accepted.html",
    DeAcceptedText => "mail/de/accepted.txt",
    DeAcceptedHtml => "mail/de/accepted.html",
    EnResubmittedText => "mail/en/resubmitted.txt",
    EnResubmittedHtml => "mail/en/resubmitted.html",
}

/// Renders a review mail; refused (`MailError::Render`) for a kind that is not one.
pub fn render_review_mail(mail: &ReviewMail<'_>) -> Result<RenderedMail, MailError> {
    let language = match mail.kind {
        OutboxKind::Resubmitted => Language::English,
        _ => Language::or_english(mail.language),
    };
    let subject = language.subject(mail.kind, mail.campaign_name, mail.questionnaire_title);
    let view = View {
        lang: language.code(),
        subject: &subject,
        recipient_name: mail.recipient_name,
        organisation: mail.organisation,
        campaign_name: mail.campaign_name,
        sender_organisation: mail.sender_organisation,
        questionnaire_title: mail.questionnaire_title,
        tlp_label: tlp_label(mail.tlp),
        tlp_colour: tlp_colour(mail.tlp),
        tlp_meaning: language.tlp_meaning(mail.tlp),
        link: mail.link,
        day: language.date(mail.day),
        flagged: mail.flagged,
        please_change: match language {
            Language::English => "Please change this answer.",
            Language::German => "Bitte ändern Sie diese Antwort.",
        },
    };
    let v = &view;
    let bodies = match (language, mail.kind) {
        (Language::English, OutboxKind::ChangesRequested) => {
            pair(EnChangesText { v }, EnChangesHtml { v })
        }
        (Language::German, OutboxKind::ChangesRequested) => {
            pair(DeChangesText { v }, DeChangesHtml { v })
        }
        (Language::English, OutboxKind::Accepted) => {
            pair(EnAcceptedText { v }, EnAcceptedHtml { v })
        }
        (Language::German, OutboxKind::Accepted) => {
            pair(DeAcceptedText { v }, DeAcceptedHtml { v })
        }
        (_, OutboxKind::Resubmitted) => pair(EnResubmittedText { v }, EnResubmittedHtml { v }),
        (_, other) => Err(askama::Error::Custom(
            format!("{other} is not a review mail").into(),
        )),
    };
    let (mut text, html) = bodies.map_err(|e| MailError::Render {
        kind: mail.kind,
        reason: e.to_string(),
    })?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(RenderedMail {
        subject,
        text,
        html,
    })
}

fn pair(text: impl Template, html: impl Template) -> askama::Result<(String, String)> {
    Ok((text.render()?, html.render()?))
}
