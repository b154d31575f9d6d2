//! The preview of a wording: the mail exactly as `invite` or `remind` would write it, for
//! a sample participant and with the link's token left out, before anything is saved or
//! sent. Nothing is written: not the wording, not the outbox, not the audit log.

use serde::Serialize;

use super::{CampaignError, Composer, InvitationError, MailTextInput, check, languages};
use crate::ids::CampaignId;
use crate::invitations::{MailLink, Recipient};
use crate::mail;
use crate::questionnaire::Catalogue;
use crate::storage::DbConn;
use crate::storage::campaigns::get_campaign;

/// Who the sample mail is for.
pub const SAMPLE_NAME: &str = "Alex Example";

/// The organisation the sample participant answers for.
pub const SAMPLE_ORGANISATION: &str = "Example organisation";

/// What the preview shows where each participant's own token goes: plainly not a
/// token, and not the outbox's placeholder either, which is a storage detail.
pub const SAMPLE_LINK_TOKEN: &str = "your-personal-link";

/// A rendered mail: what its recipient would see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PreviewMail {
    pub subject: String,
    /// The plain-text part.
    pub text: String,
    /// The HTML part.
    pub html: String,
    /// Which audience's questionnaire the sample participant answers.
    pub audience: String,
}

/// The mail `input` (checked as [`save`](super::save) checks it) would make for a sample
/// participant of the first audience whose questionnaire offers its language, with
/// `base_url`'s link and no token.
pub fn preview(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    base_url: &str,
    campaign: CampaignId,
    input: &MailTextInput,
) -> Result<PreviewMail, InvitationError> {
    let details = get_campaign(conn, campaign.get()).map_err(CampaignError::from)?;
    let mut composer = Composer::new(conn, catalogue, &details)?;
    let offered = languages(&composer);
    let checked = check(input, &offered).map_err(CampaignError::Invalid)?;
    if checked.is_shipped() {
        // Rendered as the mail without a wording of its own is: byte for byte the same.
        composer.clear_wording(checked.kind, checked.language);
    } else {
        composer.set_wording(
            checked.kind,
            checked.language,
            checked.subject.as_str(),
            checked.opening.as_str(),
        );
    }
    let speaks = |code: &String| mail::mail_language(code) == checked.language;
    let (audience, code) = composer
        .questionnaires()
        .iter()
        .find_map(|(audience, q)| {
            q.languages()
                .iter()
                .find(|c| speaks(c))
                .map(|c| (*audience, c.clone()))
        })
        .or_else(|| {
            let (audience, _) = composer.questionnaires().first()?;
            Some((*audience, checked.language.to_owned()))
        })
        .ok_or_else(|| CampaignError::general("the campaign has no questionnaire"))?;
    let recipient = Recipient {
        name: SAMPLE_NAME,
        organisation: SAMPLE_ORGANISATION,
        audience,
        language: Some(&code),
    };
    let link = MailLink {
        base_url,
        token: "",
        page: "",
    };
    let kind = checked.kind.outbox_kind();
    let rendered = composer.render(
        kind,
        &recipient,
        &link.with_token_shown_as(SAMPLE_LINK_TOKEN),
    )?;
    Ok(PreviewMail {
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        audience: audience.to_string(),
    })
}
