//! Writing one mail for one participant into the outbox, in the participant's language.

use crate::campaigns::CampaignError;
use crate::mail::{self, MailContext};
use crate::questionnaire::{Catalogue, Questionnaire};
use crate::storage::campaigns::CampaignDetails;
use crate::storage::enums::OutboxKind;
use crate::storage::invitations::Invitation;
use crate::storage::organisations;
use crate::storage::outbox::{self, NewOutboxMail};
use crate::storage::participants::Participant;
use crate::storage::{DbConn, OrganisationKind};

use super::InvitationError;

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
        link: &str,
    ) -> Result<(), InvitationError> {
        let questionnaire = self
            .questionnaires
            .iter()
            .find(|(audience, _)| *audience == participant.audience)
            .map(|(_, q)| q)
            .ok_or_else(|| {
                CampaignError::Invalid(format!(
                    "campaign {} has no questionnaire for {}",
                    self.campaign.campaign.id, participant.audience
                ))
            })?;
        let language = participant
            .language
            .as_deref()
            .filter(|l| {
                questionnaire.languages().iter().any(|q| q == l) && mail::supports_language(l)
            })
            .unwrap_or("en");
        let organisation = organisations::get_organisation(conn, participant.organisation_id)?;
        let campaign = &self.campaign.campaign;
        let context = MailContext {
            language,
            recipient_name: &participant.name,
            organisation: &organisation.name,
            campaign_name: &campaign.name,
            sender_organisation: &campaign.sender_organisation,
            closes_on: campaign.closes_on,
            tlp: campaign.tlp,
            link,
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
            },
        )?;
        Ok(())
    }
}
