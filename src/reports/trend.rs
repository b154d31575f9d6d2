//! The trend of a campaign that follows others: `trend.csv` and `trend.png`, built from
//! every round of its series (`storage::campaigns::rounds`), each round's submitted
//! responses scored by `crate::scoring` exactly as that round's own reports score them.
//! A first round has no trend and gets neither file.
//!
//! The files obey each round's privacy threshold: the larger of the report's own and the
//! round's (its campaign's own, else the configured one), so a trend never shows what a
//! round's reports kept back. They are stamped with the strictest TLP label of the rounds.

mod drawing;
mod movements;
mod series;
mod table;

#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::campaigns::Tlp;
use crate::questionnaire::Catalogue;
use crate::storage::DbConn;
use crate::storage::campaigns::{self, Campaign};
use crate::storage::report_rows::{CampaignRows, submitted_rows};

use super::cells::comment_line;
use super::data::{Questionnaires, measure_scores};
use super::error::ReportError;
use super::provenance::Provenance;
use super::recommendations::questionnaires_for;

pub use series::{RoundInput, RoundResponse, Trend, trend};
pub use table::{TREND_COLUMNS, trend_csv};

/// The files of the trend, in the order they are written; only a campaign that follows
/// another has them.
pub const TREND_FILES: [&str; 2] = ["trend.csv", "trend.png"];

/// The current round, already read and scored by the rest of the build.
pub struct CurrentRound<'a> {
    pub campaign: &'a Campaign,
    pub rows: &'a CampaignRows,
    pub questionnaires: &'a Questionnaires,
    /// The threshold of the current round's reports.
    pub k: usize,
}

/// Writes `trend.csv` and `trend.png` into `dir` when `current` follows another campaign,
/// reading and scoring the earlier rounds one at a time; `configured_k` is the threshold
/// of a round without one of its own. Returns the files written: none for a first round.
pub fn write_trend(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    current: &CurrentRound<'_>,
    configured_k: usize,
    generated_at: DateTime<Utc>,
    dir: &Path,
) -> Result<Vec<PathBuf>, ReportError> {
    let series: Vec<Campaign> = campaigns::rounds(conn, current.campaign.id)?
        .into_iter()
        .map(|round| round.campaign)
        .collect();
    let Some((_, earlier)) = series
        .split_last()
        .filter(|(_, earlier)| !earlier.is_empty())
    else {
        return Ok(Vec::new());
    };
    let mut inputs = Vec::with_capacity(series.len());
    let mut scored_with = Questionnaires::new();
    for campaign in earlier {
        let mut rows = submitted_rows(conn, campaign.id)?;
        let questionnaires = questionnaires_for(conn, catalogue, &rows)?;
        super::agreed::with_agreed_levels(conn, &mut rows, &questionnaires)?;
        let k = current.k.max(campaign.privacy_k_or(configured_k));
        inputs.push(round_input(campaign, k, &rows, &questionnaires)?);
        scored_with.extend(questionnaires);
    }
    let c = current.campaign;
    inputs.push(round_input(
        c,
        current.k,
        current.rows,
        current.questionnaires,
    )?);
    scored_with.extend(current.questionnaires.clone());
    let tlp = strictest(series.iter().map(|c| c.tlp));
    let provenance = Provenance::of(scored_with.values()).line();
    let heading = comment_line(&format!(
        "TLP:{} — {} — trend over {} rounds — generated {} — {}",
        tlp.as_str(),
        c.name,
        series.len(),
        generated_at.format("%Y-%m-%dT%H:%M:%SZ"),
        provenance,
    ));
    let trend = trend(&inputs);
    let [csv, png] = TREND_FILES.map(|name| dir.join(name));
    write(&csv, &trend_csv(&trend, &heading))?;
    let title = drawing::title(&c.name, tlp, &inputs, current.k, provenance);
    write(&png, &drawing::trend_chart(&trend, &inputs, &title)?)?;
    Ok(vec![csv, png])
}

/// One round's responses with their scores, aligned as `measure_scores` gives them.
fn round_input(
    campaign: &Campaign,
    k: usize,
    rows: &CampaignRows,
    questionnaires: &Questionnaires,
) -> Result<RoundInput, ReportError> {
    let scores = measure_scores(rows, questionnaires)?;
    Ok(RoundInput {
        campaign_id: campaign.id,
        campaign: campaign.name.clone(),
        closes_on: campaign.closes_on,
        k,
        responses: rows
            .responses
            .iter()
            .zip(scores)
            .map(|(row, scores)| RoundResponse {
                response_id: row.response_id,
                organisation_id: row.organisation_id,
                audience: row.audience.to_string(),
                submitted_at: row.submitted_at,
                scores,
            })
            .collect(),
    })
}

/// The strictest of `labels`: RED over AMBER over GREEN over CLEAR.
fn strictest(labels: impl Iterator<Item = Tlp>) -> Tlp {
    let rank = |t: &Tlp| Tlp::ALL.iter().position(|a| a == t).unwrap_or(0);
    labels.max_by_key(rank).unwrap_or(Tlp::Red)
}

fn write(path: &Path, body: &[u8]) -> Result<(), ReportError> {
    std::fs::write(path, body).map_err(|e| ReportError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}
