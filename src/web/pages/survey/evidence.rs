//! A respondent's evidence of one answer, under `/r/{token}/evidence/{question}`: the page
//! (read-only once the response is submitted) and the multipart form that changes the note
//! and adds files; a file's removal and download are in `evidence_files`. Every change is one transaction of
//! `crate::evidence`; a refused form comes back with what was typed and each refusal beside
//! its field, nothing written.

use actix_multipart::Multipart;
use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::evidence::{self, Change, EvidenceError, EvidenceLimits, Upload};
use crate::ids::ResponseId;
use crate::responses;
use crate::storage;
use crate::web::pages::notice::{Flash, Notice};
use crate::web::pages::upload::{UploadLimits, UploadedForm, read_upload};
use crate::web::{AppState, WebError, with_conn};

use super::csrf::csrf_value;
use super::evidence_view::{EvidencePage, Typed};
use super::evidence_words::words;
use super::pages::PageQuery;
use super::views::chrome;
use super::visit::Visit;
use super::{html, html_with_status, load, not_found};

/// The route of the evidence form, for the routes that take uploads.
pub const UPLOAD_ROUTE: &str = "/r/{token}/evidence/{question}";

/// The form's fields: the note, the box saying it names a person, the files.
const NOTE_FIELD: &str = "note";
const PERSONAL_FIELD: &str = "personal";
const FILE_FIELD: &str = "file";

/// `/r/{token}/evidence/{question}`
#[derive(Deserialize)]
pub struct QuestionSegment {
    token: String,
    question: String,
}

/// What the multipart reader takes on this route: a file up to twice the limit and a
/// megabyte is read whole, so that the page can say how large it was and keep the note;
/// the whole form may hold the response's budget and such a file besides.
fn reader_limits(limits: EvidenceLimits) -> UploadLimits {
    let file = limits
        .file_bytes
        .saturating_mul(2)
        .saturating_add(1024 * 1024);
    let total = limits
        .response_bytes
        .saturating_add(file)
        .saturating_add(64 * 1024);
    UploadLimits {
        field_bytes: 64 * 1024,
        file_bytes: usize::try_from(file).unwrap_or(usize::MAX),
        total_bytes: usize::try_from(total).unwrap_or(usize::MAX),
    }
}

/// The visit of `token` when `question` is one of its questionnaire's; `None` otherwise,
/// which every handler answers with the one 404 page.
pub(super) async fn load_for(
    state: &web::Data<AppState>,
    token: String,
    question: &str,
    language: Option<String>,
) -> Result<Option<Visit>, WebError> {
    Ok(load(state, token, language)
        .await?
        .filter(|v| v.questionnaire.question(question).is_some()))
}

/// The page of `question` with its stored evidence, `typed` in the fields if given.
async fn page(
    state: &web::Data<AppState>,
    visit: Visit,
    req: &HttpRequest,
    question: String,
    typed: Option<Typed>,
) -> Result<(Visit, EvidencePage), WebError> {
    let response = visit.response.as_ref().map(|r| ResponseId(r.id));
    let (stored, used) = with_conn(state, move |conn| {
        let Some(response) = response else {
            return Ok((evidence::Evidence::default(), 0));
        };
        let stored = evidence::of_response(conn, response)?;
        let used = storage::evidence::bytes_of(conn, response.get())?;
        Ok((stored, used))
    })
    .await?;
    let chrome = chrome(&visit, &format!("evidence/{question}"), &csrf_value(req));
    let limits = EvidenceLimits::from_settings(&state.settings);
    let of_question = stored.of(&question).cloned().unwrap_or_default();
    let page = EvidencePage::new(&visit, chrome, &question, &of_question, used, limits, typed);
    Ok((visit, page))
}

/// `GET /r/{token}/evidence/{question}`
pub async fn show_evidence(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<QuestionSegment>,
    query: web::Query<PageQuery>,
    flash: Flash,
) -> Result<HttpResponse, WebError> {
    let QuestionSegment { token, question } = path.into_inner();
    let Some(visit) = load_for(&state, token, &question, query.into_inner().lang).await? else {
        return Ok(not_found(&req));
    };
    let (visit, mut page) = page(&state, visit, &req, question, None).await?;
    let w = words(&visit.language);
    page.notice = match flash.notice() {
        Some(Notice::EvidenceSaved) => Some(w.saved),
        Some(Notice::EvidenceFileRemoved) => Some(w.removed),
        _ => None,
    };
    Ok(flash.shown(html(page.render())?))
}

/// `POST /r/{token}/evidence/{question}` (multipart: `csrf_token` first, then `note`,
/// `personal`, and any number of `file` parts): saves the note and adds the files, all or
/// nothing.
pub async fn save_evidence(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<QuestionSegment>,
    flash: Flash,
    form: Multipart,
) -> Result<HttpResponse, WebError> {
    let limits = EvidenceLimits::from_settings(&state.settings);
    let form = match read_upload(&req, form, &reader_limits(limits)).await {
        Ok(form) => form,
        Err(refused) => return Ok(refused.response(&req)),
    };
    let QuestionSegment { token, question } = path.into_inner();
    let Some(visit) = load_for(&state, token, &question, None).await? else {
        return Ok(not_found(&req));
    };
    if !visit.is_editable() {
        return submitted(&visit, &req);
    }
    let change = change_of(form);
    let typed = Typed {
        note: change.note.clone(),
        personal: change.personal,
    };
    let (visit, saved) = save(&state, visit, question.clone(), change, limits).await?;
    match saved {
        Ok(()) => {
            let here = visit.path(&format!("evidence/{question}"));
            Ok(flash.redirect(&here, Notice::EvidenceSaved))
        }
        Err(EvidenceError::Refused(refusals)) => {
            let language = visit.language.clone();
            let (_, page) = page(&state, visit, &req, question, Some(typed)).await?;
            let page = page.refused(&refusals, &language);
            html_with_status(page.render(), StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(EvidenceError::NotEditable) => submitted(&visit, &req),
        Err(EvidenceError::NotFound) => Ok(not_found(&req)),
        Err(EvidenceError::Storage(e)) => Err(e.into()),
    }
}

/// The change the form asks for. A file field left empty still sends a part, without a
/// name or bytes: that is no file.
fn change_of(form: UploadedForm) -> Change {
    let field = |name: &str| {
        form.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    Change {
        note: field(NOTE_FIELD).unwrap_or_default(),
        personal: field(PERSONAL_FIELD).is_some(),
        files: form
            .files
            .into_iter()
            .filter(|f| f.field == FILE_FIELD)
            .filter(|f| !(f.file_name.is_empty() && f.bytes.is_empty()))
            .map(|f| Upload {
                file_name: f.file_name,
                bytes: f.bytes,
            })
            .collect(),
    }
}

/// Starts the response if need be (as a first save would), then saves the evidence; the
/// visit comes back with the outcome.
async fn save(
    state: &web::Data<AppState>,
    visit: Visit,
    question: String,
    change: Change,
    limits: EvidenceLimits,
) -> Result<(Visit, Result<(), EvidenceError>), WebError> {
    let pool = state.pool.clone();
    let (visit, saved) = web::block(move || {
        let saved = (|| {
            let mut conn = pool.get().map_err(storage::StorageError::from)?;
            let at = storage::now();
            let response = match &visit.response {
                Some(r) => ResponseId(r.id),
                None => {
                    let started =
                        responses::start(&mut conn, &visit.respondent(), visit.actor(), at)
                            .map_err(WebError::from)?;
                    ResponseId(started.id)
                }
            };
            Ok::<_, WebError>(evidence::save(
                &mut conn, response, &question, &change, limits, at,
            ))
        })();
        (visit, saved)
    })
    .await
    .map_err(WebError::internal)?;
    Ok((visit, saved?))
}

/// A change sent after submission: the page saying so (409), as for a section's save.
pub(super) fn submitted(visit: &Visit, req: &HttpRequest) -> Result<HttpResponse, WebError> {
    let page = super::AlreadyPage {
        chrome: chrome(visit, "", &csrf_value(req)),
        result_href: visit.path("result"),
    };
    html_with_status(page.render(), StatusCode::CONFLICT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_takes_a_file_well_past_the_limit_so_the_page_can_say_how_large() {
        let limits = EvidenceLimits {
            file_bytes: 10 * 1024 * 1024,
            response_bytes: 50 * 1024 * 1024,
        };
        let read = reader_limits(limits);
        assert_eq!(read.file_bytes, 21 * 1024 * 1024);
        assert_eq!(read.total_bytes, (71 * 1024 + 64) * 1024);
    }
}
