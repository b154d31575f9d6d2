//! A campaign's report tables: every submitted response scored once by
//! `crate::scoring`, laid out as polars frames, summarised with the privacy
//! threshold applied, and written as CSV.
//!
//! The path is built for size: two queries load the campaign (see
//! `storage::report_rows`), each distinct stored value is decoded once, responses
//! are scored in parallel chunks, and every aggregate is a polars group-by over
//! one row per response. Everything here is blocking: async callers use
//! `web::block` or `spawn_blocking` (polars panics on a current-thread runtime).

mod aggregate;
mod answer_table;
mod export;
mod frames;
mod non_answers;
mod scored;
mod summaries;

#[cfg(test)]
mod perception_tests;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use polars::prelude::{DataFrame, PolarsResult};

use crate::campaigns::Tlp;
use crate::campaigns::questionnaire_at;
use crate::questionnaire::{Catalogue, Questionnaire, TierId};
use crate::storage::DbConn;
use crate::storage::report_rows::{CampaignRows, submitted_rows};

use super::ReportError;
use super::build::timed;
use super::cells::comment_line;
use super::provenance::Provenance;

pub use aggregate::TIERS;
pub use answer_table::AnswerTable;
pub use export::LEVEL_DECIMALS;
pub use export::write_csvs;
pub use non_answers::NON_ANSWER_COLUMNS;
pub use summaries::{MeasureMean, ParameterMedian, PerceptionGap, TierCounts, audience_pairs};

/// The file names `write_csvs` writes, in order; stable so links and scripts keep working.
pub const CSV_FILES: [&str; 4] = [
    "answers.csv",
    "scores.csv",
    "aggregates.csv",
    "non_answers.csv",
];

/// How a report is built and labelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportSettings {
    /// Groups of fewer organisations than this are suppressed.
    pub k: usize,
    /// The campaign's TLP label, stamped on every export.
    pub tlp: Tlp,
    /// Shown in every export's first line.
    pub campaign_name: String,
}

impl ReportSettings {
    /// The default threshold of 3 organisations.
    pub const DEFAULT_K: usize = 3;

    /// Settings with the default threshold.
    pub fn new(campaign_name: impl Into<String>, tlp: Tlp) -> Self {
        ReportSettings {
            k: Self::DEFAULT_K,
            tlp,
            campaign_name: campaign_name.into(),
        }
    }
}

/// Questionnaires by (id, version), as the responses were answered against.
pub type Questionnaires = BTreeMap<(String, String), Questionnaire>;

/// Every table of one campaign's report.
#[derive(Debug, Clone)]
pub struct ReportData {
    pub settings: ReportSettings,
    pub generated_at: DateTime<Utc>,
    /// One row per submitted response: response_id, organisation_id, organisation,
    /// country, audience, questionnaire, version.
    pub responses: DataFrame,
    /// Every answer to a visible question, by response and in questionnaire order: the
    /// big one, kept compact (see [`ReportData::answers_long`] for it as a frame).
    pub answers: AnswerTable,
    /// One row per response: see `frames::scores_columns` for the columns.
    pub scores_wide: DataFrame,
    /// Cooperation responses, once per mirror in the campaign: organisation_id, country,
    /// audience, `partner` (the mirror's audience) and, per dimension, the mean level of
    /// the mirrored (`pair`) questions answered that the mirror asks too.
    pub pair_levels: DataFrame,
    /// audience × country (and "ALL") × measure, suppressed below `k`.
    pub aggregates: DataFrame,
    /// audience × country (and "ALL") × question offering non-answers: the share of each
    /// non-answer (`NON_ANSWER_COLUMNS`), suppressed below `k`.
    pub non_answers: DataFrame,
    /// Which tier tables and models scored the responses.
    pub provenance: Provenance,
}

impl ReportData {
    /// One row per answer to a visible question, in questionnaire order:
    /// response_id, question_id, value (as text; a non-answer as its name), value_is_number
    /// (whether the respondent entered a number rather than chose or wrote text), level,
    /// offers_non_answers (whether the question offers them), non_answer (its name, or
    /// null), evidence_files (how many files the answer has), evidence_file_names (their
    /// names joined by `;`; never their content). Join on `response_id` with `responses`
    /// for who answered.
    pub fn answers_long(&self) -> PolarsResult<DataFrame> {
        self.answers.frame()
    }

    /// The first line of every export: TLP label, campaign, time and what scored the
    /// responses, as one comment line (see [`comment_line`]).
    pub fn tlp_line(&self) -> String {
        comment_line(&format!(
            "TLP:{} — {} — generated {} — {}",
            self.settings.tlp.as_str(),
            self.settings.campaign_name,
            self.generated_at.format("%Y-%m-%dT%H:%M:%SZ"),
            self.provenance.line()
        ))
    }
}

/// Loads a campaign's submitted responses (a constant number of queries) and builds its tables.
pub fn build(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    campaign_id: i64,
    settings: ReportSettings,
) -> Result<ReportData, ReportError> {
    let mut rows = submitted_rows(conn, campaign_id)?;
    let mut questionnaires = Questionnaires::new();
    for row in &rows.responses {
        let key = (
            row.questionnaire_id.clone(),
            row.questionnaire_version.clone(),
        );
        if let std::collections::btree_map::Entry::Vacant(slot) = questionnaires.entry(key) {
            let (id, version) = slot.key();
            let questionnaire = questionnaire_at(conn, catalogue, id, version)?;
            slot.insert(std::sync::Arc::unwrap_or_clone(questionnaire));
        }
    }
    super::agreed::with_agreed_levels(conn, &mut rows, &questionnaires)?;
    build_from_rows(&rows, &questionnaires, settings, Utc::now())
}

/// Builds the tables from rows already loaded; pure apart from the CPU it uses.
pub fn build_from_rows(
    rows: &CampaignRows,
    questionnaires: &Questionnaires,
    settings: ReportSettings,
    generated_at: DateTime<Utc>,
) -> Result<ReportData, ReportError> {
    let mut scored = timed("scoring", || scored::score_all(rows, questionnaires))?;
    let frames =
        timed("frames", || frames::build(rows, questionnaires, &scored)).map_err(table_error)?;
    let answers = AnswerTable::new(rows, &mut scored);
    let aggregates = timed("aggregates", || {
        aggregate::aggregates(&frames.scores_wide, settings.k)
    })
    .map_err(table_error)?;
    let non_answers = timed("non-answer shares", || {
        non_answers::non_answer_shares(rows, &answers, questionnaires, settings.k)
    })
    .map_err(table_error)?;
    Ok(ReportData {
        settings,
        generated_at,
        responses: frames.responses,
        answers,
        scores_wide: frames.scores_wide,
        pair_levels: frames.pair_levels,
        aggregates,
        non_answers,
        provenance: Provenance::of(questionnaires.values()),
    })
}

/// One response's measures, scored as the tables score them.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureScores {
    /// SIM3 category means in `Category::ALL` order; empty when the questionnaire has none.
    pub categories: Vec<Option<f64>>,
    /// Cooperation dimension scores in `Dimension::ALL` order; empty when it has none.
    pub dimensions: Vec<Option<f64>>,
    /// `None`: not placed (no tier table); `Some(None)`: not yet basic.
    pub tier: Option<Option<TierId>>,
}

/// The measures of every response of `rows`, aligned with `rows.responses`: the very
/// numbers `scores.csv` holds, for figures drawn outside the tables (the peer comparison,
/// the trend across rounds).
pub fn measure_scores(
    rows: &CampaignRows,
    questionnaires: &Questionnaires,
) -> Result<Vec<MeasureScores>, ReportError> {
    let scored = scored::score_all(rows, questionnaires)?;
    Ok(scored
        .responses
        .into_iter()
        .map(|r| MeasureScores {
            categories: r.categories,
            dimensions: r.dimensions,
            tier: r.tier,
        })
        .collect())
}

fn table_error(e: polars::prelude::PolarsError) -> ReportError {
    ReportError::Table(e.to_string())
}
