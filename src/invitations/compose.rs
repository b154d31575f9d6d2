//! Writing one mail for one participant into the outbox, in the participant's language and
//! in the campaign's own wording where it has one (`mail_texts`).

use crate::campaigns::CampaignError;
use crate::mail::OutboxKind;
use crate::mail::{self, MailContext, RenderedMail, Wording};
use crate::mail_texts::MailTextKind;
use crate::participants::OrganisationKind;
use crate::questionnaire::{Catalogue, Questionnaire};
use crate::storage::DbConn;
use crate::storage::campaigns::CampaignDetails;
use crate::storage::invitations::Invitation;
use crate::storage::mail_texts::{self, StoredMailText};
use crate::storage::organisations;
use crate::storage::outbox::{self, NewOutboxMail};
use crate::storage::participants::Participant;

use super::InvitationError;

/// Where a mail's link leads: `{base_url}/r/{token}{page}`.
///
/// The mail is stored with [`outbox::LINK_TOKEN_PLACEHOLDER`] in place of the
/// token and the token beside it, only until the mail is sent (see
/// `storage::outbox`), so no stored body ever holds a working link.
#[derive(Debug, Clone, Copy)]
pub struct MailLink<'a> {
    /// The service's `base_url`.
    pub base_url: &'a str,
    /// The respondent's link token.
    pub token: &'a str,
    /// What follows the token, e.g. `/result`; empty for the questionnaire.
    pub page: &'a str,
}

impl MailLink<'_> {
    /// The link as stored in the mail, the token left out.
    pub fn with_placeholder(&self) -> String {
        self.with_token_shown_as(outbox::LINK_TOKEN_PLACEHOLDER)
    }

    /// The link with `shown` where the token goes.
    pub fn with_token_shown_as(&self, shown: &str) -> String {
        format!(
            "{}/r/{shown}{}",
            self.base_url.trim_end_matches('/'),
            self.page
        )
    }
}

/// Everything shared by the mails of one campaign, looked up once.
pub struct Composer<'c> {
    campaign: &'c CampaignDetails,
    questionnaires: Vec<(OrganisationKind, std::sync::Arc<Questionnaire>)>,
    /// The campaign's own wordings; a kind and language without one gets the shipped text.
    wordings: Vec<StoredMailText>,
}

/// Who a mail is for: a participant, or the sample one of a preview.
#[derive(Debug, Clone, Copy)]
pub struct Recipient<'a> {
    pub name: &'a str,
    pub organisation: &'a str,
    pub audience: OrganisationKind,
    /// The language they asked for, if any.
    pub language: Option<&'a str>,
}

impl<'c> Composer<'c> {
    /// Loads the campaign's questionnaires at the versions it uses: from the loaded files
    /// when they match, otherwise from the stored snapshot.
    pub fn new(
        conn: &mut DbConn,
        catalogue: &Catalogue,
        campaign: &'c CampaignDetails,
    ) -> Result<Self, InvitationError> {
        let mut questionnaires = Vec::new();
        for choice in &campaign.questionnaires {
            let questionnaire = crate::campaigns::questionnaire_at(
                conn,
                catalogue,
                &choice.questionnaire_id,
                &choice.questionnaire_version,
            )?;
            questionnaires.push((choice.audience, questionnaire));
        }
        let wordings = mail_texts::list(conn, campaign.campaign.id)?;
        Ok(Composer {
            campaign,
            questionnaires,
            wordings,
        })
    }

    /// The campaign's questionnaires, by audience.
    pub fn questionnaires(&self) -> &[(OrganisationKind, std::sync::Arc<Questionnaire>)] {
        &self.questionnaires
    }

    /// The campaign's questionnaire for `audience`; a campaign without one cannot write
    /// to its participants.
    pub fn questionnaire_for(
        &self,
        audience: OrganisationKind,
    ) -> Result<&Questionnaire, InvitationError> {
        self.questionnaires
            .iter()
            .find(|(a, _)| *a == audience)
            .map(|(_, q)| q.as_ref())
            .ok_or_else(|| {
                CampaignError::general(format!(
                    "campaign {} has no questionnaire for {}",
                    self.campaign.campaign.id, audience
                ))
                .into()
            })
    }

    /// The campaign's own wording of `kind` in the mail language `language`, if any.
    pub fn stored_wording(&self, kind: MailTextKind, language: &str) -> Option<&StoredMailText> {
        self.wordings
            .iter()
            .find(|w| w.kind == kind && w.language == language)
    }

    /// Uses the shipped wording for `kind` in `language`, whatever is stored: a preview
    /// of going back to it.
    pub fn clear_wording(&mut self, kind: MailTextKind, language: &str) {
        self.wordings
            .retain(|w| !(w.kind == kind && w.language == language));
    }

    /// Uses `subject` and `opening` for `kind` in `language` instead of what is stored: a
    /// preview of words not saved yet.
    pub fn set_wording(
        &mut self,
        kind: MailTextKind,
        language: &str,
        subject: &str,
        opening: &str,
    ) {
        self.clear_wording(kind, language);
        self.wordings.push(StoredMailText {
            campaign_id: self.campaign.campaign.id,
            kind,
            language: language.to_owned(),
            subject: subject.to_owned(),
            opening: opening.to_owned(),
            updated_at: crate::storage::now(),
        });
    }

    /// Renders the mail for `participant` and adds it to the outbox.
    pub fn queue(
        &self,
        conn: &mut DbConn,
        kind: OutboxKind,
        invitation: &Invitation,
        participant: &Participant,
        link: &MailLink<'_>,
    ) -> Result<(), InvitationError> {
        let organisation = organisations::get_organisation(conn, participant.organisation_id)?;
        let recipient = Recipient {
            name: &participant.name,
            organisation: &organisation.name,
            audience: participant.audience,
            language: participant.language.as_deref(),
        };
        let rendered = self.render(kind, &recipient, &link.with_placeholder())?;
        outbox::enqueue(
            conn,
            &NewOutboxMail {
                kind,
                invitation_id: Some(invitation.id),
                recipient: &participant.email,
                subject: &rendered.subject,
                body_text: &rendered.text,
                body_html: &rendered.html,
                message_id: &mail::new_message_id(link.base_url),
                link_token: Some(link.token),
            },
        )?;
        Ok(())
    }

    /// The mail of `kind` for `recipient`, with `link` as its link, in their language
    /// when their questionnaire and the mails have it, else in English.
    pub fn render(
        &self,
        kind: OutboxKind,
        recipient: &Recipient<'_>,
        link: &str,
    ) -> Result<RenderedMail, InvitationError> {
        let questionnaire = self.questionnaire_for(recipient.audience)?;
        let language = recipient
            .language
            .filter(|l| {
                questionnaire.languages().iter().any(|q| q == l)
                    && self.campaign.campaign.offers(l)
                    && mail::supports_language(l)
            })
            .unwrap_or("en");
        let campaign = &self.campaign.campaign;
        let context = MailContext {
            language,
            recipient_name: recipient.name,
            organisation: recipient.organisation,
            campaign_name: &campaign.name,
            sender_organisation: &campaign.sender_organisation,
            closes_on: campaign.closes_on,
            tlp: campaign.tlp,
            link,
            questionnaire_title: questionnaire.title().get(language),
            minutes: questionnaire.minutes(),
        };
        let wording = MailTextKind::of(kind)
            .and_then(|kind| self.stored_wording(kind, mail::mail_language(language)))
            .map(|w| Wording {
                subject: &w.subject,
                opening: &w.opening,
            });
        Ok(mail::render_worded(kind, &context, wording)?)
    }
}
