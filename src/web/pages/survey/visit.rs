//! A respondent's visit: what a link token opens, loaded once per request.

use chrono::Utc;

use crate::campaigns::questionnaire_at;
use crate::invitations::{self, OpenInvitation};
use crate::questionnaire::{Answers, Catalogue, Questionnaire};
use crate::responses::ResponseState;
use crate::storage::responses::{self, Response};
use crate::storage::{self, DbConn, StorageError};

/// Everything a respondent page needs.
pub struct Visit {
    pub token: String,
    pub open: OpenInvitation,
    pub questionnaire: Questionnaire,
    /// `None` until the first answers are saved.
    pub response: Option<Response>,
    pub answers: Answers,
    pub language: String,
    /// The name of the organisation the participant answers for.
    pub organisation: String,
}

impl Visit {
    /// Loads what `token` opens; `None` for an unknown, revoked or closed one, which
    /// every caller answers with the same 404 after the same database work (see
    /// [`invitations::open`]).
    pub fn load(
        conn: &mut DbConn,
        catalogue: &Catalogue,
        token: &str,
        requested_language: Option<&str>,
    ) -> Result<Option<Visit>, StorageError> {
        let today = Utc::now().date_naive();
        let Some(open) = invitations::open(conn, token, today)? else {
            return Ok(None);
        };
        let Some(choice) = open
            .campaign
            .questionnaires
            .iter()
            .find(|q| q.audience == open.participant.audience)
        else {
            return Ok(None);
        };
        // Only the first visit writes: a write on every page would queue each view
        // behind every save on SQLite's single writer lock.
        if open.invitation.opened_at.is_none() {
            storage::invitations::mark_opened(conn, open.invitation.id, storage::now())?;
        }
        let questionnaire = questionnaire_at(
            conn,
            catalogue,
            &choice.questionnaire_id,
            &choice.questionnaire_version,
        )?;
        let organisation =
            storage::organisations::get_organisation(conn, open.participant.organisation_id)?.name;
        let mut response = responses::find_for_invitation(conn, open.invitation.id)?;
        let answers = match &response {
            Some(r) => responses::load_answers(conn, r.id)?,
            None => Answers::new(),
        };
        let offered = |l: &str| questionnaire.languages().iter().any(|q| q == l);
        let requested = requested_language.filter(|l| offered(l)).map(str::to_owned);
        // A chosen language is kept with the response, started now if need be, so the
        // next page speaks it too.
        if let Some(language) = &requested {
            match &response {
                Some(r) if &r.language != language => {
                    responses::set_language(conn, r.id, language)?
                }
                Some(_) => {}
                None => {
                    let q = (questionnaire.id(), questionnaire.version());
                    response = Some(responses::find_or_start(
                        conn,
                        open.invitation.id,
                        q,
                        language,
                    )?);
                }
            }
        }
        let language = requested
            .or_else(|| response.as_ref().map(|r| r.language.clone()))
            .or_else(|| open.participant.language.clone().filter(|l| offered(l)))
            .unwrap_or_else(|| questionnaire.languages()[0].clone());
        Ok(Some(Visit {
            token: token.to_owned(),
            open,
            questionnaire,
            response,
            answers,
            language,
            organisation,
        }))
    }

    pub fn is_submitted(&self) -> bool {
        self.response
            .as_ref()
            .is_some_and(|r| r.state == ResponseState::Submitted)
    }

    /// The path of a page of this visit, e.g. `s/2`; "" for the welcome page.
    pub fn path(&self, page: &str) -> String {
        if page.is_empty() {
            format!("/r/{}", self.token)
        } else {
            format!("/r/{}/{page}", self.token)
        }
    }

    /// The response, started now if this is the first save.
    pub fn ensure_response(&mut self, conn: &mut DbConn) -> Result<&Response, StorageError> {
        if self.response.is_none() {
            let q = &self.questionnaire;
            let started = responses::find_or_start(
                conn,
                self.open.invitation.id,
                (q.id(), q.version()),
                &self.language,
            )?;
            self.response = Some(started);
        }
        self.response.as_ref().ok_or_else(|| {
            StorageError::not_found("response of invitation", self.open.invitation.id)
        })
    }
}
