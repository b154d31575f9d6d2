//! The polars frames of a report, built column by column from the scored rows.

use std::collections::HashSet;

use polars::prelude::*;

use crate::questionnaire::{Answer, Category, Dimension, TierId};
use crate::storage::report_rows::CampaignRows;

use super::Questionnaires;
use super::scored::{PAIRED_AUDIENCES, Plan, ResponseScores, ScoredRows, pair_slot};

/// The per-response frames.
pub(super) struct Frames {
    pub responses: DataFrame,
    pub scores_wide: DataFrame,
    pub pair_levels: DataFrame,
}

/// The name of a category's column in `scores_wide`.
pub fn category_column(category: Category) -> String {
    format!("category_{}", category.code())
}

/// The name of a dimension's column in `scores_wide` and `pair_levels`.
pub fn dimension_column(dimension: Dimension) -> String {
    format!("dimension_{}", dimension.as_str())
}

/// The word a tier placement is written as; "not_yet_basic" below basic.
pub fn tier_word(reached: Option<TierId>) -> &'static str {
    reached.map_or("not_yet_basic", TierId::as_str)
}

/// An answer as an analyst reads it in a spreadsheet; a non-answer as its own name
/// (`dont_know`, `prefer_not_to_say`), never an empty cell.
pub fn display(answer: &Answer) -> String {
    match answer {
        Answer::Choice(s) | Answer::Text(s) => s.clone(),
        Answer::Choices(values) => values.join(";"),
        Answer::Number(n) => n.to_string(),
        Answer::NonAnswer(n) => n.as_str().to_owned(),
        // One cell per `row.column=choice`, in row and column id order.
        Answer::Cells(cells) => cells
            .iter()
            .flat_map(|(row, columns)| {
                columns
                    .iter()
                    .map(move |(column, value)| format!("{row}.{column}={value}"))
            })
            .collect::<Vec<_>>()
            .join(";"),
    }
}

pub(super) fn build(
    rows: &CampaignRows,
    questionnaires: &Questionnaires,
    scored: &ScoredRows,
) -> PolarsResult<Frames> {
    let who = respondent_columns(rows);
    let mut responses = who.clone();
    responses.push(Column::new(
        "questionnaire".into(),
        rows.responses
            .iter()
            .map(|r| r.questionnaire_id.as_str())
            .collect::<Vec<_>>(),
    ));
    responses.push(Column::new(
        "version".into(),
        rows.responses
            .iter()
            .map(|r| r.questionnaire_version.as_str())
            .collect::<Vec<_>>(),
    ));
    let height = rows.responses.len();
    let scores_wide = DataFrame::new(
        height,
        scores_columns(rows, questionnaires, scored, &responses),
    )?;
    let pair_levels = pair_frame(rows, &who, scored)?;
    Ok(Frames {
        responses: DataFrame::new(height, responses)?,
        scores_wide,
        pair_levels,
    })
}

/// response_id, organisation_id, organisation, country, audience.
fn respondent_columns(rows: &CampaignRows) -> Vec<Column> {
    let r = &rows.responses;
    vec![
        Column::new(
            "response_id".into(),
            r.iter().map(|r| r.response_id).collect::<Vec<_>>(),
        ),
        Column::new(
            "organisation_id".into(),
            r.iter().map(|r| r.organisation_id).collect::<Vec<_>>(),
        ),
        Column::new(
            "organisation".into(),
            r.iter()
                .map(|r| r.organisation.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "country".into(),
            r.iter().map(|r| r.country.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "audience".into(),
            r.iter().map(|r| r.audience.as_str()).collect::<Vec<_>>(),
        ),
    ]
}

/// The columns of `scores_wide`: those of `responses`, completeness, every parameter
/// (SIM3 id), `category_<code>` and `dimension_<name>` when any response scores them,
/// and `tier` with `tier_table` (the id of the table that placed it) when any was placed.
fn scores_columns(
    rows: &CampaignRows,
    questionnaires: &Questionnaires,
    scored: &ScoredRows,
    responses: &[Column],
) -> Vec<Column> {
    let plans: Vec<Plan<'_>> = questionnaires.values().map(Plan::new).collect();
    let mut seen = HashSet::new();
    let parameters: Vec<&str> = plans
        .iter()
        .flat_map(|p| p.parameters.iter().copied())
        .filter(|p| seen.insert(*p))
        .collect();
    let mut columns: Vec<Column> = responses.to_vec();
    columns.push(Column::new(
        "completeness".into(),
        scored
            .responses
            .iter()
            .map(|s| s.completeness)
            .collect::<Vec<_>>(),
    ));
    // Which plan each response uses, and where each union parameter sits in each plan.
    let plan_of: Vec<Option<usize>> = rows
        .responses
        .iter()
        .map(|row| {
            plans.iter().position(|p| {
                p.questionnaire.id() == row.questionnaire_id
                    && p.questionnaire.version() == row.questionnaire_version
            })
        })
        .collect();
    for parameter in &parameters {
        let slot: Vec<Option<usize>> = plans
            .iter()
            .map(|p| p.parameters.iter().position(|q| q == parameter))
            .collect();
        let values: Vec<Option<f64>> = plan_of
            .iter()
            .zip(&scored.responses)
            .map(|(plan, s)| s.parameters.get(slot[(*plan)?]?).copied().flatten())
            .collect();
        columns.push(Column::new((*parameter).into(), values));
    }
    if scored.responses.iter().any(|s| !s.categories.is_empty()) {
        for (i, c) in Category::ALL.iter().enumerate() {
            let values: Vec<Option<f64>> = scored
                .responses
                .iter()
                .map(|s| s.categories.get(i).copied().flatten())
                .collect();
            columns.push(Column::new(category_column(*c).into(), values));
        }
    }
    if scored.responses.iter().any(|s| !s.dimensions.is_empty()) {
        for (i, d) in Dimension::ALL.iter().enumerate() {
            let values: Vec<Option<f64>> = scored
                .responses
                .iter()
                .map(|s| s.dimensions.get(i).copied().flatten())
                .collect();
            columns.push(Column::new(dimension_column(*d).into(), values));
        }
    }
    if scored.responses.iter().any(|s| s.tier.is_some()) {
        let tiers: Vec<Option<&str>> = scored
            .responses
            .iter()
            .map(|s| s.tier.map(tier_word))
            .collect();
        columns.push(Column::new("tier".into(), tiers));
        // Which table placed each response: the tier means nothing without it.
        let tables: Vec<Option<&str>> = plan_of
            .iter()
            .zip(&scored.responses)
            .map(|(plan, s)| {
                s.tier?;
                plans.get((*plan)?)?.tiers.map(|t| t.id())
            })
            .collect();
        columns.push(Column::new("tier_table".into(), tables));
    }
    columns
}

/// Respondents of paired cooperation questionnaires with their mirrored-question means:
/// one row per response and mirror (`partner`, the mirror's audience), over the questions
/// that mirror asks too.
fn pair_frame(rows: &CampaignRows, who: &[Column], scored: &ScoredRows) -> PolarsResult<DataFrame> {
    // Whether each response's organisation agreed to share it with its counterparts.
    let consented: Vec<bool> = rows
        .responses
        .iter()
        .map(|r| rows.consenting.contains(&r.response_id))
        .collect();
    let mut parts = Vec::new();
    for (p, partner) in PAIRED_AUDIENCES.iter().enumerate() {
        let mask: BooleanChunked = scored
            .responses
            .iter()
            .map(|s| (0..Dimension::ALL.len()).any(|d| pair_at(s, p, d).is_some()))
            .collect();
        let mut columns: Vec<Column> = who.iter().skip(1).cloned().collect();
        columns.push(Column::new(
            "partner".into(),
            vec![partner.as_str(); scored.responses.len()],
        ));
        columns.push(Column::new("consented".into(), consented.clone()));
        for (d, dimension) in Dimension::ALL.iter().enumerate() {
            let values: Vec<Option<f64>> =
                scored.responses.iter().map(|s| pair_at(s, p, d)).collect();
            columns.push(Column::new(dimension_column(*dimension).into(), values));
        }
        parts.push(DataFrame::new(scored.responses.len(), columns)?.filter(&mask)?);
    }
    let mut parts = parts.into_iter();
    let mut all = parts.next().unwrap_or_default();
    for part in parts {
        all.vstack_mut(&part)?;
    }
    Ok(all)
}

fn pair_at(scores: &ResponseScores, partner: usize, dimension: usize) -> Option<f64> {
    scores
        .pairs
        .get(pair_slot(partner, dimension))
        .copied()
        .flatten()
}
