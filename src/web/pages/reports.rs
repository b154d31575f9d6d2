//! The reports page of a campaign: its files and radars listed with their sizes, a button
//! to build them again, and downloads under the analyst's session.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;

use crate::accounts::CampaignRight;
use crate::web::access::PageCampaign;
use crate::web::pages::layout::{Chrome, html};
use crate::web::report_files::{
    FileSegment, RadarSegment, build, campaign, download, human_size, list_files, radars,
};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError};

/// A file as the page lists it.
struct FileRow {
    name: &'static str,
    size: Option<String>,
    row_level: bool,
}

#[derive(Template)]
#[template(path = "reports/downloads.html", config = "assets/askama.toml")]
struct DownloadsPage {
    chrome: Chrome,
    id: i64,
    name: String,
    tlp: String,
    tlp_class: String,
    files: Vec<FileRow>,
    /// Whether the analyst may see the radars at all; they are listed only then.
    radars_shown: bool,
    radars: Vec<radars::RadarRow>,
}

/// `GET /campaigns/{id}/reports`: the files, their sizes and a button to build them.
pub async fn show_reports(
    access: PageCampaign,
    csrf: CsrfToken,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let id = access.id().get();
    let (name, tlp) = campaign(&state, &access).await?;
    let (files, radars) = list_files(&state, &access).await?;
    let page = DownloadsPage {
        chrome: Chrome::analyst(csrf.value(), Some(access.analyst().email())),
        id,
        name,
        tlp_class: tlp.to_lowercase(),
        tlp,
        files: files
            .into_iter()
            .map(|f| FileRow {
                name: f.name,
                size: f.size.map(human_size),
                row_level: f.row_level,
            })
            .collect(),
        radars_shown: access.allows(CampaignRight::ReadRows),
        radars: radars::page_rows(radars),
    };
    html(page.render())
}

/// `POST /campaigns/{id}/reports`: builds them (the CSRF field is checked by the middleware)
/// and goes back to the list.
pub async fn rebuild_reports(
    access: PageCampaign,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let id = access.id();
    build(&state, &access).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/campaigns/{id}/reports")))
        .finish())
}

/// `GET /campaigns/{id}/reports/{file}`
pub async fn download_file(
    access: PageCampaign,
    state: web::Data<AppState>,
    path: web::Path<FileSegment>,
) -> Result<HttpResponse, WebError> {
    download(&state, &access, &path.file).await
}

/// `GET /campaigns/{id}/reports/radars/{response_id}`
pub async fn show_radar(
    access: PageCampaign,
    state: web::Data<AppState>,
    path: web::Path<RadarSegment>,
) -> Result<HttpResponse, WebError> {
    radars::download(&state, &access, path.response_id).await
}
