//! The per-respondent radars of a campaign's reports: listed and served, like the row-level
//! files, only to admins and the analysts assigned to the campaign, since each names the
//! organisation whose scores it draws.

use std::path::Path;

use actix_web::HttpResponse;
use serde::Serialize;

use crate::accounts::Analyst;
use crate::reports::radars::{built_radars, radar_path};
use crate::reports::{RADAR_FOLDER, RadarEntry};

use super::human_size;
use super::{campaign, may_read_rows, send_file};
use crate::web::{AppState, WebError};

/// One built radar as the API lists it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct RadarFile {
    response_id: i64,
    organisation: String,
    /// ISO 3166-1 alpha-2 of the organisation.
    country: String,
    /// csirt, lea or judiciary.
    audience: String,
    /// The id of the questionnaire answered.
    questionnaire: String,
    size: u64,
    /// Where the API serves it.
    path: String,
}

/// A radar as the page lists it.
pub struct RadarRow {
    pub response_id: i64,
    pub organisation: String,
    pub country: String,
    pub audience: String,
    pub size: String,
}

/// The radars in the build folder `dir` (of campaign `id`), for one who may read row-level
/// files. Blocking.
pub(in crate::web) fn radar_files(dir: &Path, id: i64) -> Result<Vec<RadarFile>, WebError> {
    let entries = built_radars(dir).map_err(WebError::internal)?;
    Ok(entries
        .into_iter()
        .filter_map(|entry| {
            let size = std::fs::metadata(radar_path(dir, entry.response_id)).ok()?;
            Some(listed(id, entry, size.len()))
        })
        .collect())
}

fn listed(campaign: i64, entry: RadarEntry, size: u64) -> RadarFile {
    RadarFile {
        path: format!(
            "/api/v1/campaigns/{campaign}/reports/{RADAR_FOLDER}/{}",
            entry.response_id
        ),
        response_id: entry.response_id,
        organisation: entry.organisation,
        country: entry.country,
        audience: entry.audience,
        questionnaire: entry.questionnaire,
        size,
    }
}

/// The page's rows: by organisation name, which is how people look for one.
pub(in crate::web) fn page_rows(radars: Vec<RadarFile>) -> Vec<RadarRow> {
    let mut rows: Vec<RadarRow> = radars
        .into_iter()
        .map(|r| RadarRow {
            response_id: r.response_id,
            organisation: r.organisation,
            country: r.country,
            audience: r.audience,
            size: human_size(r.size),
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.organisation.to_lowercase(), a.response_id)
            .cmp(&(b.organisation.to_lowercase(), b.response_id))
    });
    rows
}

/// Serves the radar of `response_id` from the campaign's reports, after the checks, with an
/// audit entry. Any id that is not a response with a radar in this campaign's folder, and
/// any analyst who may not read row-level files, gets the same 404.
pub(in crate::web) async fn download(
    state: &AppState,
    analyst: Analyst,
    id: i64,
    response_id: i64,
) -> Result<HttpResponse, WebError> {
    campaign(state, &analyst, id).await?;
    let missing = format!(
        "no radar of response {response_id} in the reports of campaign {id}: \
         build the reports first, or check the response id"
    );
    if !may_read_rows(&analyst, id) {
        return Err(WebError::NotFound(missing));
    }
    // A name made from a number: no request can make it point outside the build.
    let name = format!("{RADAR_FOLDER}/{response_id}.png");
    send_file(state, analyst, id, name, missing).await
}
