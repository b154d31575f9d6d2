//! Report downloads: the built files of a campaign, listed, rebuilt and served from its
//! current build (`<reports_dir>/<campaign id>/`), for pages (session) and the API (bearer
//! token). Each request resolves the current build once, so what it lists or serves comes
//! from one build even while another is swapped in.
//!
//! Only [`ReportFile`]s are ever served (the stable names of `REPORT_FILES` and radars
//! named by a response id parsed as a number), so no path from a request reaches the file
//! system. Row-level files need [`CampaignRight::ReadRows`]; every download is audited by
//! `reports::downloads`, and so is each opening of the reports page, whose chart previews
//! are then sent without an entry each.

pub mod build_state;
pub mod bundles;
pub mod radars;

use std::path::PathBuf;

use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::{HttpResponse, web};
use serde::{Deserialize, Serialize};

use crate::accounts::CampaignRight;
use crate::reports::{
    REPORT_FILES, ReportError, ReportFile, ReportFolder, ReportOptions, build_campaign_reports,
    downloads, is_optional,
};
use crate::storage::campaigns::get_campaign;

use crate::web::access::CampaignAccess;
use crate::web::{AppState, WebError, with_conn};

/// The `{file}` segment of a download's address.
#[derive(Deserialize)]
pub(in crate::web) struct FileSegment {
    pub(in crate::web) file: String,
}

/// The `{response_id}` segment of a radar's address.
#[derive(Deserialize)]
pub(in crate::web) struct RadarSegment {
    pub(in crate::web) response_id: i64,
}

/// Whether the caller may download `file` of the campaign (which they can see).
fn may_download<I>(access: &CampaignAccess<I>, file: ReportFile) -> bool {
    !file.is_row_level() || access.allows(CampaignRight::ReadRows)
}

/// The content type of a report file, and whether browsers should save rather than show it.
fn content_type(file: &str) -> (&'static str, bool) {
    match file.rsplit_once('.').map(|(_, ext)| ext) {
        Some("csv") => ("text/csv; charset=utf-8", true),
        Some("png") => ("image/png", false),
        Some("html") => ("text/html; charset=utf-8", false),
        Some("md") => ("text/markdown; charset=utf-8", true),
        _ => ("application/octet-stream", true),
    }
}

/// One report file as the list shows it.
#[derive(Serialize, utoipa::ToSchema)]
pub(in crate::web) struct FileEntry {
    pub(in crate::web) name: &'static str,
    pub(in crate::web) content_type: &'static str,
    pub(in crate::web) row_level: bool,
    /// `None` until the reports are built.
    pub(in crate::web) size: Option<u64>,
}

/// The folder of the campaign's current build, `None` before the first; every read of a
/// report file starts here. Blocking: call it on the blocking pool.
pub(in crate::web) fn current_build(
    state: &AppState,
    campaign_id: i64,
) -> Result<Option<PathBuf>, WebError> {
    ReportFolder::new(&state.settings.reports_dir, campaign_id)
        .current()
        .map_err(WebError::internal)
}

/// Checks that the campaign exists; returns its name and TLP label.
pub(in crate::web) async fn campaign<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
) -> Result<(String, String), WebError> {
    let id = access.id().get();
    let details = with_conn(state, move |conn| Ok(get_campaign(conn, id)?)).await?;
    Ok((details.campaign.name, details.campaign.tlp.to_string()))
}

/// The files the caller may download, with their sizes where built, and the radars they
/// may download: all from the one build current when the listing starts. A file made only
/// for some campaigns (the trend) is listed only when the build has it.
pub(in crate::web) async fn list_files<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
) -> Result<(Vec<FileEntry>, Vec<radars::RadarFile>), WebError> {
    let id = access.id().get();
    let offered: Vec<&'static str> = REPORT_FILES
        .into_iter()
        .filter(|f| may_download(access, ReportFile::Named(f)))
        .collect();
    let with_radars = access.allows(CampaignRight::ReadRows);
    let state = state.clone();
    web::block(move || {
        let dir = current_build(&state, id)?;
        let size = |name: &str| {
            let path = dir.as_ref()?.join(name);
            std::fs::metadata(path).ok().map(|m| m.len())
        };
        let files = offered
            .into_iter()
            .map(|name| FileEntry {
                name,
                content_type: content_type(name).0,
                row_level: ReportFile::Named(name).is_row_level(),
                size: size(name),
            })
            .filter(|f| f.size.is_some() || !is_optional(f.name))
            .collect();
        let radars = match &dir {
            Some(dir) if with_radars => radars::radar_files(dir, id)?,
            _ => Vec::new(),
        };
        Ok((files, radars))
    })
    .await
    .map_err(WebError::internal)?
}

/// Builds every report of the campaign on the blocking pool (polars and plotters included).
pub(in crate::web) async fn build<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
) -> Result<usize, WebError> {
    access.require(CampaignRight::Manage)?;
    let (id, actor) = (access.id().get(), access.actor());
    let (catalogue, settings) = (state.catalogue.clone(), state.settings.clone());
    with_conn(state, move |conn| {
        let details = get_campaign(conn, id)?;
        let files = build_campaign_reports(
            conn,
            &catalogue,
            &details,
            ReportOptions::new(settings.privacy_k),
            &settings.reports_dir,
            &|_| {},
            &actor,
        )
        .map_err(|e| match e {
            ReportError::Busy(_) => WebError::Conflict(e.to_string()),
            other => WebError::internal(other),
        })?;
        Ok(files.len())
    })
    .await
}

/// Serves one built file, after the checks; the download is audited.
pub(in crate::web) async fn download<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
    file: &str,
) -> Result<HttpResponse, WebError> {
    campaign(state, access).await?;
    let Some(file) = ReportFile::named(file).filter(|f| may_download(access, *f)) else {
        return Err(WebError::NotFound(format!("no report file named {file:?}")));
    };
    let (name, id) = (file.path(), access.id());
    let missing = if is_optional(&name) {
        format!(
            "{name} is made only for a campaign that follows another, when its reports are \
             built; campaign {id} has none"
        )
    } else {
        format!(
            "{name} is not built yet: build the reports first \
             (POST /api/v1/campaigns/{id}/reports or the page's button)"
        )
    };
    send_file(state, access, file, missing).await
}

/// Reads the checked `file` of the campaign's current build and sends it; the download is
/// audited on the way. `missing` is the 404 message when the file is not there.
pub(in crate::web) async fn send_file<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
    file: ReportFile,
    missing: String,
) -> Result<HttpResponse, WebError> {
    let (id, actor) = (access.id(), access.actor());
    let reports_dir = state.settings.reports_dir.clone();
    let body = with_conn(state, move |conn| {
        downloads::download(conn, &reports_dir, id, file, &actor).map_err(report_error)
    })
    .await?
    .ok_or(WebError::NotFound(missing))?;
    Ok(file_response(id.get(), file, body))
}

/// Sends chart `name` of the campaign's current build for the reports page to show, with
/// no entry of its own: opening the page recorded one for all it shows
/// ([`record_view`]). A name that is no chart, or one not built, is a 404.
pub(in crate::web) async fn send_preview<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
    name: &str,
) -> Result<HttpResponse, WebError> {
    campaign(state, access).await?;
    let (id, owned) = (access.id(), name.to_owned());
    let reports_dir = state.settings.reports_dir.clone();
    let (chart, body) = web::block(move || downloads::preview_chart(&reports_dir, id, &owned))
        .await
        .map_err(WebError::internal)?
        .map_err(report_error)?
        .ok_or_else(|| WebError::NotFound(format!("no chart named {name:?} is built")))?;
    Ok(file_response(id.get(), chart, body))
}

/// Records that the caller opened the campaign's reports page, showing `charts`.
pub(in crate::web) async fn record_view<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
    charts: Vec<&'static str>,
) -> Result<(), WebError> {
    let (id, actor) = (access.id(), access.actor());
    with_conn(state, move |conn| {
        downloads::record_view(conn, id, &charts, &actor).map_err(report_error)
    })
    .await
}

fn report_error(e: ReportError) -> WebError {
    match e {
        ReportError::Storage(e) => e.into(),
        other => WebError::internal(other),
    }
}

/// The answer carrying `body`, the content of `file` of campaign `id`.
fn file_response(id: i64, file: ReportFile, body: Vec<u8>) -> HttpResponse {
    let name = file.path();
    let (mime, attachment) = content_type(&name);
    let disposition = if attachment {
        DispositionType::Attachment
    } else {
        DispositionType::Inline
    };
    // The saved file keeps the campaign in its name; a radar's folder becomes part of it.
    let filename = format!("campaign-{id}-{}", name.replace('/', "-"));
    let mut response = HttpResponse::Ok();
    if mime.starts_with("text/html") {
        // The report page carries its own stylesheet (so a saved copy keeps its TLP
        // colours); the site's policy allows no inline style, so this page names it.
        response.insert_header((header::CONTENT_SECURITY_POLICY, report_page_policy()));
    }
    response
        .insert_header((header::CONTENT_TYPE, mime))
        .insert_header(ContentDisposition {
            disposition,
            parameters: vec![DispositionParam::Filename(filename)],
        })
        .body(body)
}

/// The policy a report page is served under: the site's, with its one inline stylesheet
/// allowed by hash instead of `'self'`, and nothing else it does not need.
fn report_page_policy() -> String {
    format!(
        "default-src 'none'; style-src {}; img-src 'self'; form-action 'none'; \
         frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
        crate::reports::recommendations::style_source()
    )
}

/// "12.3 kB"
pub(in crate::web) fn human_size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} B"),
        1_000..1_000_000 => format!("{:.1} kB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

#[cfg(test)]
mod tests {
    use super::{content_type, human_size};

    #[test]
    fn csv_and_markdown_are_attachments_and_pictures_are_shown() {
        assert_eq!(
            content_type("scores.csv"),
            ("text/csv; charset=utf-8", true)
        );
        assert!(content_type("recommendations.md").1);
        assert_eq!(content_type("gap.png"), ("image/png", false));
        assert!(!content_type("recommendations.html").1);
        assert_eq!(human_size(2_500), "2.5 kB");
    }
}
