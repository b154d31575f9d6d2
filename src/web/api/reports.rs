//! The report files of a campaign in the JSON API: listed, built and downloaded with an
//! analyst's API token.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::reports::REPORT_FILES;
use crate::web::access::{ApiCampaign, CampaignSegment};
use crate::web::api::refusals::{CampaignRefusals, NoToken};
use crate::web::error::ErrorBody;
use crate::web::report_files::build_state::{BuildState, build_state};
use crate::web::report_files::bundles::{BundleKind, send_bundle};
use crate::web::report_files::{
    FileEntry, FileSegment, RadarSegment, build, campaign, download, list_files, radars,
};
use crate::web::{AppState, WebError};

/// The `{file}` of a report download, documented as the names of [`REPORT_FILES`] (the one
/// list the build writes and the download serves), so the API document cannot drift from it.
pub struct ReportFileName;

impl utoipa::PartialSchema for ReportFileName {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .enum_values(Some(REPORT_FILES))
            .description(Some("The name of a report file"))
            .into()
    }
}

impl utoipa::ToSchema for ReportFileName {}

/// The report files of a campaign, as the API lists them.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ReportList {
    campaign: i64,
    /// The campaign's TLP label; only in the plain listing.
    #[serde(skip_serializing_if = "Option::is_none")]
    tlp: Option<String>,
    /// When the current build was made, what it rests on and what arrived since.
    #[serde(flatten)]
    build: BuildState,
    /// Every report file, with its size once built; the trend across rounds only when the
    /// current build has it (a campaign that follows another).
    files: Vec<FileEntry>,
    /// The per-respondent radars of the last build, in response id order; listed only to
    /// those who may download row-level files.
    radars: Vec<radars::RadarFile>,
}

/// `GET /api/v1/campaigns/{id}/reports`
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}/reports",
    tag = "reports",
    summary = "The report files the token's analyst may download, with their sizes once built",
    params(CampaignSegment),
    responses(
        (status = 200, description = "The report files", body = ReportList),
        CampaignRefusals,
    ),
    security(("api_token" = []))
)]
pub async fn list_reports(
    access: ApiCampaign,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (_, tlp) = campaign(&state, &access).await?;
    let (files, radars) = list_files(&state, &access).await?;
    Ok(HttpResponse::Ok().json(ReportList {
        campaign: access.id().get(),
        tlp: Some(tlp),
        build: build_state(&state, &access).await?,
        files,
        radars,
    }))
}

/// `POST /api/v1/campaigns/{id}/reports`: builds them all, then lists them.
#[utoipa::path(
    post,
    path = "/api/v1/campaigns/{id}/reports",
    tag = "reports",
    summary = "Build every report of the campaign, per-respondent radars included, then list them",
    params(CampaignSegment),
    responses(
        (status = 200, description = "The report files", body = ReportList),
        CampaignRefusals,
    ),
    security(("api_token" = []))
)]
pub async fn build_reports(
    access: ApiCampaign,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    build(&state, &access).await?;
    let (files, radars) = list_files(&state, &access).await?;
    Ok(HttpResponse::Ok().json(ReportList {
        campaign: access.id().get(),
        tlp: None,
        build: build_state(&state, &access).await?,
        files,
        radars,
    }))
}

/// `GET /api/v1/campaigns/{id}/reports/archive.zip`
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}/reports/archive.zip",
    tag = "reports",
    summary = "Download every built report file the token's analyst may have as one ZIP archive",
    description = "Made from the current build when asked, saved as \
        `campaign-<id>-TLP-<label>-reports.zip`. Row-level files (answers.csv, scores.csv and \
        the per-respondent radars) are in it only for admins and analysts assigned to the \
        campaign. The download is audited.",
    params(CampaignSegment),
    responses(
        (status = 200, description = "The archive", content(("application/zip"))),
        NoToken,
        (status = 404, description = "No such campaign, or the reports are not built yet", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn download_archive(
    access: ApiCampaign,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    send_bundle(&state, &access, BundleKind::Archive).await
}

/// `GET /api/v1/campaigns/{id}/reports/workbook.xlsx`
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}/reports/workbook.xlsx",
    tag = "reports",
    summary = "Download the report tables as one spreadsheet workbook, one sheet per table",
    description = "Made from the CSV files of the current build when asked, saved as \
        `campaign-<id>-TLP-<label>-reports.xlsx`. Each sheet opens with the TLP and provenance \
        line; text that begins like a formula is neutralised as in the CSV files. The \
        row-level tables are in it only for admins and analysts assigned to the campaign. \
        The download is audited.",
    params(CampaignSegment),
    responses(
        (status = 200, description = "The workbook",
            content(("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        NoToken,
        (status = 404, description = "No such campaign, or the reports are not built yet", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn download_workbook(
    access: ApiCampaign,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    send_bundle(&state, &access, BundleKind::Workbook).await
}

/// `GET /api/v1/campaigns/{id}/reports/{file}`
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}/reports/{file}",
    tag = "reports",
    summary = "Download one built report file",
    params(CampaignSegment,
        ("file" = inline(ReportFileName), Path, description = "A report file name, such as scores.csv")),
    responses(
        (status = 200, description = "The file", content(("text/csv"), ("image/png"), ("text/html"), ("text/markdown"))),
        NoToken,
        (status = 404, description = "No such campaign or file, or not built yet", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn download_report(
    access: ApiCampaign,
    state: web::Data<AppState>,
    path: web::Path<FileSegment>,
) -> Result<HttpResponse, WebError> {
    download(&state, &access, &path.file).await
}

/// `GET /api/v1/campaigns/{id}/reports/radars/{response_id}`
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}/reports/radars/{response_id}",
    tag = "reports",
    summary = "Download the radar chart of one submitted response, as the last build drew it",
    description = "Names the response's organisation, so it is served only to admins and to \
        analysts assigned to the campaign, like the row-level CSV files. The report listing \
        gives every radar's path.",
    params(CampaignSegment,
        ("response_id" = i64, Path, description = "A submitted response of the campaign")),
    responses(
        (status = 200, description = "The radar chart", content(("image/png"))),
        NoToken,
        (status = 404, description = "No such campaign or response, not one the token's analyst may see, or no radar built", body = ErrorBody),
    ),
    security(("api_token" = []))
)]
pub async fn download_radar(
    access: ApiCampaign,
    state: web::Data<AppState>,
    path: web::Path<RadarSegment>,
) -> Result<HttpResponse, WebError> {
    radars::download(&state, &access, path.response_id).await
}
