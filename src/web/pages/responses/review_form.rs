//! The review part of a response's page: the form a campaign's reviewer comments with and
//! decides by (shown while the response awaits review), the flags of the latest change
//! request with the respondent's replies beside each answer, and the review history; and
//! `POST …/review`, which takes the decision and comes back with a notice, or shows the
//! page again with what was typed and the reason beside the field.

use std::collections::{BTreeMap, BTreeSet};

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;

use super::detail::DetailPage;
use super::when;
use crate::responses::review_history::{OpenFlag, ReviewLine, ReviewLineKind};
use crate::responses::{AnalystReading, CommentInput, Decision, ResponseError};
use crate::web::access::PageCampaign;
use crate::web::pages::layout::{Chrome, html_with_status};
use crate::web::pages::notice::{Flash, Notice};
use crate::web::response_reading::{self as reading, ResponseSegment};
use crate::web::review_decision::decide;
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError};

/// What the review form holds: the comments typed and the answers ticked, by question id.
#[derive(Debug, Default, Clone)]
pub(super) struct ReviewForm {
    pub(super) typed: BTreeMap<String, String>,
    pub(super) ticked: BTreeSet<String>,
}

impl ReviewForm {
    /// Reads the form's fields: `comment.<id>`, `change.<id>` and `decision`; the
    /// decision is `None` when it is missing or not one of the two buttons.
    fn read(fields: &[(String, String)]) -> (ReviewForm, Option<Decision>) {
        let mut form = ReviewForm::default();
        let mut decision = None;
        for (name, value) in fields {
            if let Some(q) = name.strip_prefix("comment.") {
                form.typed.insert(q.to_owned(), value.clone());
            } else if let Some(q) = name.strip_prefix("change.") {
                form.ticked.insert(q.to_owned());
            } else if name == "decision" {
                decision = match value.as_str() {
                    "request_changes" => Some(Decision::RequestChanges),
                    "accept" => Some(Decision::Accept),
                    _ => None,
                };
            }
        }
        (form, decision)
    }

    /// The comments the form gives, one per question named in it.
    fn comments(&self) -> Vec<CommentInput> {
        let named: BTreeSet<&String> = self.typed.keys().chain(&self.ticked).collect();
        named
            .into_iter()
            .map(|q| CommentInput {
                question: q.clone(),
                body: self.typed.get(q).cloned().unwrap_or_default(),
                please_change: self.ticked.contains(q),
            })
            .collect()
    }

    /// What was typed about question `id`.
    pub(super) fn typed_for(&self, id: &str) -> &str {
        self.typed.get(id).map_or("", String::as_str)
    }

    /// Whether question `id` was ticked "please change".
    pub(super) fn ticked(&self, id: &str) -> bool {
        self.ticked.contains(id)
    }
}

impl DetailPage {
    /// Shows `refusal` beside its field, keeps what was typed in the form (when it is still
    /// shown) and says with which status to answer.
    pub(super) fn refused(
        &mut self,
        r: &AnalystReading,
        refusal: &crate::responses::ResponseError,
        typed: ReviewForm,
    ) -> StatusCode {
        let (anchor, message, status) = refusal_place(r, refusal);
        self.errors.add(anchor, None, message);
        if self.review.is_some() {
            self.review = Some(typed);
        }
        status
    }

    /// The flag of the latest change request on question `id`, if it was flagged.
    pub(super) fn flag_of(&self, id: &str) -> Option<&OpenFlag> {
        self.flags.get(id)
    }

    /// The review form's typed comment on question `id`.
    pub(super) fn typed_for(&self, id: &str) -> &str {
        self.review.as_ref().map_or("", |f| f.typed_for(id))
    }

    /// Whether the review form ticked question `id`.
    pub(super) fn ticked(&self, id: &str) -> bool {
        self.review.as_ref().is_some_and(|f| f.ticked(id))
    }
}

/// One line of the review history as the page lists it.
pub(super) struct ReviewRow {
    pub(super) at: String,
    pub(super) what: String,
    pub(super) by: String,
    pub(super) text: String,
}

impl From<ReviewLine> for ReviewRow {
    fn from(l: ReviewLine) -> ReviewRow {
        let about = l.question.as_deref().unwrap_or_default();
        let what = match l.kind {
            ReviewLineKind::ChangesRequested => "Sent back for changes".to_owned(),
            ReviewLineKind::Accepted => "Accepted".to_owned(),
            ReviewLineKind::Resubmitted => "Submitted again".to_owned(),
            ReviewLineKind::Comment if l.please_change => format!("Please change: {about}"),
            ReviewLineKind::Comment => format!("Comment on: {about}"),
            ReviewLineKind::Reply => format!("Reply on: {about}"),
        };
        let text = match (l.kind, l.body) {
            (ReviewLineKind::Comment | ReviewLineKind::Reply, None) => "—".to_owned(),
            (_, body) => body.unwrap_or_default(),
        };
        ReviewRow {
            at: when(l.at),
            what,
            by: l.by,
            text,
        }
    }
}

/// The flag of one answer with the replies to it, by question id.
pub(super) fn flags_by_question(flags: Vec<OpenFlag>) -> BTreeMap<String, OpenFlag> {
    flags
        .into_iter()
        .map(|f| (f.question_id.clone(), f))
        .collect()
}

/// The words of a review notice on the response's page.
pub(super) fn reviewed_notice(flash: &Flash) -> Option<String> {
    match flash.notice() {
        Some(Notice::Reviewed { accepted: true, .. }) => {
            Some("The response is accepted: it is final and counts in the reports.".to_owned())
        }
        Some(Notice::Reviewed { flagged, .. }) => Some(format!(
            "The response is sent back for changes: {flagged} answer{} to change; the respondent is told by mail.",
            if *flagged == 1 { "" } else { "s" }
        )),
        _ => None,
    }
}

/// `POST /campaigns/{id}/responses/{response_id}/review`
pub async fn review_response(
    access: PageCampaign,
    csrf: CsrfToken,
    flash: Flash,
    state: web::Data<AppState>,
    path: web::Path<ResponseSegment>,
    body: web::Form<Vec<(String, String)>>,
) -> Result<HttpResponse, WebError> {
    let response = path.response_id;
    let (form, decision) = ReviewForm::read(&body);
    let Some(decision) = decision else {
        return Err(WebError::BadRequest(
            "choose to send the response back for changes or to accept it".to_owned(),
        ));
    };
    let refusal = match decide(&state, &access, response, decision, form.comments()).await? {
        Ok(reviewed) => {
            let here = format!("/campaigns/{}/responses/{response}", access.id());
            let notice = Notice::Reviewed {
                accepted: decision == Decision::Accept,
                flagged: reviewed.flagged.len(),
            };
            return Ok(flash.redirect(&here, notice));
        }
        Err(refusal) => refusal,
    };
    if let ResponseError::NotReviewer { .. } = refusal {
        return Err(refusal.into());
    }
    let (details, reading, reviewer) = reading::read(&state, &access, response).await?;
    let chrome = Chrome::analyst(csrf.value(), Some(access.analyst()));
    let mut page = DetailPage::new(chrome, &details, &reading, reviewer);
    let status = page.refused(&reading, &refusal, form);
    html_with_status(page.render(), status)
}

/// Where a refusal is shown and with which status: beside the comment or the tick it is
/// about (422), or above the form (409).
pub(super) fn refusal_place(
    reading: &AnalystReading,
    refusal: &ResponseError,
) -> (String, String, StatusCode) {
    match refusal {
        ResponseError::NothingFlagged(_) => (
            "request-changes".to_owned(),
            "Tick “Please change” on at least one answer to send the response back.".to_owned(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ResponseError::CommentTooLong(q) => (
            format!("comment-{q}"),
            format!(
                "A comment holds at most {} characters; shorten this one.",
                crate::responses::COMMENT_MAX_CHARS
            ),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ResponseError::UnknownQuestion(q) => (
            "review-heading".to_owned(),
            format!("The questionnaire has no question {q}; the comment on it was not kept."),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        ResponseError::ReviewNotRequired(_) => (
            "review-heading".to_owned(),
            "This campaign does not require review: its responses count once submitted.".to_owned(),
            StatusCode::CONFLICT,
        ),
        _ => (
            "review-heading".to_owned(),
            format!(
                "The response is {} and awaits no decision; nothing was changed.",
                reading.view.response.state
            ),
            StatusCode::CONFLICT,
        ),
    }
}
