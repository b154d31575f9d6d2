//! The reports page of a campaign: its files and radars listed with their sizes, a button
//! to build them again, and downloads under the analyst's session.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use askama::Template;

use crate::web::auth::CurrentAnalyst;
use crate::web::pages::static_files::stylesheet_href;
use crate::web::report_files::{
    build, campaign, download, human_size, list_files, may_read_rows, radars,
};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError};

/// The frame `analyst/layout.html` expects.
struct Chrome {
    stylesheet: &'static str,
    csrf: String,
    signed_in_as: Option<String>,
}

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
    CurrentAnalyst(analyst): CurrentAnalyst,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    let (name, tlp) = campaign(&state, &analyst, id).await?;
    let (files, radars) = list_files(&state, &analyst, id).await?;
    let page = DownloadsPage {
        chrome: Chrome {
            stylesheet: stylesheet_href(),
            csrf: csrf.value().to_owned(),
            signed_in_as: Some(analyst.email().to_owned()),
        },
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
        radars_shown: may_read_rows(&analyst, id),
        radars: radars::page_rows(radars),
    };
    let body = page.render().map_err(WebError::internal)?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(body))
}

/// `POST /campaigns/{id}/reports`: builds them (the CSRF field is checked by the middleware)
/// and goes back to the list.
pub async fn rebuild_reports(
    CurrentAnalyst(analyst): CurrentAnalyst,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    build(&state, analyst, id).await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/campaigns/{id}/reports")))
        .finish())
}

/// `GET /campaigns/{id}/reports/{file}`
pub async fn download_file(
    CurrentAnalyst(analyst): CurrentAnalyst,
    state: web::Data<AppState>,
    path: web::Path<(i64, String)>,
) -> Result<HttpResponse, WebError> {
    let (id, file) = path.into_inner();
    download(&state, analyst, id, &file).await
}

/// `GET /campaigns/{id}/reports/radars/{response_id}`
pub async fn show_radar(
    CurrentAnalyst(analyst): CurrentAnalyst,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
) -> Result<HttpResponse, WebError> {
    let (id, response_id) = path.into_inner();
    radars::download(&state, analyst, id, response_id).await
}
