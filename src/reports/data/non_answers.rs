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
/// n organisations asked it (whatever they answered), the responses that answered it
/// (non-answers included), and the share of each non-answer among those answers. A
/// group of fewer than `k` organisations, or an "ALL" row that would give one away,
/// shows no numbers. Which rows exist and which are suppressed depends only on who was
/// asked, never on what they answered (a follow-up question shown to a pair would
/// otherwise tell on them). Questions come in questionnaire order.
pub(super) fn non_answer_shares(
    answers_long: &DataFrame,
    responses: &DataFrame,
    questionnaires: &Questionnaires,
    k: usize,
) -> PolarsResult<DataFrame> {
    let asked = responses
        .select([
            "response_id",
            "organisation_id",
            "audience",
            "country",
            "questionnaire",
            "version",
        ])?
        .lazy()
        .join(
            offered(questionnaires)?.lazy(),
            [col("questionnaire"), col("version")],
            [col("questionnaire"), col("version")],
            JoinArgs::new(JoinType::Inner),
        );
    let given = answers_long
        .clone()
        .lazy()
        .filter(col("offers_non_answers"))
        .select([
            col("response_id"),
            col("question_id"),
            col("non_answer"),
            lit(true).alias("answered"),
        ]);
    let rows = asked
        .join(
            given,
            [col("response_id"), col("question_id")],
            [col("response_id"), col("question_id")],
            JoinArgs::new(JoinType::Left),
        )
        .with_column(col("answered").fill_null(lit(false)));
    let answered = col("answered").sum().cast(DataType::Int64);
    let mut aggs = vec![
        col("organisation_id")
            .n_unique()
            .cast(DataType::Int64)
            .alias("n"),
        answered.clone().alias("responses"),
        col("question_order").first().alias("question_order"),
    ];
    aggs.extend(NonAnswer::ALL.map(|n| {
        let given = col("non_answer")
            .eq(lit(n.as_str()))
            .fill_null(lit(false))
            .sum()
            .cast(DataType::Float64);
        when(answered.clone().gt(lit(0i64)))
            .then(given / answered.clone().cast(DataType::Float64))
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias(format!("share_{}", n.as_str()))
    }));
    grouped_with_all_by(rows, &["question_id"], &aggs, k)?
        .lazy()
        // Suppression blanks the order with the figures; the id stays to sort by.
        .with_column(col("question_order").fill_null(lit(u32::MAX)))
        .sort(
            [
                "audience",
                "scope",
                "country",
                "question_order",
                "question_id",
            ],
            SortMultipleOptions::default(),
        )
        .select(NON_ANSWER_COLUMNS.map(col))
        .collect()
}

/// questionnaire, version, question_id and question_order of every question that offers
/// non-answers, in every questionnaire the responses were answered against.
fn offered(questionnaires: &Questionnaires) -> PolarsResult<DataFrame> {
    let order = &question_order(questionnaires);
    let rows: Vec<(&str, &str, &str, u32)> = questionnaires
        .iter()
        .flat_map(|((id, version), q)| {
            q.questions()
                .filter(|question| !question.non_answers().is_empty())
                .map(move |question| {
                    let position = order.get(question.id()).copied().unwrap_or(u32::MAX);
                    (id.as_str(), version.as_str(), question.id(), position)
                })
        })
        .collect();
    let height = rows.len();
    DataFrame::new(
        height,
        vec![
            Column::new(
                "questionnaire".into(),
                rows.iter().map(|r| r.0).collect::<Vec<_>>(),
            ),
            Column::new(
                "version".into(),
                rows.iter().map(|r| r.1).collect::<Vec<_>>(),
            ),
            Column::new(
                "question_id".into(),
                rows.iter().map(|r| r.2).collect::<Vec<_>>(),
            ),
            Column::new(
                "question_order".into(),
                rows.iter().map(|r| r.3).collect::<Vec<_>>(),
            ),
        ],
    )
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
