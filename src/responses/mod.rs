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
pub mod review;
pub mod review_history;
mod view;

use crate::ids::{AnalystId, DelegationId, InvitationId, ResponseId};
use crate::questionnaire::Questionnaire;
use crate::storage::StorageError;

pub use crate::storage::responses::Response;
pub use carry::{Carried, carry_answers};
pub use changes::{AnswerChange, answer_history};
pub use filter::ResponseFilter;
pub use lifecycle::{
    Known, save_answers, save_section, save_section_with_replies, set_language, start, submit,
};
pub use reading::{
    AnalystReading, ScoredResponse, list_for_analyst, open_for_analyst, read_for_analyst,
};
pub use review::{
    COMMENT_MAX_CHARS, CommentInput, Decision, Reviewed, evidence_open, open_questions, review,
    save_replies,
};
pub use view::{ResponseEvent, ResponseView, history, view, view_of_invitation};

crate::words::word_enum!(
    /// Where a response stands. The database lists no states (see the migration
    /// `response_events`): a new one is a new variant here and its answers to the
    /// questions below.
    ResponseState, "response state", {
        /// Being filled in.
        Draft => "draft",
        /// Submitted; immutable, unless a reviewer sends it back.
        Submitted => "submitted",
        /// Sent back by a reviewer: only the answers flagged "please change" take changes.
        ChangesRequested => "changes_requested",
        /// Submitted again after changes were requested; awaits review again.
        Resubmitted => "resubmitted",
        /// Accepted by a reviewer; final.
        Accepted => "accepted",
    }
);

impl ResponseState {
    /// Whether answers may still change (after a change request, only the flagged ones:
    /// see `review::locked_questions`).
    pub fn is_editable(self) -> bool {
        matches!(self, ResponseState::Draft | ResponseState::ChangesRequested)
    }

    /// Whether the response's answers count in the reports of a campaign without review:
    /// submitted ones. See [`ResponseState::counts_in_reports_of`].
    pub fn counts_in_reports(self) -> bool {
        self.counts_in_reports_of(false)
    }

    /// Whether the response's answers count in the reports of a campaign that requires
    /// review (`review_required`: only accepted ones) or not (submitted ones).
    pub fn counts_in_reports_of(self, review_required: bool) -> bool {
        if review_required {
            matches!(self, ResponseState::Accepted)
        } else {
            matches!(self, ResponseState::Submitted)
        }
    }

    /// Whether the respondent has handed it in (at least once): submitted, resubmitted,
    /// sent back or accepted.
    pub fn was_submitted(self) -> bool {
        !matches!(self, ResponseState::Draft)
    }

    /// Whether it waits for a reviewer's decision.
    pub fn awaits_review(self) -> bool {
        matches!(self, ResponseState::Submitted | ResponseState::Resubmitted)
    }

    /// Whether its participant may still be reminded to answer.
    pub fn can_be_reminded(self) -> bool {
        matches!(self, ResponseState::Draft)
    }

    /// The state a submit leads to from this one; `None` where submitting is refused.
    pub fn on_submit(self) -> Option<ResponseState> {
        match self {
            ResponseState::Draft => Some(ResponseState::Submitted),
            ResponseState::ChangesRequested => Some(ResponseState::Resubmitted),
            ResponseState::Submitted | ResponseState::Resubmitted | ResponseState::Accepted => None,
        }
    }

    /// The states whose responses count in the reports of a campaign without review,
    /// for a query's `IN`.
    pub fn counting_in_reports() -> Vec<ResponseState> {
        Self::counting_in_reports_of(false)
    }

    /// The states whose responses count in the reports of a campaign that requires review
    /// or not, for a query's `IN`.
    pub fn counting_in_reports_of(review_required: bool) -> Vec<ResponseState> {
        Self::ALL
            .iter()
            .copied()
            .filter(|s| s.counts_in_reports_of(review_required))
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
    /// The campaign of the response does not require review, so it takes no decision.
    #[error("the campaign of response {0} does not require review")]
    ReviewNotRequired(ResponseId),
    /// The analyst is not assigned to the response's campaign as a reviewer.
    #[error("analyst {reviewer} does not review the campaign of response {response}")]
    NotReviewer {
        response: ResponseId,
        reviewer: AnalystId,
    },
    /// A change request that flags no answer.
    #[error("a change request on response {0} must flag at least one answer")]
    NothingFlagged(ResponseId),
    /// A comment names a question the questionnaire does not have.
    #[error("the questionnaire has no question {0:?}")]
    UnknownQuestion(String),
    /// A comment or reply is longer than `review::COMMENT_MAX_CHARS`.
    #[error("the comment on {0:?} is too long")]
    CommentTooLong(String),
    /// After a change request, an answer that was not flagged stays as it was.
    #[error("the answer to {question:?} of response {response} was not sent back for changes")]
    Locked {
        response: ResponseId,
        question: String,
    },
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
