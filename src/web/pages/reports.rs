//! The reports page of a campaign: when the current build was made and what it rests on
//! (with the submissions since, to prompt a rebuild), its files described and listed with
//! their sizes, the charts shown, everything as one ZIP or the tables as one workbook, the
//! radars, a button to build them again, and downloads under the analyst's session. Opening
//! the page is one audit entry, naming the charts it shows; their previews come from a
//! route of their own that writes none, so only real downloads are audited one by one.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;

use crate::accounts::CampaignRight;
use crate::reports::{PAGE_CHARTS, describe};
use crate::web::access::PageCampaign;
use crate::web::pages::layout::{Chrome, html};
use crate::web::report_files::build_state::{BuildState, build_state};
use crate::web::report_files::bundles::{BundleKind, send_bundle};
use crate::web::report_files::{
    FileSegment, RadarSegment, build, campaign, download, human_size, list_files, radars,
    record_view, send_preview,
};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError};

/// A file as the page lists it.
struct FileRow {
    name: &'static str,
    description: &'static str,
    size: Option<String>,
    row_level: bool,
}

/// What the page says of the current build.
struct BuildFacts {
    built_at: String,
    /// "12", or "not recorded" for a build made before builds recorded it.
    submissions: String,
    since: u64,
    provenance: Option<String>,
}

impl BuildFacts {
    fn of(state: BuildState) -> Option<BuildFacts> {
        Some(BuildFacts {
            built_at: state.built_at?.format("%Y-%m-%d %H:%M UTC").to_string(),
            submissions: state
                .submissions
                .map_or_else(|| "not recorded".to_owned(), |n| n.to_string()),
            since: state.submissions_since.unwrap_or(0),
            provenance: state.provenance,
        })
    }
}

#[derive(Template)]
#[template(path = "reports/downloads.html", config = "assets/askama.toml")]
struct DownloadsPage {
    chrome: Chrome,
    id: i64,
    name: String,
    tlp: String,
    tlp_class: String,
    /// `None` before the first build.
    build: Option<BuildFacts>,
    /// Which responses the reports rest on.
    rests_on: String,
    files: Vec<FileRow>,
    /// The built charts, shown on the page.
    charts: Vec<FileRow>,
    /// Whether the analyst may have row-level files (the ZIP and workbook say what they hold).
    rows: bool,
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
    let state_now = build_state(&state, &access).await?;
    let rests_on = state_now.rests_on.clone();
    let build = BuildFacts::of(state_now);
    let files: Vec<FileRow> = files
        .into_iter()
        .map(|f| FileRow {
            name: f.name,
            description: describe(f.name),
            size: f.size.map(human_size),
            row_level: f.row_level,
        })
        .collect();
    let charts: Vec<FileRow> = PAGE_CHARTS
        .iter()
        .filter_map(|chart| files.iter().find(|f| f.name == *chart && f.size.is_some()))
        .map(|f| FileRow {
            name: f.name,
            description: f.description,
            size: f.size.clone(),
            row_level: f.row_level,
        })
        .collect();
    // One entry for the page and all it shows: the previews below write none each.
    record_view(&state, &access, charts.iter().map(|c| c.name).collect()).await?;
    let page = DownloadsPage {
        chrome: Chrome::analyst(csrf.value(), Some(access.analyst())),
        id,
        name,
        tlp_class: tlp.to_lowercase(),
        tlp,
        build,
        rests_on,
        files,
        charts,
        rows: access.allows(CampaignRight::ReadRows),
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

/// `GET /campaigns/{id}/reports/archive.zip`: every file the analyst may have, as one ZIP.
pub async fn download_archive(
    access: PageCampaign,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    send_bundle(&state, &access, BundleKind::Archive).await
}

/// `GET /campaigns/{id}/reports/workbook.xlsx`: the tables as one workbook.
pub async fn download_workbook(
    access: PageCampaign,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    send_bundle(&state, &access, BundleKind::Workbook).await
}

/// `GET /campaigns/{id}/reports/{file}`
pub async fn download_file(
    access: PageCampaign,
    state: web::Data<AppState>,
    path: web::Path<FileSegment>,
) -> Result<HttpResponse, WebError> {
    download(&state, &access, &path.file).await
}

/// `GET /campaigns/{id}/reports/charts/{file}`: a chart as the page shows it, with no
/// audit entry of its own (the page's opening has one); its link downloads it, audited.
pub async fn show_chart(
    access: PageCampaign,
    state: web::Data<AppState>,
    path: web::Path<FileSegment>,
) -> Result<HttpResponse, WebError> {
    send_preview(&state, &access, &path.file).await
}

/// `GET /campaigns/{id}/reports/radars/{response_id}`
pub async fn show_radar(
    access: PageCampaign,
    state: web::Data<AppState>,
    path: web::Path<RadarSegment>,
) -> Result<HttpResponse, WebError> {
    radars::download(&state, &access, path.response_id).await
}
