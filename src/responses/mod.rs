//! Responses: the states a response moves through, the only ways its answers and its
//! state change ([`start`], [`save_section`], [`save_answers`] and [`submit`]), the
//! histories every change leaves (transitions in `response_events`, changed answers in
//! `answer_history`), and a read-only view for analysts: one response, or a campaign's
//! list, scored ([`reading`]).
//!
//! Pages, the API, the demo, the tests and the benchmarks all come through here; storage
//! only does what it is told, on the state it is told to expect, and a refused
//! compare-and-set becomes a typed [`ResponseError`] here, with the state re-read.

mod carry;
pub mod changes;
mod filter;
mod lifecycle;
pub mod reading;
mod view;

use crate::ids::{AnalystId, DelegationId, InvitationId, ResponseId};
use crate::questionnaire::Questionnaire;
use crate::storage::StorageError;

pub use crate::storage::responses::Response;
pub use carry::{Carried, carry_answers};
pub use changes::{AnswerChange, answer_history};
pub use filter::ResponseFilter;
pub use lifecycle::{save_answers, save_section, set_language, start, submit};
pub use reading::{
    AnalystReading, ScoredResponse, list_for_analyst, open_for_analyst, read_for_analyst,
};
pub use view::{ResponseEvent, ResponseView, history, view, view_of_invitation};

crate::words::word_enum!(
    /// Where a response stands. The database lists no states (see the migration
    /// `response_events`): a new one is a new variant here and its answers to the
    /// questions below.
    ResponseState, "response state", {
        /// Being filled in.
        Draft => "draft",
        /// Submitted; immutable.
        Submitted => "submitted",
    }
);

impl ResponseState {
    /// Whether answers may still change.
    pub fn is_editable(self) -> bool {
        matches!(self, ResponseState::Draft)
    }

    /// Whether the response's answers count in a campaign's reports.
    pub fn counts_in_reports(self) -> bool {
        matches!(self, ResponseState::Submitted)
    }

    /// Whether its participant may still be reminded to answer.
    pub fn can_be_reminded(self) -> bool {
        matches!(self, ResponseState::Draft)
    }

    /// The state a submit leads to from this one; `None` where submitting is refused.
    pub fn on_submit(self) -> Option<ResponseState> {
        match self {
            ResponseState::Draft => Some(ResponseState::Submitted),
            ResponseState::Submitted => None,
        }
    }

    /// The states whose responses count in reports, for a query's `IN`.
    pub fn counting_in_reports() -> Vec<ResponseState> {
        Self::ALL
            .iter()
            .copied()
            .filter(|s| s.counts_in_reports())
            .collect()
    }
}

crate::words::word_enum!(
    /// What kind of actor changed a response, as its history stores it.
    ActorKind, "actor kind", {
        /// A respondent's personal link.
        Link => "link",
        /// An analyst account.
        Analyst => "analyst",
        /// The demo generator.
        Demo => "demo",
        /// A colleague the contact handed sections to, through their own link.
        Delegate => "delegate",
    }
);

/// Who changed a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Actor {
    /// The respondent, through the personal link of this invitation.
    Link(InvitationId),
    /// An analyst account.
    Analyst(AnalystId),
    /// The demo generator.
    Demo,
    /// A colleague answering delegated sections, through this delegation's link.
    Delegate(DelegationId),
}

impl Actor {
    /// The kind and the id the histories store.
    pub(crate) fn stored(self) -> (ActorKind, Option<i64>) {
        match self {
            Actor::Link(invitation) => (ActorKind::Link, Some(invitation.get())),
            Actor::Analyst(analyst) => (ActorKind::Analyst, Some(analyst.get())),
            Actor::Demo => (ActorKind::Demo, None),
            Actor::Delegate(delegation) => (ActorKind::Delegate, Some(delegation.get())),
        }
    }

    /// The actor a stored kind and id name; `None` for a pair that cannot be.
    pub(crate) fn from_stored(kind: ActorKind, id: Option<i64>) -> Option<Actor> {
        match (kind, id) {
            (ActorKind::Link, Some(id)) => Some(Actor::Link(InvitationId(id))),
            (ActorKind::Analyst, Some(id)) => Some(Actor::Analyst(AnalystId(id))),
            (ActorKind::Demo, None) => Some(Actor::Demo),
            (ActorKind::Delegate, Some(id)) => Some(Actor::Delegate(DelegationId(id))),
            _ => None,
        }
    }
}

/// The respondent a section is saved for: whose response, on which questionnaire, in
/// which language it was started.
#[derive(Debug, Clone, Copy)]
pub struct Respondent<'a> {
    pub invitation: InvitationId,
    pub questionnaire: &'a Questionnaire,
    pub language: &'a str,
}

/// Why a response could not change.
#[derive(Debug, thiserror::Error)]
pub enum ResponseError {
    /// The response is in a state that takes no more answers (already submitted).
    #[error("response {response} is {state} and can no longer change")]
    NotEditable {
        response: ResponseId,
        state: ResponseState,
    },
    /// The response belongs to another invitation than the link that tried to change it.
    #[error("response {response} does not belong to invitation {invitation}")]
    NotYours {
        response: ResponseId,
        invitation: InvitationId,
    },
    /// Required answers are missing, so it cannot be submitted.
    #[error("response {0} misses required answers and cannot be submitted")]
    Incomplete(ResponseId),
    /// The questionnaire has no section of that index.
    #[error("the questionnaire has no section {0}")]
    NoSuchSection(usize),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<diesel::result::Error> for ResponseError {
    fn from(e: diesel::result::Error) -> Self {
        ResponseError::Storage(e.into())
    }
}

#[cfg(test)]
mod tests;
