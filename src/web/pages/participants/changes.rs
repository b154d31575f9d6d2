//! The participants page's forms: upload a CSV list, add one participant, revoke one
//! invitation. Each calls the domain operation the CLI and the API call (which audits the
//! change as the analyst's) and answers with a redirect to the page, whose notice says what
//! happened; a refused list or participant is shown on the page at once (422), nothing
//! written. The CSRF middleware has checked the add and revoke forms; the upload form's
//! token is checked by `read_upload`.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::accounts::CampaignRight;
use crate::invitations;
use crate::participants::{
    self, ImportError, ImportReport, ParticipantFilter, RawParticipant, RowProblem,
};
use crate::storage::campaigns::get_campaign;
use crate::storage::participants::get_participant;
use crate::storage::{DbConn, StorageError};
use crate::web::access::PageCampaign;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::notice::{Flash, Notice};
use crate::web::pages::upload::{UploadLimits, UploadedFile, read_upload};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError, with_conn};

use super::page::{Outcome, render};

/// The upload form's file field.
const FILE_FIELD: &str = "file";

/// The add form: one participant, its fields named as the CSV columns.
#[derive(Deserialize)]
pub struct AddForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    organisation: String,
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    language: String,
}

/// The revoke form: `confirm` is present when its box was ticked.
#[derive(Deserialize)]
pub struct RevokeForm {
    confirm: Option<String>,
}

/// The participant of the revoke route (its `{id}` is the campaign's, read by the access).
#[derive(Deserialize)]
pub struct ParticipantSegment {
    participant: i64,
}

/// `POST /campaigns/{id}/participants/upload`: imports the list, all or nothing.
pub async fn upload_participants(
    req: HttpRequest,
    access: PageCampaign,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    flash: Flash,
    form: Multipart,
) -> Result<HttpResponse, WebError> {
    access.require(CampaignRight::Manage)?;
    let form = match read_upload(&req, form, &UploadLimits::DEFAULT).await {
        Ok(form) => form,
        Err(refused) => return Ok(refused.response(&req)),
    };
    let file = form.files.into_iter().find(|f| f.field == FILE_FIELD);
    let bytes = match csv_text(file) {
        Ok(bytes) => bytes,
        Err(why) => return refuse(&state, &access, &csrf, Outcome::FileRefused(why)).await,
    };
    let (id, actor) = (access.id().get(), access.actor());
    let imported = with_conn(&state, move |conn| {
        let details = get_campaign(conn, id)?;
        settled(participants::import_csv(conn, &details, &bytes, &actor))
    })
    .await?;
    match imported {
        Ok(report) => Ok(back(&flash, id, imported_notice(report))),
        Err(problems) => refuse(&state, &access, &csrf, Outcome::RowsRefused(problems)).await,
    }
}

/// `POST /campaigns/{id}/participants/add`: adds one participant, checked as a CSV row.
pub async fn add_participant(
    access: PageCampaign,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    flash: Flash,
    form: web::Form<AddForm>,
) -> Result<HttpResponse, WebError> {
    access.require(CampaignRight::Manage)?;
    let form = form.into_inner();
    let typed = RawParticipant {
        email: form.email,
        name: form.name,
        organisation: form.organisation,
        kind: form.kind,
        country: form.country,
        language: Some(form.language).filter(|l| !l.trim().is_empty()),
        line: None,
    };
    let (id, actor, row) = (access.id().get(), access.actor(), typed.clone());
    let added = with_conn(&state, move |conn| {
        let details = get_campaign(conn, id)?;
        settled(participants::import_json(conn, &details, vec![row], &actor))
    })
    .await?;
    match added {
        Ok(report) => {
            let notice = Notice::ParticipantAdded {
                already_present: report.already_present > 0,
            };
            Ok(back(&flash, id, notice))
        }
        Err(problems) => {
            let errors = beside_fields(&problems);
            refuse(
                &state,
                &access,
                &csrf,
                Outcome::AddRefused { typed, errors },
            )
            .await
        }
    }
}

/// `POST /campaigns/{id}/participants/{participant}/revoke`: revokes the participant's
/// invitation once the box is ticked.
pub async fn revoke_participant(
    access: PageCampaign,
    state: web::Data<AppState>,
    flash: Flash,
    path: web::Path<ParticipantSegment>,
    form: web::Form<RevokeForm>,
) -> Result<HttpResponse, WebError> {
    access.require(CampaignRight::Manage)?;
    let (id, actor) = (access.id().get(), access.actor());
    let participant = path.participant;
    let confirmed = form.confirm.is_some();
    with_conn(&state, move |conn| {
        // Another campaign's participant answers as one that does not exist.
        let email = participant_email(conn, id, participant)?;
        if confirmed {
            let now = crate::storage::now();
            invitations::revoke(conn, id, &email, now, &actor)?;
        }
        Ok(())
    })
    .await?;
    let notice = if confirmed {
        Notice::InvitationRevoked
    } else {
        Notice::RevokeUnconfirmed { participant }
    };
    Ok(back(&flash, id, notice))
}

/// The address of `participant` if it belongs to `campaign`; otherwise not found.
fn participant_email(
    conn: &mut DbConn,
    campaign: i64,
    participant: i64,
) -> Result<String, WebError> {
    let found = get_participant(conn, participant)?;
    if found.campaign_id != campaign {
        return Err(StorageError::not_found("participant", participant).into());
    }
    Ok(found.email)
}

/// The file's bytes if it is there and is text (UTF-8, no NUL byte); otherwise why not,
/// naming the file and the type the browser gave it.
fn csv_text(file: Option<UploadedFile>) -> Result<Vec<u8>, String> {
    let Some(file) = file.filter(|f| !(f.file_name.is_empty() && f.bytes.is_empty())) else {
        return Err("Choose a CSV file to upload.".to_owned());
    };
    let text = std::str::from_utf8(&file.bytes).is_ok_and(|t| !t.contains('\0'));
    if text {
        return Ok(file.bytes);
    }
    let sent_as = file
        .content_type
        .map(|t| format!(" (sent as {t})"))
        .unwrap_or_default();
    Err(format!(
        "“{}”{sent_as} is not a CSV file: its content is not UTF-8 text. Save the list from \
         your spreadsheet as “CSV UTF-8” and upload that file.",
        file.file_name
    ))
}

/// An import's outcome for the page: done, or refused with its problems; a closed campaign
/// (closed while the page was open) and a failing database are errors of the request.
fn settled(
    outcome: Result<ImportReport, ImportError>,
) -> Result<Result<ImportReport, Vec<RowProblem>>, WebError> {
    match outcome {
        Ok(report) => Ok(Ok(report)),
        Err(ImportError::Invalid(problems)) => Ok(Err(problems)),
        Err(other) => Err(other.into()),
    }
}

/// The problems of the one row the add form makes, each beside its field.
fn beside_fields(problems: &[RowProblem]) -> FormErrors {
    problems
        .iter()
        .map(|p| crate::web::pages::form_errors::FieldProblem {
            anchor: p
                .column
                .as_ref()
                .map_or_else(|| "add-form".to_owned(), |c| format!("add-{c}")),
            label: None,
            message: p.reason.clone(),
        })
        .collect()
}

fn imported_notice(report: ImportReport) -> Notice {
    Notice::ParticipantsImported {
        added: report.added,
        already_present: report.already_present,
    }
}

/// The page again, unfiltered, showing why the form was refused.
async fn refuse(
    state: &AppState,
    access: &PageCampaign,
    csrf: &CsrfToken,
    outcome: Outcome,
) -> Result<HttpResponse, WebError> {
    render(state, access, csrf, ParticipantFilter::default(), outcome).await
}

/// 303 to the participants page showing `notice`; `#status` takes the eye (and focus) to it.
fn back(flash: &Flash, id: i64, notice: Notice) -> HttpResponse {
    flash.redirect(&format!("/campaigns/{id}/participants#status"), notice)
}
