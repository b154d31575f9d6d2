//! `peer_gaps.csv` and `peer_gaps.png`: where teams rate themselves above or below what
//! their peers found. Per parameter, the distribution of (self − peer) over the campaign's
//! peer-reviewed responses, counted in organisations; a parameter with fewer than k
//! organisations is suppressed (its counts left empty). Written only for a campaign with
//! peer-reviewed responses.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::questionnaire::Answers;
use crate::scoring::{assess_scores, level_parameters};
use crate::storage::DbConn;
use crate::storage::peer_review::{LevelKind, current_levels_of};
use crate::storage::report_rows::CampaignRows;

use super::ReportError;
use super::cells::{Cell, csv_start, write_record};
use super::charts::{ChartTitle, peer_gaps_png};
use super::data::Questionnaires;

/// The files, in the order they are written.
pub const PEER_GAP_FILES: [&str; 2] = ["peer_gaps.csv", "peer_gaps.png"];

/// The differences a row can hold, self − peer.
pub const DIFFERENCES: std::ops::RangeInclusive<i32> = -4..=4;

/// One parameter's distribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeerGapRow {
    pub parameter: String,
    /// Organisations per difference (−4 … +4); `None` under the threshold.
    pub counts: Option<[usize; 9]>,
}

/// The distribution of every parameter peers assessed; empty without peer levels.
pub fn peer_gaps(
    conn: &mut DbConn,
    rows: &CampaignRows,
    questionnaires: &Questionnaires,
    k: usize,
) -> Result<Vec<PeerGapRow>, ReportError> {
    let ids: Vec<i64> = rows.responses.iter().map(|r| r.response_id).collect();
    let peer = current_levels_of(conn, &ids, LevelKind::Peer)?;
    if peer.is_empty() {
        return Ok(Vec::new());
    }
    // parameter → difference → organisations; parameter → organisations.
    let mut by_difference: BTreeMap<String, BTreeMap<i32, BTreeSet<i64>>> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    for response in &rows.responses {
        let Some(levels) = peer.get(&response.response_id) else {
            continue;
        };
        let key = (
            response.questionnaire_id.clone(),
            response.questionnaire_version.clone(),
        );
        let Some(q) = questionnaires.get(&key) else {
            continue;
        };
        for p in level_parameters(q) {
            if !order.iter().any(|o| o == p.id()) {
                order.push(p.id().to_owned());
            }
        }
        let own = assess_scores(q, None, &answers_of(rows, response.response_id));
        for parameter in &own.parameters {
            let (Some(own), Some(peer)) = (parameter.level, levels.get(&parameter.id)) else {
                continue;
            };
            // Self levels are whole levels 0–4; rounding only guards the conversion.
            let difference = (own.round() as i32) - peer;
            by_difference
                .entry(parameter.id.clone())
                .or_default()
                .entry(difference)
                .or_default()
                .insert(response.organisation_id);
        }
    }
    Ok(order
        .into_iter()
        .filter_map(|parameter| {
            let counts = by_difference.get(&parameter)?;
            let organisations: BTreeSet<i64> = counts.values().flatten().copied().collect();
            let counts = (organisations.len() >= k).then(|| {
                let mut out = [0; 9];
                for (i, d) in DIFFERENCES.enumerate() {
                    out[i] = counts.get(&d).map_or(0, BTreeSet::len);
                }
                out
            });
            Some(PeerGapRow { parameter, counts })
        })
        .collect())
}

/// The answers of one response in `rows`, decoded.
fn answers_of(rows: &CampaignRows, response: i64) -> Answers {
    let a = &rows.answers;
    (0..a.len())
        .filter(|i| a.response_ids[*i] == response)
        .filter_map(|i| {
            let question = a.question_texts[a.question_ids[i] as usize].clone();
            serde_json::from_str(&a.value_texts[a.values[i] as usize])
                .ok()
                .map(|answer| (question, answer))
        })
        .collect()
}

/// `peer_gaps.csv`: the TLP line, then one row per parameter and difference.
pub fn peer_gaps_csv(tlp_line: &str, gaps: &[PeerGapRow]) -> Vec<u8> {
    let mut out = csv_start(tlp_line, ["parameter", "difference", "organisations"]);
    for row in gaps {
        for (i, d) in DIFFERENCES.enumerate() {
            let count = row
                .counts
                .map_or(Cell::Empty, |c| Cell::Integer(c[i] as i64));
            write_record(
                &mut out,
                [
                    Cell::Text(&row.parameter),
                    Cell::Integer(i64::from(d)),
                    count,
                ],
            );
        }
    }
    out
}

/// Writes both files into `dir`; nothing for a campaign without peer levels.
pub fn write_peer_gaps(
    gaps: &[PeerGapRow],
    tlp_line: &str,
    title: &ChartTitle,
    dir: &Path,
) -> Result<Vec<PathBuf>, ReportError> {
    if gaps.is_empty() {
        return Ok(Vec::new());
    }
    let csv = dir.join(PEER_GAP_FILES[0]);
    std::fs::write(&csv, peer_gaps_csv(tlp_line, gaps)).map_err(|e| write_error(&csv, e))?;
    let rows: Vec<String> = gaps.iter().map(|g| g.parameter.clone()).collect();
    let columns: Vec<String> = DIFFERENCES.map(|d| format!("{d:+}")).collect();
    let cells: Vec<Vec<Option<f64>>> = gaps
        .iter()
        .map(|g| match g.counts {
            Some(c) => {
                let total: usize = c.iter().sum();
                c.iter()
                    .map(|n| Some(*n as f64 / total.max(1) as f64))
                    .collect()
            }
            None => vec![None; 9],
        })
        .collect();
    let png = dir.join(PEER_GAP_FILES[1]);
    let drawn = peer_gaps_png(title, &rows, &columns, &cells)?;
    std::fs::write(&png, drawn).map_err(|e| write_error(&png, e))?;
    Ok(vec![csv, png])
}

fn write_error(path: &Path, e: std::io::Error) -> ReportError {
    ReportError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}
