//! The recommendations report: the gaps that hold the most organisations back, ranked,
//! with the questionnaire's advice for each, and the top lines per audience; written as
//! `recommendations.md` and `recommendations.html`.
//!
//! The latest response of each organisation is scored with `crate::scoring`; nothing
//! here scores on its own. Any line resting on fewer than `k` organisations is left out,
//! and so is any line from which such a group could be worked out.

mod markdown;
mod privacy;
mod provenance;
mod rank;
mod render;
mod steps;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::campaigns::Tlp;
use crate::campaigns::questionnaire_at;
use crate::questionnaire::{Answer, Answers, Catalogue, Dimension};
use crate::scoring::{Gap, assess_scores};
use crate::storage::DbConn;
use crate::storage::report_rows::{AnswerColumns, CampaignRows, ResponseRow};

use super::ReportError;
use super::data::Questionnaires;
use super::perception::PerceptionSection;
use super::sod::{Disagreement, Sod};

pub use markdown::markdown;
pub use provenance::{Provenance, TierTableNote, cooperation_model};
pub use render::{html, style_source};

/// The file names the report is written under, in order.
pub const RECOMMENDATION_FILES: [&str; 2] = ["recommendations.md", "recommendations.html"];

/// The language the report's texts are taken in (the questionnaires fall back from it).
pub(super) const LANGUAGE: &str = "en";

/// How the report is labelled and where its privacy threshold lies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportLabel {
    pub campaign: String,
    pub tlp: Tlp,
    /// The first line of the Markdown file, the same as the CSVs'.
    pub tlp_line: String,
    /// When the report was built, as `%Y-%m-%dT%H:%M:%SZ`.
    pub generated: String,
    /// Lines resting on fewer organisations than this, or giving such a group away, are left out.
    pub k: usize,
}

/// A questionnaire's advice, in the report's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Advice {
    pub title: Option<String>,
    pub text: String,
}

/// A SIM3 parameter that organisations lack for their next tier.
#[derive(Debug, Clone, PartialEq)]
pub struct GapLine {
    pub parameter: String,
    pub name: String,
    /// Organisations with the parameter in their gap list.
    pub organisations: usize,
    /// Out of this many organisations placed in a tier.
    pub of: usize,
    /// The real steps the organisations have to take (level now → level required), most
    /// organisations first; only steps that at least `k` organisations share, and only
    /// when the rest can be shown too (see `steps`).
    pub steps: Vec<Step>,
    /// The organisations at the steps not shown: none, or at least `k`.
    pub other_steps: usize,
    /// The advice for the current levels of the steps shown.
    pub advice: Vec<Advice>,
}

/// Organisations that lack a parameter at the same level and need the same level for
/// their next tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The level now, rounded down.
    pub current: u8,
    /// The level the next tier requires.
    pub required: u8,
    pub organisations: usize,
}

/// A cooperation dimension on which organisations score below 3.
#[derive(Debug, Clone, PartialEq)]
pub struct DimensionLine {
    pub dimension: Dimension,
    /// Organisations scoring below 3.
    pub organisations: usize,
    /// Out of this many organisations with a score on the dimension.
    pub of: usize,
    /// How many score in [0, 1), [1, 2) and [2, 3); `None` when a band holds fewer than
    /// `k` (all three go, so none can be worked out from the total).
    pub bands: Option<[usize; 3]>,
    /// The band most of them are in (0, 1 or 2), when it holds at least `k`.
    pub typical_band: Option<u8>,
    /// The advice for the bands holding at least `k`, the fullest first.
    pub advice: Vec<Advice>,
}

/// One of an audience's top lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    /// "P-9 Incident prevention" or "Legal".
    pub subject: String,
    pub organisations: usize,
    pub of: usize,
    /// What it means, e.g. "most often level 1 → 2" or "below 3, mostly between 1 and 2".
    pub detail: String,
}

/// The top lines of one audience.
#[derive(Debug, Clone, PartialEq)]
pub struct AudienceHighlights {
    /// As stored: `csirt`, `lea`, `judiciary`.
    pub audience: String,
    /// As people read it: "CSIRTs", "Law enforcement".
    pub label: String,
    pub organisations: usize,
    pub lines: Vec<Highlight>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Recommendations {
    pub label: ReportLabel,
    /// Distinct organisations with a submitted response.
    pub organisations: usize,
    /// What the figures were scored with; which sections the report has follows from it.
    pub provenance: Provenance,
    pub maturity: Vec<GapLine>,
    pub cooperation: Vec<DimensionLine>,
    pub highlights: Vec<AudienceHighlights>,
    /// The widest perception gaps between audiences that may be shown; empty until the
    /// builder adds them from the report tables.
    pub perception: PerceptionSection,
    /// Where the sides of a country name different roles in the division of duties.
    pub duties: DutiesSection,
    /// Which responses it rests on, e.g. "Rests on 12 accepted responses; 3 submitted and
    /// awaiting review are not counted."; empty when the builder did not say.
    pub basis: String,
}

impl Recommendations {
    /// Writes the Markdown and HTML files into `dir` and returns their paths.
    pub fn write(&self, dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
        let [md, page] = RECOMMENDATION_FILES.map(|name| dir.join(name));
        let body = html(self)?;
        for (path, text) in [(&md, markdown(self)), (&page, body)] {
            std::fs::write(path, text).map_err(|e| ReportError::Write {
                path: path.clone(),
                reason: e.to_string(),
            })?;
        }
        Ok(vec![md, page])
    }
}

/// The division of duties in the report: the disagreements that may be shown, and what
/// they were compared with.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DutiesSection {
    /// Whether the campaign asked the division of duties at all.
    pub asked: bool,
    pub disagreements: Vec<Disagreement>,
    /// "source (status)" of the reference matrix.
    pub reference: String,
}

impl DutiesSection {
    pub fn of(sod: &Sod) -> DutiesSection {
        DutiesSection {
            asked: !sod.is_empty(),
            disagreements: sod.disagreements.clone(),
            reference: sod
                .reference
                .as_ref()
                .map(|(source, status)| format!("{source} ({status})"))
                .unwrap_or_default(),
        }
    }
}

/// What one organisation's latest response in one audience says, as scoring put it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Standing {
    pub organisation_id: i64,
    pub audience: String,
    /// The organisation's country: lines add up over countries, so the privacy rule needs it.
    pub country: String,
    pub questionnaire: (String, String),
    /// `None` when the questionnaire has no tier table.
    pub gaps: Option<Vec<Gap>>,
    pub dimensions: Vec<(Dimension, f64)>,
}

/// The questionnaire versions `rows` were answered against, each loaded once.
pub fn questionnaires_for(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    rows: &CampaignRows,
) -> Result<Questionnaires, ReportError> {
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
    Ok(questionnaires)
}

/// Scores every submitted response in `rows` and ranks what holds the organisations back.
pub fn from_rows(
    rows: &CampaignRows,
    questionnaires: &Questionnaires,
    label: ReportLabel,
) -> Result<Recommendations, ReportError> {
    let standings = standings(rows, questionnaires)?;
    Ok(rank::rank(&standings, questionnaires, label))
}

/// One standing per organisation and audience, from its latest submitted response.
/// Only those responses are decoded and scored: earlier ones would be replaced anyway.
fn standings(
    rows: &CampaignRows,
    questionnaires: &Questionnaires,
) -> Result<Vec<Standing>, ReportError> {
    // Responses come in id order, so a later one replaces an earlier one.
    let mut latest: BTreeMap<(i64, String), &ResponseRow> = BTreeMap::new();
    for row in &rows.responses {
        latest.insert((row.organisation_id, row.audience.to_string()), row);
    }
    let columns = &rows.answers;
    let values: Vec<Answer> = columns
        .value_texts
        .iter()
        .map(|text| {
            serde_json::from_str(text)
                .map_err(|e| ReportError::Corrupt(format!("stored answer {text:?}: {e}")))
        })
        .collect::<Result<_, _>>()?;
    let mut standings = Vec::with_capacity(latest.len());
    for ((organisation_id, audience), row) in latest {
        let key = (
            row.questionnaire_id.clone(),
            row.questionnaire_version.clone(),
        );
        let questionnaire = questionnaires.get(&key).ok_or_else(|| {
            ReportError::Corrupt(format!(
                "response {} was answered against questionnaire {} version {}, which is not loaded",
                row.response_id, key.0, key.1
            ))
        })?;
        let answers: Answers = answer_rows(columns, row.response_id)
            .map(|i| {
                let question = &columns.question_texts[columns.question_ids[i] as usize];
                (question.clone(), values[columns.values[i] as usize].clone())
            })
            .collect();
        let assessment = assess_scores(questionnaire, questionnaire.default_tier_table(), &answers);
        standings.push(Standing {
            organisation_id,
            audience,
            country: row.country.clone(),
            questionnaire: key,
            gaps: assessment.tier.map(|t| t.gaps),
            dimensions: assessment
                .dimensions
                .iter()
                .filter_map(|d| d.score.map(|s| (d.dimension, s)))
                .collect(),
        });
    }
    Ok(standings)
}

/// The rows of `columns` holding the answers of `response_id`; they are ordered by response.
fn answer_rows(columns: &AnswerColumns, response_id: i64) -> std::ops::Range<usize> {
    let ids = &columns.response_ids;
    ids.partition_point(|&id| id < response_id)..ids.partition_point(|&id| id <= response_id)
}
