//! How often each question was answered "Don't know" or "Prefer not to say": per
//! audience, country (and "ALL") and question, the share of each non-answer among the
//! answers given, under the privacy threshold of the aggregates.

use std::collections::HashMap;

use polars::prelude::*;

use crate::questionnaire::NonAnswer;

use super::Questionnaires;
use super::aggregate::grouped_with_all_by;
use super::answer_table::AnswerTable;
use crate::storage::report_rows::CampaignRows;

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
///
/// Every response is asked every question of its questionnaire that offers non-answers;
/// what each organisation (per audience and country) gave is counted here first, so the
/// group-by runs over organisations × questions rather than millions of answers.
pub(super) fn non_answer_shares(
    rows: &CampaignRows,
    answers: &AnswerTable,
    questionnaires: &Questionnaires,
    k: usize,
) -> PolarsResult<DataFrame> {
    let asked = asked_counts(rows, answers, questionnaires);
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
        let given = col(given_column(n)).sum().cast(DataType::Float64);
        when(answered.clone().gt(lit(0i64)))
            .then(given / answered.clone().cast(DataType::Float64))
            .otherwise(lit(NULL).cast(DataType::Float64))
            .alias(format!("share_{}", n.as_str()))
    }));
    grouped_with_all_by(asked?.lazy(), &["question_id"], &aggs, k)?
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

fn given_column(n: NonAnswer) -> String {
    format!("given_{}", n.as_str())
}

/// One questionnaire's questions that offer non-answers.
struct Offered<'q> {
    /// (question id, its place across the questionnaires), in questionnaire order.
    questions: Vec<(&'q str, u32)>,
    /// By intern index of the answers' question ids: the place in `questions`, if offered.
    slot: Vec<Option<usize>>,
}

/// Per organisation, audience, country and questionnaire, and per question of it that
/// offers non-answers: organisation_id, audience, country, question_id, question_order,
/// answered (how many of its responses answered it) and given_<non-answer> (how many
/// of those answers were that non-answer).
fn asked_counts(
    rows: &CampaignRows,
    answers: &AnswerTable,
    questionnaires: &Questionnaires,
) -> PolarsResult<DataFrame> {
    let order = question_order(questionnaires);
    let offered: HashMap<(&str, &str), Offered<'_>> = questionnaires
        .iter()
        .map(|((id, version), q)| {
            let questions: Vec<(&str, u32)> = q
                .questions()
                .filter(|question| !question.non_answers().is_empty())
                .map(|question| {
                    let place = order.get(question.id()).copied().unwrap_or(u32::MAX);
                    (question.id(), place)
                })
                .collect();
            let slot = answers
                .question_texts
                .iter()
                .map(|t| questions.iter().position(|(id, _)| id == t))
                .collect();
            ((id.as_str(), version.as_str()), Offered { questions, slot })
        })
        .collect();
    // Each group's counts start at its offset: answered, then one per non-answer.
    const WIDTH: usize = 1 + NonAnswer::ALL.len();
    let mut groups: HashMap<GroupKey<'_>, usize> = HashMap::new();
    let mut order_of_groups: Vec<(i64, &str, &str, &Offered<'_>, usize)> = Vec::new();
    let mut counts: Vec<[u32; WIDTH]> = Vec::new();
    for (i, response) in rows.responses.iter().enumerate() {
        let key = (
            response.questionnaire_id.as_str(),
            response.questionnaire_version.as_str(),
        );
        let Some(offers) = offered.get(&key) else {
            continue;
        };
        let audience = response.audience.as_str();
        let group = (
            response.organisation_id,
            audience,
            response.country.as_str(),
            key,
        );
        let base = *groups.entry(group).or_insert_with(|| {
            let base = counts.len();
            counts.resize(base + offers.questions.len(), [0; WIDTH]);
            order_of_groups.push((group.0, group.1, group.2, offers, base));
            base
        });
        for at in answers.of_response(i) {
            let Some(slot) = offers.slot[answers.questions[at] as usize] else {
                continue;
            };
            let cell = &mut counts[base + slot];
            cell[0] += 1;
            if let Some(n) = answers.shown(at).non_answer {
                let j = NonAnswer::ALL.iter().position(|m| *m == n).unwrap_or(0);
                cell[1 + j] += 1;
            }
        }
    }
    let height = counts.len();
    let mut organisations = Vec::with_capacity(height);
    let mut audiences = Vec::with_capacity(height);
    let mut countries = Vec::with_capacity(height);
    let mut questions = Vec::with_capacity(height);
    let mut places = Vec::with_capacity(height);
    for (organisation, audience, country, offers, _) in &order_of_groups {
        for (question, place) in &offers.questions {
            organisations.push(*organisation);
            audiences.push(*audience);
            countries.push(*country);
            questions.push(*question);
            places.push(*place);
        }
    }
    let mut columns = vec![
        Column::new("organisation_id".into(), organisations),
        Column::new("audience".into(), audiences),
        Column::new("country".into(), countries),
        Column::new("question_id".into(), questions),
        Column::new("question_order".into(), places),
        Column::new(
            "answered".into(),
            counts.iter().map(|c| i64::from(c[0])).collect::<Vec<_>>(),
        ),
    ];
    for (j, n) in NonAnswer::ALL.iter().enumerate() {
        columns.push(Column::new(
            given_column(*n).into(),
            counts
                .iter()
                .map(|c| i64::from(c[1 + j]))
                .collect::<Vec<_>>(),
        ));
    }
    DataFrame::new(height, columns)
}

/// Each question id's place in the questionnaires, first one first.
/// A group of counts: organisation, audience, country and questionnaire (id, version).
type GroupKey<'a> = (i64, &'a str, &'a str, (&'a str, &'a str));

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
