//! A respondent's visit: what a link token opens, loaded once per request. Loading one
//! is itself an act of the respondent (it marks the link opened, and a language choice
//! starts the response); analysts read responses through `responses::view` instead.

use std::collections::{BTreeMap, BTreeSet};

use chrono::Utc;

use crate::campaigns::questionnaire_at;
use crate::ids::{DelegationId, InvitationId, ResponseId};
use crate::invitations::{self, OpenInvitation};
use crate::questionnaire::{Answers, Catalogue, Questionnaire};
use crate::responses::{self, Actor, Respondent, Response, ResponseError, ResponseState};
use crate::storage::delegations::Delegation;
use crate::storage::{self, DbConn};

/// Everything a respondent page needs.
pub struct Visit {
    pub token: String,
    pub open: OpenInvitation,
    pub questionnaire: std::sync::Arc<Questionnaire>,
    /// `None` until the first answers are saved.
    pub response: Option<Response>,
    pub answers: Answers,
    /// The stored texts `answers` were read from, for the save of this visit's page.
    pub loaded: storage::responses::LoadedAnswers,
    pub language: String,
    /// The name of the organisation the participant answers for.
    pub organisation: String,
    /// How many evidence notes (0 or 1) and files each question has, for the links under
    /// the questions; empty until the response is started.
    pub evidence: BTreeMap<String, (usize, usize)>,
    /// Set when a colleague's link opened the visit: `token` is then theirs, and only
    /// the delegated sections are open to them.
    pub delegation: Option<Delegation>,
    /// The questions whose answers may change: `None` for all of them (a draft, or no
    /// response yet), the flagged ones after a change request, none once handed in.
    pub open_questions: Option<BTreeSet<String>>,
    /// After a change request, the reviewer's comments sent with it and the respondent's
    /// latest reply to each (see [`ReviewNotes`]); empty otherwise.
    pub review: ReviewNotes,
}

/// The reviewer's comments of the latest change request, by question, each with the
/// respondent's latest reply.
#[derive(Debug, Clone, Default)]
pub struct ReviewNotes {
    /// The comments by question id.
    pub by_question: BTreeMap<String, ReviewNote>,
    /// When a reviewer accepted the response, once accepted.
    pub accepted_at: Option<chrono::NaiveDateTime>,
}

/// One reviewer comment as the respondent sees it.
#[derive(Debug, Clone, Default)]
pub struct ReviewNote {
    /// The reviewer's words, or "" when they only flagged the answer.
    pub comment: String,
    /// Whether the answer was flagged "please change".
    pub please_change: bool,
    /// The respondent's latest reply kept, or "".
    pub reply: String,
}

impl ReviewNotes {
    /// The notes of `response`'s latest change request, when it is in changes requested.
    fn load(conn: &mut DbConn, response: &Response) -> Result<ReviewNotes, ResponseError> {
        if response.state == ResponseState::Accepted {
            let accepted_at = storage::response_events::of_response(conn, response.id)?
                .into_iter()
                .rfind(|e| e.to_state == ResponseState::Accepted)
                .map(|e| e.at);
            return Ok(ReviewNotes {
                accepted_at,
                ..ReviewNotes::default()
            });
        }
        if response.state != ResponseState::ChangesRequested {
            return Ok(ReviewNotes::default());
        }
        let request = storage::review_comments::of_latest_request(conn, response.id)?;
        let all = storage::review_comments::of_response(conn, response.id)?;
        let by_question = request
            .into_iter()
            .map(|c| {
                let reply = all
                    .iter()
                    .rev()
                    .find(|r| r.reply_to == Some(c.id))
                    .and_then(|r| r.body.clone())
                    .unwrap_or_default();
                let note = ReviewNote {
                    comment: c.body.unwrap_or_default(),
                    please_change: c.please_change,
                    reply,
                };
                (c.question_id, note)
            })
            .collect();
        Ok(ReviewNotes {
            by_question,
            accepted_at: None,
        })
    }
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
    ) -> Result<Option<Visit>, ResponseError> {
        let today = Utc::now().date_naive();
        let Some(open) = invitations::open(conn, token, today)? else {
            return Ok(None);
        };
        Self::of_open(conn, catalogue, open, token, requested_language, None)
    }

    /// Loads what a colleague's `token` opens: the contact's response, limited to the
    /// delegated sections; `None` when the delegation is not open or the contact's own
    /// link no longer works.
    pub fn load_delegated(
        conn: &mut DbConn,
        catalogue: &Catalogue,
        token: &str,
        requested_language: Option<&str>,
    ) -> Result<Option<Visit>, ResponseError> {
        let today = Utc::now().date_naive();
        let Some(delegation) = crate::delegations::open(conn, token)? else {
            return Ok(None);
        };
        let Some(open) = invitations::open_by_id(conn, delegation.invitation_id, today)? else {
            return Ok(None);
        };
        let delegation = Some(delegation);
        Self::of_open(conn, catalogue, open, token, requested_language, delegation)
    }

    fn of_open(
        conn: &mut DbConn,
        catalogue: &Catalogue,
        open: OpenInvitation,
        token: &str,
        requested_language: Option<&str>,
        delegation: Option<Delegation>,
    ) -> Result<Option<Visit>, ResponseError> {
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
        if open.invitation.opened_at.is_none() && delegation.is_none() {
            storage::invitations::mark_opened(conn, open.invitation.id, storage::now())?;
        }
        let questionnaire = questionnaire_at(
            conn,
            catalogue,
            &choice.questionnaire_id,
            &choice.questionnaire_version,
        )?;
        let organisation = open.organisation.clone();
        let mut response = open.response.clone();
        let (answers, loaded) = match &response {
            Some(r) => storage::responses::load_answers_as_read(conn, r.id)?,
            None => Default::default(),
        };
        let evidence = match &response {
            Some(r) => crate::evidence::counts(conn, ResponseId(r.id))?,
            None => BTreeMap::new(),
        };
        let (open_questions, review) = match &response {
            Some(r) => (
                responses::open_questions(conn, r)?,
                ReviewNotes::load(conn, r)?,
            ),
            None => (None, ReviewNotes::default()),
        };
        // The questionnaire's languages that the campaign offers; a campaign offers at
        // least one language of each of its questionnaires.
        let campaign = &open.campaign.campaign;
        let offered =
            |l: &str| questionnaire.languages().iter().any(|q| q == l) && campaign.offers(l);
        let requested = requested_language.filter(|l| offered(l)).map(str::to_owned);
        // A colleague's choice is theirs alone: kept with their delegation, so that it
        // never changes the contact's pages, and their next page speaks it too.
        let mut delegation = delegation;
        if let (Some(language), Some(d)) = (&requested, delegation.as_mut())
            && d.language.as_ref() != Some(language)
        {
            storage::delegations::set_language(conn, d.id, language)?;
            d.language = Some(language.clone());
        }
        // A chosen language is kept with the response, started now if need be, so the
        // next page speaks it too.
        if let Some(language) = requested.as_ref().filter(|_| delegation.is_none()) {
            match &response {
                Some(r) if &r.language != language => {
                    responses::set_language(conn, ResponseId(r.id), language)?
                }
                Some(_) => {}
                None => {
                    let invitation = InvitationId(open.invitation.id);
                    let who = Respondent {
                        invitation,
                        questionnaire: &questionnaire,
                        language,
                    };
                    let at = storage::now();
                    let actor = Actor::Link(invitation);
                    response = Some(responses::start(conn, &who, actor, at)?);
                }
            }
        }
        let language = requested
            .or_else(|| delegation.as_ref().and_then(|d| d.language.clone()))
            .filter(|l| offered(l))
            .or_else(|| response.as_ref().map(|r| r.language.clone()))
            .or_else(|| open.participant.language.clone().filter(|l| offered(l)))
            .or_else(|| {
                questionnaire
                    .languages()
                    .iter()
                    .find(|l| offered(l))
                    .cloned()
            })
            .unwrap_or_else(|| questionnaire.languages()[0].clone());
        Ok(Some(Visit {
            token: token.to_owned(),
            open,
            questionnaire,
            response,
            answers,
            loaded,
            language,
            organisation,
            evidence,
            open_questions,
            review,
            delegation,
        }))
    }

    /// Whether the respondent may still change their answers: true until a response
    /// exists in a state that takes none (see `ResponseState::is_editable`).
    pub fn is_editable(&self) -> bool {
        self.response.as_ref().is_none_or(|r| r.state.is_editable())
    }

    /// Whether the respondent has handed the response in at least once, so its result
    /// may be shown: also while a reviewer's change request is open.
    pub fn was_submitted(&self) -> bool {
        self.response
            .as_ref()
            .is_some_and(|r| r.state.was_submitted())
    }

    /// Whether a reviewer sent the response back and it waits for the respondent.
    pub fn changes_requested(&self) -> bool {
        self.response
            .as_ref()
            .is_some_and(|r| r.state == ResponseState::ChangesRequested)
    }

    /// Whether the answer to `question` stays as it is (not flagged after a change
    /// request), so the page shows it without a field.
    pub fn is_locked(&self, question: &str) -> bool {
        self.open_questions
            .as_ref()
            .is_some_and(|open| !open.contains(question))
    }

    /// The invitation whose link opened this visit, as the actor of its changes.
    pub fn actor(&self) -> Actor {
        match &self.delegation {
            Some(d) => Actor::Delegate(DelegationId(d.id)),
            None => Actor::Link(InvitationId(self.open.invitation.id)),
        }
    }

    /// The 0-based sections this visit may open: every one for the contact, the
    /// delegated ones for a colleague.
    pub fn open_sections(&self) -> Vec<usize> {
        match &self.delegation {
            Some(d) => crate::delegations::section_indexes(d, &self.questionnaire),
            None => (0..self.questionnaire.sections().len()).collect(),
        }
    }

    /// The respondent this visit's saves are for.
    pub fn respondent(&self) -> Respondent<'_> {
        Respondent {
            invitation: InvitationId(self.open.invitation.id),
            questionnaire: &self.questionnaire,
            language: &self.language,
        }
    }

    /// The path of a page of this visit, e.g. `s/2`; "" for the welcome page.
    pub fn path(&self, page: &str) -> String {
        let scope = if self.delegation.is_some() { "d" } else { "r" };
        if page.is_empty() {
            format!("/{scope}/{}", self.token)
        } else {
            format!("/{scope}/{}/{page}", self.token)
        }
    }
}
