//! The report files of a campaign in the JSON API: listed, built and downloaded with an
//! analyst's API token.

use actix_web::{HttpResponse, web};
use serde::Serialize;

use crate::reports::REPORT_FILES;
use crate::web::access::{ApiCampaign, CampaignSegment};
use crate::web::api::refusals::{CampaignRefusals, NoToken};
use crate::web::error::ErrorBody;
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
        files,
        radars,
    }))
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
