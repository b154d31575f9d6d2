//! Writing one mail for one participant into the outbox, in the participant's language.

use crate::campaigns::CampaignError;
use crate::mail::OutboxKind;
use crate::mail::{self, MailContext};
use crate::participants::OrganisationKind;
use crate::questionnaire::{Catalogue, Questionnaire};
use crate::storage::DbConn;
use crate::storage::campaigns::CampaignDetails;
use crate::storage::invitations::Invitation;
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
    fn with_placeholder(&self) -> String {
        format!(
            "{}/r/{}{}",
            self.base_url.trim_end_matches('/'),
            outbox::LINK_TOKEN_PLACEHOLDER,
            self.page
        )
    }
}

/// Everything shared by the mails of one campaign, looked up once.
pub struct Composer<'c> {
    campaign: &'c CampaignDetails,
    questionnaires: Vec<(OrganisationKind, Questionnaire)>,
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
        Ok(Composer {
            campaign,
            questionnaires,
        })
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
        let questionnaire = self
            .questionnaires
            .iter()
            .find(|(audience, _)| *audience == participant.audience)
            .map(|(_, q)| q)
            .ok_or_else(|| {
                CampaignError::general(format!(
                    "campaign {} has no questionnaire for {}",
                    self.campaign.campaign.id, participant.audience
                ))
            })?;
        let language = participant
            .language
            .as_deref()
            .filter(|l| {
                questionnaire.languages().iter().any(|q| q == l)
                    && self.campaign.campaign.offers(l)
                    && mail::supports_language(l)
            })
            .unwrap_or("en");
        let organisation = organisations::get_organisation(conn, participant.organisation_id)?;
        let campaign = &self.campaign.campaign;
        let stored_link = link.with_placeholder();
        let context = MailContext {
            language,
            recipient_name: &participant.name,
            organisation: &organisation.name,
            campaign_name: &campaign.name,
            sender_organisation: &campaign.sender_organisation,
            closes_on: campaign.closes_on,
            tlp: campaign.tlp,
            link: &stored_link,
            questionnaire_title: questionnaire.title().get(language),
            minutes: questionnaire.minutes(),
        };
        let rendered = mail::render(kind, &context)?;
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
}
