//! How often each question was answered "Don't know" or "Prefer not to say": per
//! audience, country (and "ALL") and question, the share of each non-answer among the
//! answers given, under the privacy threshold of the aggregates.

use std::collections::HashMap;

use polars::prelude::*;

use crate::questionnaire::NonAnswer;

use super::Questionnaires;
use super::aggregate::grouped_with_all_by;

/// The columns of `non_answers.csv`, in order: one `share_<non-answer>` per non-answer.
pub const NON_ANSWER_COLUMNS: [&str; 8] = [
    "audience",
    "country",
    "question_id",
    "n",
    "responses",
    "share_dont_know",
    "share_prefer_not_to_say",
    "suppressed",
];

/// One row per audience, country (and "ALL") and question that offers non-answers:
/// n organisations and the responses that answered it (non-answers included), and the
/// share of each non-answer among those answers. A group of fewer than `k`
/// organisations, or an "ALL" row that would give one away, shows no numbers. Questions
/// come in questionnaire order.
pub(super) fn non_answer_shares(
    answers_long: &DataFrame,
    responses: &DataFrame,
    questionnaires: &Questionnaires,
    k: usize,
) -> PolarsResult<DataFrame> {
    let who = responses.select(["response_id", "organisation_id", "audience", "country"])?;
    let rows = answers_long
        .clone()
        .lazy()
        .filter(col("offers_non_answers"))
        .select([col("response_id"), col("question_id"), col("non_answer")])
        .join(
            who.lazy(),
            [col("response_id")],
            [col("response_id")],
            JoinArgs::new(JoinType::Inner),
        );
    let mut aggs = vec![
        col("organisation_id")
            .n_unique()
            .cast(DataType::Int64)
            .alias("n"),
        len().cast(DataType::Int64).alias("responses"),
    ];
    aggs.extend(NonAnswer::ALL.map(|n| {
        col("non_answer")
            .eq(lit(n.as_str()))
            .fill_null(lit(false))
            .cast(DataType::Float64)
            .mean()
            .alias(format!("share_{}", n.as_str()))
    }));
    let grouped = grouped_with_all_by(rows, &["question_id"], &aggs, k)?;
    let order = question_order(questionnaires);
    let positions: Vec<u32> = grouped
        .column("question_id")?
        .str()?
        .iter()
        .map(|q| q.and_then(|q| order.get(q)).copied().unwrap_or(u32::MAX))
        .collect();
    let mut grouped = grouped;
    grouped.with_column(Column::new("question_order".into(), positions))?;
    grouped
        .lazy()
        .sort(
            ["audience", "scope", "country", "question_order"],
            SortMultipleOptions::default(),
        )
        .select(NON_ANSWER_COLUMNS.map(col))
        .collect()
}

/// Each question id's place in the questionnaires, first one first.
fn question_order(questionnaires: &Questionnaires) -> HashMap<&str, u32> {
    let mut order = HashMap::new();
    for question in questionnaires.values().flat_map(|q| q.questions()) {
        let next = u32::try_from(order.len()).unwrap_or(u32::MAX);
        order.entry(question.id()).or_insert(next);
    }
    order
}

#[cfg(test)]
#[path = "non_answers_tests.rs"]
mod tests;
