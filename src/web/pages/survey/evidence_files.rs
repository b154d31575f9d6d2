//! One evidence file of a respondent's answer: removed (while the response is open) or
//! downloaded as an attachment, under `/r/{token}/evidence/{question}/files/{file}`.

use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::evidence::{self, EvidenceError};
use crate::ids::ResponseId;
use crate::web::pages::notice::{Flash, Notice};
use crate::web::{AppState, WebError, with_conn};

use super::evidence::{load_for, submitted};
use super::not_found;

/// `/r/{token}/evidence/{question}/files/{file}`
#[derive(Deserialize)]
pub struct FileSegment {
    token: String,
    question: String,
    file: i64,
}

/// `POST /r/{token}/evidence/{question}/files/{file}/remove`
pub async fn remove_evidence_file(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<FileSegment>,
    flash: Flash,
) -> Result<HttpResponse, WebError> {
    let FileSegment {
        token,
        question,
        file,
    } = path.into_inner();
    let Some(visit) = load_for(&state, token, &question, None).await? else {
        return Ok(not_found(&req));
    };
    if !visit.is_editable() {
        return submitted(&visit, &req);
    }
    let Some(response) = visit.response.as_ref().map(|r| ResponseId(r.id)) else {
        return Ok(not_found(&req));
    };
    let asked = question.clone();
    let removed = with_conn(&state, move |conn| {
        Ok(evidence::remove_file(conn, response, &asked, file))
    })
    .await?;
    match removed {
        Ok(()) => {
            let here = visit.path(&format!("evidence/{question}"));
            Ok(flash.redirect(&here, Notice::EvidenceFileRemoved))
        }
        Err(EvidenceError::NotEditable) => submitted(&visit, &req),
        Err(EvidenceError::NotFound | EvidenceError::Refused(_)) => Ok(not_found(&req)),
        Err(EvidenceError::Storage(e)) => Err(e.into()),
    }
}

/// `GET /r/{token}/evidence/{question}/files/{file}`: the file, as an attachment.
pub async fn download_evidence_file(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<FileSegment>,
) -> Result<HttpResponse, WebError> {
    let FileSegment {
        token,
        question,
        file,
    } = path.into_inner();
    let Some(visit) = load_for(&state, token, &question, None).await? else {
        return Ok(not_found(&req));
    };
    let Some(response) = visit.response.as_ref().map(|r| ResponseId(r.id)) else {
        return Ok(not_found(&req));
    };
    let found = with_conn(&state, move |conn| {
        Ok(evidence::file_for_respondent(
            conn, response, &question, file,
        ))
    })
    .await?;
    match found {
        Ok(file) => Ok(crate::web::evidence_files::attachment(file)),
        Err(EvidenceError::Storage(e)) => Err(e.into()),
        Err(_) => Ok(not_found(&req)),
    }
}
