//! Turning a mail's facts into a subject, a plain-text body and an HTML body.
//!
//! The words come from the interface's word files (`assets/i18n`), the blocks they
//! fill from `compose`, which escapes every value in the HTML part, so a campaign
//! called `<script>` arrives as text. Words that several mails share (subjects,
//! dates, TLP meanings) are reached through `language.rs`.

use chrono::NaiveDate;

use super::MailError;
use super::compose::{Block, Composed};
use super::language::{Language, tlp_label};
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
/// the interface does not speak it.
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
    let w = language.words();
    let wording = wording.filter(|_| kind != OutboxKind::Receipt);
    let subject = match wording {
        Some(w) => wording::fill(w.subject, context),
        None => language.subject(kind, context.campaign_name, context.questionnaire_title),
    };
    let opening = wording.map(|w| Opening::new(&wording::fill(w.opening, context)));
    let deadline = language.date(context.closes_on);
    let day = language.date(today);
    let minutes = context.minutes.map(|m| m.to_string()).unwrap_or_default();
    let tlp = tlp_label(context.tlp);
    let values = [
        ("name", context.recipient_name),
        ("organisation", context.organisation),
        ("campaign", context.campaign_name),
        ("questionnaire", context.questionnaire_title),
        ("sender", context.sender_organisation),
        ("deadline", deadline.as_str()),
        ("day", day.as_str()),
        ("minutes", minutes.as_str()),
        ("tlp", tlp.as_str()),
        ("meaning", language.tlp_meaning(context.tlp)),
    ];
    let minutes_sentence = context.minutes.map(|_| w.minutes);
    let blocks = match kind {
        OutboxKind::Invitation => {
            let mut blocks = vec![Block::Para(vec![w.hello])];
            blocks.extend(opening_blocks(
                opening.as_ref(),
                vec![w.invitation_opening],
                minutes_sentence,
            ));
            blocks.extend([
                Block::Button {
                    label: w.invitation_button,
                },
                Block::Link {
                    intro: w.questionnaire_link,
                },
                Block::Para(vec![w.invitation_keep]),
                Block::Para(vec![w.classification]),
                Block::Para(vec![w.invitation_ignore]),
            ]);
            blocks
        }
        OutboxKind::Reminder => {
            let mut blocks = vec![Block::Para(vec![w.hello])];
            blocks.extend(opening_blocks(
                opening.as_ref(),
                vec![w.reminder_opening, w.reminder_closes],
                minutes_sentence,
            ));
            blocks.extend([
                Block::Button {
                    label: w.reminder_button,
                },
                Block::Link {
                    intro: w.questionnaire_link,
                },
                Block::Para(vec![w.reminder_keep]),
                Block::Para(vec![w.classification]),
                Block::Para(vec![w.reminder_ignore]),
            ]);
            blocks
        }
        OutboxKind::Receipt => vec![
            Block::Para(vec![w.hello]),
            Block::Para(vec![w.receipt_thanks]),
            Block::Button {
                label: w.receipt_button,
            },
            Block::Link {
                intro: w.receipt_link,
            },
            Block::Para(vec![w.receipt_result]),
            Block::Para(vec![w.receipt_open_until]),
            Block::Para(vec![w.classification]),
        ],
        other => {
            return Err(MailError::Render {
                kind: other,
                reason: format!("a {other} mail has a rendering of its own"),
            });
        }
    };
    let mut blocks = blocks;
    blocks.push(Block::Lines(vec![
        w.regards.to_owned(),
        context.sender_organisation.to_owned(),
    ]));
    let composed = Composed {
        blocks,
        link: context.link,
        values: &values,
    };
    composed.mail(kind, language.code(), subject, context.tlp)
}

/// The opening of an invitation or reminder: the campaign's own paragraphs followed by
/// the time it takes, or the shipped texts with the time at the end of their paragraph.
fn opening_blocks<'a>(
    custom: Option<&'a Opening>,
    shipped: Vec<&'static str>,
    minutes: Option<&'static str>,
) -> Vec<Block<'a>> {
    match custom {
        Some(opening) => {
            let mut blocks = vec![Block::Opening(opening)];
            blocks.extend(minutes.map(|m| Block::Para(vec![m])));
            blocks
        }
        None => vec![Block::Para(shipped.into_iter().chain(minutes).collect())],
    }
}
