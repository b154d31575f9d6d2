//! A campaign's wording of its invitations and reminders: per kind and mail language, a
//! subject and an opening paragraph of its own, in place of the shipped ones. Everything
//! else in those mails (the link, the deadline, the TLP line, what happens to the answers)
//! stays the templates', so no wording can leave it out.
//!
//! Every door uses these operations: the page and the API read ([`current`]), change
//! ([`save`], audited here) and try out ([`preview`]) a wording; `invite` and `remind`
//! pick it up through [`Composer`](crate::invitations::Composer), whichever door they
//! came through.

mod check;
mod paragraph;
mod preview;

use serde::{Deserialize, Serialize};

use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::campaigns::CampaignError;
use crate::ids::CampaignId;
use crate::invitations::{Composer, InvitationError};
use crate::mail::{self, OutboxKind};
use crate::problems::FieldProblem;
use crate::questionnaire::Catalogue;
use crate::storage::DbConn;
use crate::storage::campaigns::get_campaign;
use crate::storage::mail_texts as stored;

use check::{Checked, check};

pub use check::field_name;
pub use paragraph::{MAX_PARAGRAPH_CHARS, Paragraph, ParagraphError};
pub use preview::{PreviewMail, SAMPLE_NAME, SAMPLE_ORGANISATION, preview};

crate::words::word_enum!(
    /// The mails a campaign may word itself.
    MailTextKind, "mail text kind", {
        /// The first mail, with the personal link.
        Invitation => "invitation",
        /// A later nudge to someone who has not submitted.
        Reminder => "reminder",
    }
);

impl MailTextKind {
    /// The wording kind of an outbox mail; none for a receipt.
    pub fn of(kind: OutboxKind) -> Option<MailTextKind> {
        match kind {
            OutboxKind::Invitation => Some(MailTextKind::Invitation),
            OutboxKind::Reminder => Some(MailTextKind::Reminder),
            OutboxKind::Receipt
            | OutboxKind::PasswordLink
            | OutboxKind::ChangesRequested
            | OutboxKind::Resubmitted
            | OutboxKind::Accepted
            | OutboxKind::PeerReview
            | OutboxKind::Delegation => None,
        }
    }

    pub fn outbox_kind(self) -> OutboxKind {
        match self {
            MailTextKind::Invitation => OutboxKind::Invitation,
            MailTextKind::Reminder => OutboxKind::Reminder,
        }
    }
}

/// The wording of one kind of mail in one language, as the campaign sends it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct MailText {
    /// `invitation` or `reminder`.
    #[schema(example = "invitation")]
    pub kind: String,
    /// The mail language: `en`, or another language the campaign's questionnaires offer
    /// and the mails are written in.
    #[schema(example = "en")]
    pub language: String,
    /// The subject line, placeholders unfilled.
    pub subject: String,
    /// The opening paragraph, placeholders unfilled; lines end in `\n`.
    pub opening: String,
    /// Whether this is the campaign's own wording (false: the shipped one).
    pub custom: bool,
}

/// A wording to save or preview. Placeholders: `{name}`, `{organisation}`, `{campaign}`,
/// `{questionnaire}`, `{sender}`.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MailTextInput {
    /// `invitation` or `reminder`.
    #[schema(example = "invitation", pattern = "^(invitation|reminder)$")]
    pub kind: String,
    /// One of the languages `GET …/mail-texts` lists for the campaign.
    #[schema(example = "en")]
    pub language: String,
    /// 1 to 200 characters, no line breaks or other control characters.
    #[schema(min_length = 1, max_length = 200)]
    pub subject: String,
    /// 1 to 2000 characters; line breaks allowed, no other control characters.
    #[schema(min_length = 1, max_length = 2000)]
    pub opening: String,
}

/// The mail languages a campaign's wordings are kept in: English, which every mail falls
/// back to, then each other language its questionnaires offer that mails are written in.
pub fn languages(composer: &Composer<'_>) -> Vec<&'static str> {
    let mut languages = vec!["en"];
    for (_, questionnaire) in composer.questionnaires() {
        for code in questionnaire.languages() {
            let language = mail::mail_language(code);
            if mail::supports_language(code) && !languages.contains(&language) {
                languages.push(language);
            }
        }
    }
    languages
}

/// Every kind in every language of the campaign, with the wording its mails use now.
pub fn current(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    campaign: CampaignId,
) -> Result<Vec<MailText>, InvitationError> {
    let details = get_campaign(conn, campaign.get()).map_err(CampaignError::from)?;
    let composer = Composer::new(conn, catalogue, &details)?;
    Ok(listed(&composer))
}

fn listed(composer: &Composer<'_>) -> Vec<MailText> {
    let mut texts = Vec::new();
    for kind in MailTextKind::ALL {
        for language in languages(composer) {
            let text = match composer.stored_wording(*kind, language) {
                Some(w) => (w.subject.clone(), w.opening.clone(), true),
                None => {
                    let shipped = shipped(*kind, language);
                    (
                        shipped.subject.to_owned(),
                        shipped.opening.to_owned(),
                        false,
                    )
                }
            };
            texts.push(MailText {
                kind: kind.to_string(),
                language: language.to_owned(),
                subject: text.0,
                opening: text.1,
                custom: text.2,
            });
        }
    }
    texts
}

/// The shipped wording of an invitation or reminder, which always exists.
fn shipped(kind: MailTextKind, language: &str) -> mail::Wording<'static> {
    mail::default_wording(language, kind.outbox_kind())
        .expect("invitations and reminders have a shipped wording")
}

/// Checks every wording, then stores them all or none, audited as done by `actor` in the
/// same transaction. A wording equal to the shipped one is not stored: the kind and
/// language go back to the shipped text, and follow it should it ever change. Kinds and
/// languages not named keep what they have.
pub fn save(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    campaign: CampaignId,
    inputs: &[MailTextInput],
    actor: &Actor,
) -> Result<Vec<MailText>, InvitationError> {
    let details = get_campaign(conn, campaign.get()).map_err(CampaignError::from)?;
    let composer = Composer::new(conn, catalogue, &details)?;
    let offered = languages(&composer);
    let mut problems = Vec::new();
    let mut checked: Vec<Checked> = Vec::new();
    for input in inputs {
        match check(input, &offered) {
            Ok(c)
                if checked
                    .iter()
                    .any(|o| o.kind == c.kind && o.language == c.language) =>
            {
                problems.push(FieldProblem::general(format!(
                    "{} in \"{}\" is given twice",
                    c.kind, c.language
                )));
            }
            Ok(c) => checked.push(c),
            Err(mut found) => problems.append(&mut found),
        }
    }
    if !problems.is_empty() {
        return Err(CampaignError::Invalid(problems).into());
    }
    let detail = checked
        .iter()
        .map(|c| {
            let which = if c.is_shipped() { "shipped" } else { "custom" };
            format!("{}/{}: {which}", c.kind, c.language)
        })
        .collect::<Vec<_>>()
        .join(", ");
    crate::storage::write_transaction(conn, |conn| {
        let now = crate::storage::now();
        for c in &checked {
            if c.is_shipped() {
                stored::remove(conn, campaign.get(), c.kind, c.language)?;
            } else {
                let (subject, opening) = (c.subject.as_str(), c.opening.as_str());
                stored::put(
                    conn,
                    campaign.get(),
                    c.kind,
                    c.language,
                    subject,
                    opening,
                    now,
                )?;
            }
        }
        let subject = AuditSubject::Campaign(campaign);
        let detail = (!detail.is_empty()).then_some(detail.as_str());
        audit::record(conn, actor, AuditAction::MailTextsSave, &subject, detail)?;
        Ok::<_, InvitationError>(())
    })?;
    current(conn, catalogue, campaign)
}
