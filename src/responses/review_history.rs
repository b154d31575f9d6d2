//! A response's review, as its history shows it: every comment, change request, reply and
//! decision with who ("respondent" or the reviewer's address) and when, and, per
//! question, the flag of the latest change request with the replies to it, which the
//! reviewer sees beside the answer.

use chrono::NaiveDateTime;

use super::changes::AnalystNames;
use super::{ActorKind, ResponseEvent, ResponseState};
use crate::questionnaire::Questionnaire;
use crate::storage::review_comments::StoredComment;

/// What a line of the review history records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewLineKind {
    /// A reviewer sent the response back for changes.
    ChangesRequested,
    /// A reviewer accepted the response.
    Accepted,
    /// The respondent submitted it again after a change request.
    Resubmitted,
    /// A reviewer's comment on an answer, flagged "please change" or not.
    Comment,
    /// The respondent's reply to a reviewer's comment.
    Reply,
}

impl ReviewLineKind {
    /// The word the API uses.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewLineKind::ChangesRequested => "changes_requested",
            ReviewLineKind::Accepted => "accepted",
            ReviewLineKind::Resubmitted => "resubmitted",
            ReviewLineKind::Comment => "comment",
            ReviewLineKind::Reply => "reply",
        }
    }
}

/// One line of the review history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewLine {
    pub at: NaiveDateTime,
    pub kind: ReviewLineKind,
    /// The reviewer's address, or "respondent".
    pub by: String,
    /// The question a comment or reply is about.
    pub question_id: Option<String>,
    /// Its text in the reading language (the id when the questionnaire lacks it).
    pub question: Option<String>,
    /// The words; `None` for a decision, a bare flag, or once retention erased them.
    pub body: Option<String>,
    /// Whether a comment asked for the answer to change.
    pub please_change: bool,
}

/// Who wrote or decided: the reviewer's address, or "respondent".
fn who(kind: ActorKind, id: Option<i64>, names: &AnalystNames) -> String {
    match (kind, id) {
        (ActorKind::Analyst, Some(id)) => names
            .get(&id)
            .cloned()
            .unwrap_or_else(|| format!("analyst account {id}")),
        (ActorKind::Link, _) => "respondent".to_owned(),
        (ActorKind::Demo, _) => "the demo generator".to_owned(),
        // A colleague answers delegated sections and takes no part in the review.
        (ActorKind::Delegate, _) => "a colleague of the respondent".to_owned(),
        (ActorKind::Analyst, None) => "—".to_owned(),
    }
}

/// The review history, oldest first: the review's transitions from `events` and every
/// comment and reply, each decision before the comments sent with it.
pub fn review_lines(
    events: &[ResponseEvent],
    comments: &[StoredComment],
    questionnaire: &Questionnaire,
    names: &AnalystNames,
    language: &str,
) -> Vec<ReviewLine> {
    let mut lines: Vec<(NaiveDateTime, u8, ReviewLine)> = Vec::new();
    for e in events {
        let kind = match e.to {
            ResponseState::ChangesRequested => ReviewLineKind::ChangesRequested,
            ResponseState::Accepted => ReviewLineKind::Accepted,
            ResponseState::Resubmitted => ReviewLineKind::Resubmitted,
            _ => continue,
        };
        let (actor_kind, actor_id) = e.actor.stored();
        let line = ReviewLine {
            at: e.at,
            kind,
            by: who(actor_kind, actor_id, names),
            question_id: None,
            question: None,
            body: None,
            please_change: false,
        };
        lines.push((e.at, 0, line));
    }
    for c in comments {
        let kind = if c.reply_to.is_some() {
            ReviewLineKind::Reply
        } else {
            ReviewLineKind::Comment
        };
        let question = questionnaire.question(&c.question_id).map_or_else(
            || c.question_id.clone(),
            |q| q.text().get(language).to_owned(),
        );
        let line = ReviewLine {
            at: c.at,
            kind,
            by: who(c.author_kind, c.author_id, names),
            question_id: Some(c.question_id.clone()),
            question: Some(question),
            body: c.body.clone(),
            please_change: c.please_change,
        };
        lines.push((c.at, 1, line));
    }
    // Stable: comments keep their order, and a decision comes before its comments.
    lines.sort_by_key(|(at, rank, _)| (*at, *rank));
    lines.into_iter().map(|(_, _, line)| line).collect()
}

/// What the reviewer sees beside one answer: the flag and comment of the latest change
/// request, and the respondent's replies to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenFlag {
    pub question_id: String,
    pub comment: Option<String>,
    pub replies: Vec<String>,
}

/// The answers the latest change request flagged, with the replies they got; empty once
/// the response is accepted (nothing is open any more) or when none was ever requested.
pub fn open_flags(
    state: ResponseState,
    latest_request: &[StoredComment],
    comments: &[StoredComment],
) -> Vec<OpenFlag> {
    if state == ResponseState::Accepted {
        return Vec::new();
    }
    latest_request
        .iter()
        .filter(|c| c.please_change)
        .map(|c| OpenFlag {
            question_id: c.question_id.clone(),
            comment: c.body.clone(),
            replies: comments
                .iter()
                .filter(|r| r.reply_to == Some(c.id))
                .filter_map(|r| r.body.clone())
                .collect(),
        })
        .collect()
}
