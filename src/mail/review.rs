//! The mails of a review by the campaign's team: to the participant when a reviewer sends
//! the response back (the answers to change and the comments, with a fresh link) or
//! accepts it, and to the reviewers when the participant submits again.
//!
//! The participant's mails speak every language of the interface; the reviewers' mail is
//! in English, as the analyst pages are.

use askama::Template;
use chrono::NaiveDate;

use super::compose::{Block, Composed};
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

/// The values of the reviewers' mail template.
struct View<'a> {
    lang: &'static str,
    subject: &'a str,
    organisation: &'a str,
    campaign_name: &'a str,
    questionnaire_title: &'a str,
    tlp_label: String,
    tlp_colour: &'static str,
    tlp_meaning: &'static str,
    link: &'a str,
    day: String,
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
    ResubmittedText => "mail/en/resubmitted.txt",
    ResubmittedHtml => "mail/en/resubmitted.html",
}

/// Renders a review mail; refused (`MailError::Render`) for a kind that is not one.
pub fn render_review_mail(mail: &ReviewMail<'_>) -> Result<RenderedMail, MailError> {
    match mail.kind {
        OutboxKind::ChangesRequested | OutboxKind::Accepted => render_to_participant(mail),
        OutboxKind::Resubmitted => render_to_reviewers(mail),
        other => Err(MailError::Render {
            kind: other,
            reason: format!("{other} is not a review mail"),
        }),
    }
}

/// A change request or an acceptance, in the participant's language.
fn render_to_participant(mail: &ReviewMail<'_>) -> Result<RenderedMail, MailError> {
    let language = Language::or_english(mail.language);
    let w = language.words();
    let subject = language.subject(mail.kind, mail.campaign_name, mail.questionnaire_title);
    let day = language.date(mail.day);
    let tlp = tlp_label(mail.tlp);
    let values = [
        ("name", mail.recipient_name),
        ("organisation", mail.organisation),
        ("campaign", mail.campaign_name),
        ("questionnaire", mail.questionnaire_title),
        ("sender", mail.sender_organisation),
        ("day", day.as_str()),
        ("tlp", tlp.as_str()),
        ("meaning", language.tlp_meaning(mail.tlp)),
    ];
    let mut blocks = vec![Block::Para(vec![w.hello])];
    if mail.kind == OutboxKind::ChangesRequested {
        let flagged = mail
            .flagged
            .iter()
            .map(|f| {
                let comment = if f.comment.is_empty() {
                    w.changes_please.to_owned()
                } else {
                    f.comment.clone()
                };
                (f.question.clone(), Some(comment))
            })
            .collect();
        blocks.extend([
            Block::Para(vec![w.changes_intro]),
            Block::List(flagged),
            Block::Para(vec![w.changes_only]),
            Block::Button {
                label: w.changes_button,
            },
            Block::Link {
                intro: w.changes_link,
            },
            Block::Para(vec![w.link_alone]),
        ]);
    } else {
        blocks.extend([
            Block::Para(vec![w.accepted_text]),
            Block::Para(vec![w.accepted_result]),
        ]);
    }
    blocks.extend([
        Block::Para(vec![w.classification]),
        Block::Lines(vec![
            w.regards.to_owned(),
            mail.sender_organisation.to_owned(),
        ]),
    ]);
    let composed = Composed {
        blocks,
        link: mail.link,
        values: &values,
    };
    composed.mail(mail.kind, language.code(), subject, mail.tlp)
}

/// The notice to the reviewers that the participant submitted again, in English as the
/// analysts' pages are.
fn render_to_reviewers(mail: &ReviewMail<'_>) -> Result<RenderedMail, MailError> {
    let language = Language::ENGLISH;
    let subject = language.subject(mail.kind, mail.campaign_name, mail.questionnaire_title);
    let view = View {
        lang: language.code(),
        subject: &subject,
        organisation: mail.organisation,
        campaign_name: mail.campaign_name,
        questionnaire_title: mail.questionnaire_title,
        tlp_label: tlp_label(mail.tlp),
        tlp_colour: tlp_colour(mail.tlp),
        tlp_meaning: language.tlp_meaning(mail.tlp),
        link: mail.link,
        day: language.date(mail.day),
    };
    let v = &view;
    let (mut text, html) =
        pair(ResubmittedText { v }, ResubmittedHtml { v }).map_err(|e| MailError::Render {
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
