//! The mails of a review by the campaign's team, written to the outbox in the caller's
//! transaction (the one of the decision or the resubmit that causes them): to the
//! participant when a reviewer sends the response back or accepts it, to the campaign's
//! reviewers when the participant submits again.

use chrono::NaiveDateTime;

use super::{InvitationError, MailLink, Token};
use crate::campaigns::questionnaire_at;
use crate::ids::ResponseId;
use crate::mail::{self, FlaggedAnswer, OutboxKind, ReviewMail, render_review_mail};
use crate::questionnaire::{Catalogue, Questionnaire};
use crate::storage::campaigns::Campaign;
use crate::storage::invitations::{self as stored, Invitation};
use crate::storage::outbox::{self, NewOutboxMail};
use crate::storage::participants::{self, Participant};
use crate::storage::responses::Response;
use crate::storage::{DbConn, write_transaction};

/// Everything a review mail about one response needs, looked up once.
struct About {
    response: Response,
    invitation: Invitation,
    participant: Participant,
    organisation: String,
    campaign: Campaign,
    questionnaire: Questionnaire,
}

impl About {
    fn load(
        conn: &mut DbConn,
        catalogue: Option<&Catalogue>,
        response: ResponseId,
    ) -> Result<About, InvitationError> {
        let response = crate::storage::responses::get(conn, response.get())?;
        let invitation = stored::get_invitation(conn, response.invitation_id)?;
        let participant = participants::get_participant(conn, invitation.participant_id)?;
        let organisation =
            crate::storage::organisations::get_organisation(conn, participant.organisation_id)?
                .name;
        let campaign = crate::storage::campaigns::get_campaign(conn, participant.campaign_id)?;
        let empty = Catalogue::default();
        let questionnaire = questionnaire_at(
            conn,
            catalogue.unwrap_or(&empty),
            &response.questionnaire_id,
            &response.questionnaire_version,
        )?;
        Ok(About {
            response,
            invitation,
            participant,
            organisation,
            campaign: campaign.campaign,
            questionnaire: std::sync::Arc::unwrap_or_clone(questionnaire),
        })
    }

    /// The participant's mail language: the one they answer in, when mails have it.
    fn language(&self) -> &str {
        [
            Some(self.response.language.as_str()),
            self.participant.language.as_deref(),
        ]
        .into_iter()
        .flatten()
        .find(|l| mail::supports_language(l))
        .unwrap_or("en")
    }

    fn mail<'a>(&'a self, kind: OutboxKind, language: &'a str, link: &'a str) -> ReviewMail<'a> {
        ReviewMail {
            kind,
            language,
            recipient_name: &self.participant.name,
            organisation: &self.organisation,
            campaign_name: &self.campaign.name,
            sender_organisation: &self.campaign.sender_organisation,
            questionnaire_title: self.questionnaire.title().get(language),
            tlp: self.campaign.tlp,
            link,
            day: crate::storage::now().date(),
            flagged: &[],
        }
    }
}

/// Queues the mail telling the participant that a reviewer sent the response back: the
/// flagged questions (their texts) with the reviewer's comments, and a fresh personal
/// link. As with a reminder, the link gets a new token, so the earlier link stops
/// working, and the token is kept only in the outbox row until the mail is sent.
pub fn queue_changes_requested(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    base_url: &str,
    response: ResponseId,
    at: NaiveDateTime,
) -> Result<(), InvitationError> {
    write_transaction(conn, |conn| {
        let about = About::load(conn, Some(catalogue), response)?;
        let language = about.language();
        let comments = crate::storage::review_comments::of_latest_request(conn, response.get())?;
        let flagged: Vec<FlaggedAnswer> = about
            .questionnaire
            .questions()
            .filter_map(|q| {
                let c = comments
                    .iter()
                    .find(|c| c.please_change && c.question_id == q.id())?;
                Some(FlaggedAnswer {
                    question: q.text().get(language).to_owned(),
                    comment: c.body.clone().unwrap_or_default(),
                })
            })
            .collect();
        let token = Token::generate();
        stored::replace_token(conn, about.invitation.id, &token.hash())?;
        let link = MailLink {
            base_url,
            token: token.as_str(),
            page: "",
        };
        let shown = link.with_placeholder();
        let mut mail = about.mail(OutboxKind::ChangesRequested, language, &shown);
        mail.day = at.date();
        mail.flagged = &flagged;
        let rendered = render_review_mail(&mail)?;
        enqueue(
            conn,
            &about,
            &rendered,
            base_url,
            Some(token.as_str()),
            mail.kind,
        )
    })
}

/// Queues the mail telling the participant that a reviewer accepted the response, and
/// on which day. It carries no link: the one they have still opens the result.
pub fn queue_accepted(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    base_url: &str,
    response: ResponseId,
    at: NaiveDateTime,
) -> Result<(), InvitationError> {
    write_transaction(conn, |conn| {
        let about = About::load(conn, Some(catalogue), response)?;
        let language = about.language();
        let mut mail = about.mail(OutboxKind::Accepted, language, "");
        mail.day = at.date();
        let rendered = render_review_mail(&mail)?;
        enqueue(conn, &about, &rendered, base_url, None, mail.kind)
    })
}

/// Queues one mail to every enabled reviewer of the response's campaign, saying it was
/// submitted again, with the link to its page: `{base_url}/campaigns/{cid}/responses/{rid}`.
/// Nobody is mailed when the campaign has no reviewer left.
pub fn queue_resubmitted(
    conn: &mut DbConn,
    base_url: &str,
    response: ResponseId,
    at: NaiveDateTime,
) -> Result<(), InvitationError> {
    write_transaction(conn, |conn| {
        let about = About::load(conn, None, response)?;
        let reviewers = crate::storage::analysts::enabled_reviewers_of(conn, about.campaign.id)?;
        let link = format!(
            "{}/campaigns/{}/responses/{}",
            base_url.trim_end_matches('/'),
            about.campaign.id,
            response.get()
        );
        for reviewer in &reviewers {
            let mut mail = about.mail(OutboxKind::Resubmitted, "en", &link);
            mail.recipient_name = &reviewer.email;
            mail.day = at.date();
            let rendered = render_review_mail(&mail)?;
            outbox::enqueue(
                conn,
                &NewOutboxMail {
                    kind: OutboxKind::Resubmitted,
                    invitation_id: None,
                    recipient: &reviewer.email,
                    subject: &rendered.subject,
                    body_text: &rendered.text,
                    body_html: &rendered.html,
                    message_id: &mail::new_message_id(base_url),
                    link_token: None,
                },
            )?;
        }
        Ok(())
    })
}

/// Writes a mail to the participant into the outbox.
fn enqueue(
    conn: &mut DbConn,
    about: &About,
    rendered: &mail::RenderedMail,
    base_url: &str,
    link_token: Option<&str>,
    kind: OutboxKind,
) -> Result<(), InvitationError> {
    outbox::enqueue(
        conn,
        &NewOutboxMail {
            kind,
            invitation_id: Some(about.invitation.id),
            recipient: &about.participant.email,
            subject: &rendered.subject,
            body_text: &rendered.text,
            body_html: &rendered.html,
            message_id: &mail::new_message_id(base_url),
            link_token,
        },
    )?;
    Ok(())
}
