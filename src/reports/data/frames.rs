//! The polars frames of a report, built column by column from the scored rows.

use std::collections::HashSet;

use polars::prelude::*;

use crate::questionnaire::{Answer, Category, Dimension, TierId};
use crate::storage::report_rows::CampaignRows;

use super::Questionnaires;
use super::scored::{Plan, ScoredRows};

/// The per-response and per-answer frames.
pub(super) struct Frames {
    pub responses: DataFrame,
    pub answers_long: DataFrame,
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
    let pair_levels = pair_frame(&who, scored)?;
    Ok(Frames {
        responses: DataFrame::new(height, responses)?,
        answers_long: answers_frame(rows, scored)?,
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

fn answers_frame(rows: &CampaignRows, scored: &ScoredRows) -> PolarsResult<DataFrame> {
    let a = &rows.answers;
    // Decoded per distinct value, not per answer: a few texts repeat millions of times.
    let decoded: Vec<(String, bool, Option<&'static str>)> = a
        .value_texts
        .iter()
        .map(|t| match serde_json::from_str::<Answer>(t) {
            Ok(v) => (
                display(&v),
                matches!(v, Answer::Number(_)),
                v.non_answer().map(|n| n.as_str()),
            ),
            Err(_) => (t.clone(), false, None),
        })
        .collect();
    let shown: Vec<&str> = decoded.iter().map(|d| d.0.as_str()).collect();
    let numbers: Vec<bool> = decoded.iter().map(|d| d.1).collect();
    let kept = &scored.answer_rows;
    let ids = Int64Chunked::from_iter_values(
        "response_id".into(),
        kept.iter().map(|&i| a.response_ids[i]),
    );
    let questions = StringChunked::from_iter_values(
        "question_id".into(),
        kept.iter()
            .map(|&i| a.question_texts[a.question_ids[i] as usize].as_str()),
    );
    let values = StringChunked::from_iter_values(
        "value".into(),
        kept.iter().map(|&i| shown[a.values[i] as usize]),
    );
    // Kept beside the text, so writers tell a number entered from text that looks like one.
    let numeric = BooleanChunked::from_iter_values(
        "value_is_number".into(),
        kept.iter().map(|&i| numbers[a.values[i] as usize]),
    );
    let levels =
        Float64Chunked::from_iter_options("level".into(), scored.answer_levels.iter().copied());
    let offers = BooleanChunked::from_iter_values(
        "offers_non_answers".into(),
        scored.answer_offers.iter().copied(),
    );
    let non_answers = StringChunked::from_iter_options(
        "non_answer".into(),
        kept.iter().map(|&i| decoded[a.values[i] as usize].2),
    );
    let (files, names) = evidence_columns(rows, kept);
    DataFrame::new(
        kept.len(),
        vec![
            ids.into_column(),
            questions.into_column(),
            values.into_column(),
            numeric.into_column(),
            levels.into_column(),
            offers.into_column(),
            non_answers.into_column(),
            files.into_column(),
            names.into_column(),
        ],
    )
}

/// Per kept answer, how many evidence files it has and their names joined by `;` (a
/// sanitised name holds none).
fn evidence_columns(rows: &CampaignRows, kept: &[usize]) -> (UInt32Chunked, StringChunked) {
    let a = &rows.answers;
    let of = |i: usize| {
        rows.evidence_files
            .get(&a.response_ids[i])
            .and_then(|by_question| by_question.get(&a.question_texts[a.question_ids[i] as usize]))
    };
    let counts = UInt32Chunked::from_iter_values(
        "evidence_files".into(),
        kept.iter()
            .map(|&i| of(i).map_or(0, |names| u32::try_from(names.len()).unwrap_or(u32::MAX))),
    );
    let names = StringChunked::from_iter_values(
        "evidence_file_names".into(),
        kept.iter()
            .map(|&i| of(i).map(|names| names.join(";")).unwrap_or_default()),
    );
    (counts, names)
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

/// Respondents of paired cooperation questionnaires with their mirrored-question means.
fn pair_frame(who: &[Column], scored: &ScoredRows) -> PolarsResult<DataFrame> {
    let mask: BooleanChunked = scored
        .responses
        .iter()
        .map(|s| s.pairs.iter().any(Option::is_some))
        .collect();
    let mut columns: Vec<Column> = who.iter().skip(1).cloned().collect();
    for (i, d) in Dimension::ALL.iter().enumerate() {
        let values: Vec<Option<f64>> = scored
            .responses
            .iter()
            .map(|s| s.pairs.get(i).copied().flatten())
            .collect();
        columns.push(Column::new(dimension_column(*d).into(), values));
    }
    DataFrame::new(scored.responses.len(), columns)?.filter(&mask)
}
