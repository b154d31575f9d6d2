//! What a respondent sends: a section page saved, the response submitted. Each answers
//! with the next page, or the same page again with what was typed and why it was refused.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::ids::ResponseId;
use crate::invitations::{Composer, InvitationError, MailLink};
use crate::mail::OutboxKind;
use crate::responses::{self, ResponseError};
use crate::storage;
use crate::survey::{FieldProblem, is_complete, next_section, previous_section, submit_section};
use crate::web::pages::notice::{Flash, Notice};
use crate::web::{AppState, WebError, with_conn};

use super::body::read_form;
use super::csrf::csrf_value;
use super::pages::{section_index, section_page};
use super::review_save::{
    Refusal, keep_locked, keep_replies, locked_in_post, refused, replies_of, too_long,
};
use super::views::chrome;
use super::visit::Visit;
use super::{html_with_status, load, load_for_save, not_found, see_other};

/// `POST /r/{token}/s/{n}`: saves the page, then goes on, back, to the welcome page, or to
/// the evidence page of one of its questions (`evidence:<question id>`).
pub async fn save_section(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, usize)>,
    body: web::Bytes,
    flash: Flash,
) -> Result<HttpResponse, WebError> {
    let (token, n) = path.into_inner();
    let body = read_form(&body);
    let fields = body.fields;
    let (visit, held) = load_for_save(&state, &req, token).await?;
    let Some(visit) = visit else {
        return Ok(not_found(&req));
    };
    if visit.delegation.is_some() && !visit.is_editable() {
        return Ok(not_found(&req));
    }
    if !visit.is_editable() {
        return already_submitted(&visit, &req);
    }
    let Some(index) = section_index(&visit, n) else {
        return Ok(not_found(&req));
    };
    let action = fields
        .iter()
        .find(|(k, _)| k == "action")
        .map_or("next", |(_, v)| v.as_str())
        .to_owned();
    let q = &visit.questionnaire;
    let mut outcome = submit_section(q, &q.sections()[index], &visit.answers, &fields);
    // After a change request: the locked answers stand as stored, and a post that
    // would change one, or replies where no change was asked, saves nothing.
    keep_locked(&visit, &mut outcome.answers, &mut outcome.errors);
    let replies = if visit.changes_requested() {
        replies_of(&fields)
    } else {
        Vec::new()
    };
    if let Some(locked) = locked_in_post(&visit, &fields, &replies) {
        let refusal = Refusal::Locked(&locked);
        return refused(&visit, index, &req, &outcome.answers, &replies, refusal);
    }
    if let Some(long) = too_long(&replies) {
        let refusal = Refusal::ReplyTooLong(long);
        return refused(&visit, index, &req, &outcome.answers, &replies, refusal);
    }
    let unreadable_elsewhere = outcome.refuse_unreadable(&q.sections()[index], &body.unreadable);
    let only_missing = outcome
        .errors
        .iter()
        .all(|e| e.problem == crate::survey::FieldProblem::Required);
    // Only "Next" needs every required answer; the others save what there is.
    if unreadable_elsewhere || (!outcome.is_accepted() && (action == "next" || !only_missing)) {
        let mut page = section_page(&visit, index, &req, &outcome.errors, &outcome.answers)?;
        keep_replies(&mut page, &replies);
        if unreadable_elsewhere {
            let label = Some(page.section_title.clone());
            let message = FieldProblem::NotText.message(&visit.language);
            page.errors.add("section-form", label, message);
        }
        return html_with_status(page.render(), StatusCode::UNPROCESSABLE_ENTITY);
    }
    let answers = outcome.answers.clone();
    let sent_replies = replies.clone();
    // Shared with the save, so that a failed one can still show the answers again.
    let visit = std::sync::Arc::new(visit);
    let saving = visit.clone();
    let saved = state
        .saves
        .run_on(held, move |conn| {
            let who = saving.respondent();
            let (at, actor) = (storage::now(), saving.actor());
            let save = |conn: &mut storage::DbConn| {
                let known = saving.response.as_ref().map(|response| responses::Known {
                    response,
                    answers: Some(&saving.loaded),
                });
                responses::save_section_with_replies(
                    conn,
                    &who,
                    known,
                    index,
                    &answers,
                    &sent_replies,
                    actor,
                    at,
                )
            };
            // `None`: taken back or finished since the visit was loaded.
            match &saving.delegation {
                Some(d) => crate::delegations::while_open(conn, d, save),
                None => save(conn).map(Some),
            }
        })
        .await;
    match saved {
        Ok(Some(_)) => {}
        Ok(None) => return Ok(not_found(&req)),
        Err(ResponseError::NotEditable { .. }) => return Ok(see_other(&visit.path("result"))),
        Err(ResponseError::Locked { question, .. }) => {
            let refusal = Refusal::Locked(&question);
            return refused(&visit, index, &req, &outcome.answers, &replies, refusal);
        }
        Err(e) => return not_saved(&visit, index, &req, &outcome.answers, &e.into()),
    }
    if visit.delegation.is_some() {
        return Ok(delegate_target(&visit, index, &action, flash));
    }
    if let Some(question) = action.strip_prefix("evidence:") {
        return Ok(see_other(&evidence_target(&visit, index, question)));
    }
    let target = match action.as_str() {
        "save" => return Ok(flash.redirect(&visit.path(""), Notice::Saved)),
        "back" => match previous_section(&visit.questionnaire, index, &outcome.answers) {
            Some(i) => visit.path(&format!("s/{}", i + 1)),
            None => visit.path(""),
        },
        _ => match next_section(&visit.questionnaire, index, &outcome.answers) {
            Some(i) => visit.path(&format!("s/{}", i + 1)),
            None => visit.path("review"),
        },
    };
    Ok(see_other(&target))
}

/// Where a colleague goes after saving: Next and Back only through their own sections,
/// and their welcome page past either end or after "Save".
fn delegate_target(visit: &Visit, index: usize, action: &str, flash: Flash) -> HttpResponse {
    let open = visit.open_sections();
    let target = match action {
        "back" => open.iter().rev().find(|&&i| i < index),
        "next" => open.iter().find(|&&i| i > index),
        "save" => return flash.redirect(&visit.path(""), Notice::Saved),
        // A forged evidence button: evidence stays with the contact.
        _ => Some(&index),
    };
    match target {
        Some(i) => see_other(&visit.path(&format!("s/{}", i + 1))),
        None => see_other(&visit.path("")),
    }
}

/// The evidence page of `question` when it is a question of section `index`; the section
/// again otherwise (a forged or stale button), with its answers saved either way.
fn evidence_target(visit: &Visit, index: usize, question: &str) -> String {
    let section = &visit.questionnaire.sections()[index];
    if section.questions().iter().any(|q| q.id() == question) {
        visit.path(&format!("evidence/{question}"))
    } else {
        visit.path(&format!("s/{}", index + 1))
    }
}

/// `POST /r/{token}/submit`: makes the response final and queues the receipt, in one
/// transaction; after a change request, submits it again and queues the reviewers' mail.
pub async fn submit_response(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
    flash: Flash,
) -> Result<HttpResponse, WebError> {
    let unreadable = !read_form(&body).unreadable.is_empty();
    let Some(visit) = load(&state, token.into_inner(), None).await? else {
        return Ok(not_found(&req));
    };
    if unreadable {
        // Nothing but the button is sent; a body that is not text submits nothing.
        return Ok(see_other(&visit.path("review")));
    }
    if !visit.is_editable() {
        return already_submitted(&visit, &req);
    }
    let Some(response) = visit
        .response
        .clone()
        .filter(|_| is_complete(&visit.questionnaire, &visit.answers))
    else {
        return Ok(see_other(&visit.path("review")));
    };
    let (catalogue, base_url) = (state.catalogue.clone(), state.settings.base_url.clone());
    let (result_path, review_path) = (visit.path("result"), visit.path("review"));
    let submitted = with_conn(&state, move |conn| {
        let at = storage::now();
        let id = ResponseId(response.id);
        Ok(crate::storage::write_transaction(conn, |conn| {
            let submitted = responses::submit(conn, id, &visit.questionnaire, visit.actor(), at)?;
            // Only the contact submits; every colleague's link closes with it.
            let invitation = visit.open.invitation.id;
            crate::delegations::close_all(conn, invitation, at).map_err(ResponseError::from)?;
            // Handed in again after a change request: the reviewers hear of it instead of
            // a second receipt to the respondent, whose result page says it is with them.
            if submitted.state == crate::responses::ResponseState::Resubmitted {
                crate::invitations::queue_resubmitted(conn, &base_url, id, at)?;
                return Ok(());
            }
            let composer = Composer::new(conn, &catalogue, &visit.open.campaign)?;
            let link = MailLink {
                base_url: &base_url,
                token: &visit.token,
                page: "/result",
            };
            composer.queue(
                conn,
                OutboxKind::Receipt,
                &visit.open.invitation,
                &visit.open.participant,
                &link,
            )?;
            Ok::<_, SubmitError>(())
        }))
    })
    .await?;
    match submitted {
        Ok(()) => Ok(flash.redirect(&result_path, Notice::Submitted)),
        Err(SubmitError::Response(ResponseError::NotEditable { .. })) => {
            Ok(see_other(&result_path))
        }
        Err(SubmitError::Response(ResponseError::Incomplete(_))) => Ok(see_other(&review_path)),
        Err(SubmitError::Response(e)) => Err(e.into()),
        Err(SubmitError::Receipt(e)) => Err(e.into()),
    }
}

/// Why the transaction of a submit rolled back: the response refused, or its receipt
/// could not be queued.
#[derive(Debug, thiserror::Error)]
enum SubmitError {
    #[error(transparent)]
    Response(#[from] ResponseError),
    #[error(transparent)]
    Receipt(#[from] InvitationError),
}

impl From<diesel::result::Error> for SubmitError {
    fn from(e: diesel::result::Error) -> Self {
        SubmitError::Response(e.into())
    }
}

/// The section again, with the answers just sent and word that they were not saved (503).
fn not_saved(
    visit: &Visit,
    index: usize,
    req: &HttpRequest,
    sent: &crate::questionnaire::Answers,
    cause: &WebError,
) -> Result<HttpResponse, WebError> {
    match cause {
        WebError::Internal(e) => tracing::error!(error = ?e, "a section could not be saved"),
        other => tracing::error!(error = %other, "a section could not be saved"),
    }
    let mut page = section_page(visit, index, req, &[], sent)?;
    page.not_saved = true;
    html_with_status(page.render(), StatusCode::SERVICE_UNAVAILABLE)
}

fn already_submitted(visit: &Visit, req: &HttpRequest) -> Result<HttpResponse, WebError> {
    let page = super::AlreadyPage {
        chrome: chrome(visit, "", &csrf_value(req)),
        result_href: visit.path("result"),
    };
    html_with_status(page.render(), StatusCode::CONFLICT)
}
