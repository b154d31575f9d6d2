//! Decoding the stored answers and scoring every response with `crate::scoring`,
//! in parallel chunks, keeping only the compact results the tables need.

use std::collections::HashMap;
use std::ops::Range;

use crate::questionnaire::{Answer, Answers, Dimension, Question, Questionnaire, Scored};
use crate::questionnaire::{Category, TierId, TierTable};
use crate::scoring::{answer_level, assess_scores};
use crate::storage::report_rows::{AnswerColumns, CampaignRows};

use super::{Questionnaires, ReportError};

/// What the tables keep of one response's assessment; the full `Assessment`
/// (names, recommendation texts) is dropped at once so 100,000 responses stay small.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ResponseScores {
    /// Aligned with `Plan::parameters` of its questionnaire; `None` when unanswered or hidden.
    pub parameters: Vec<Option<f64>>,
    /// `Category::ALL` order; empty for questionnaires without parameters.
    pub categories: Vec<Option<f64>>,
    /// `Dimension::ALL` order; empty for questionnaires without dimensions.
    pub dimensions: Vec<Option<f64>>,
    /// `None`: not placed (no tier table); `Some(None)`: not yet basic.
    pub tier: Option<Option<TierId>>,
    pub completeness: f64,
    /// `Dimension::ALL` order: the mean level of the mirrored questions answered.
    pub pairs: Vec<Option<f64>>,
}

/// Every response scored, plus the answers that count, in questionnaire order.
#[derive(Debug, Default)]
pub(super) struct ScoredRows {
    /// Aligned with `CampaignRows::responses`.
    pub responses: Vec<ResponseScores>,
    /// Indices into `CampaignRows::answers` of answers to visible, known questions.
    pub answer_rows: Vec<usize>,
    /// The level each kept answer scores, aligned with `answer_rows`.
    pub answer_levels: Vec<Option<f64>>,
    /// Whether each kept answer's question offers non-answers, aligned with `answer_rows`.
    pub answer_offers: Vec<bool>,
}

/// One questionnaire prepared once for scoring many responses.
pub(super) struct Plan<'q> {
    pub questionnaire: &'q Questionnaire,
    pub tiers: Option<&'q TierTable>,
    /// Question id → (position in the questionnaire, question).
    questions: HashMap<&'q str, (usize, &'q Question)>,
    /// SIM3 parameter ids in file order.
    pub parameters: Vec<&'q str>,
}

impl<'q> Plan<'q> {
    pub fn new(questionnaire: &'q Questionnaire) -> Self {
        let questions = questionnaire
            .questions()
            .enumerate()
            .map(|(i, q)| (q.id(), (i, q)))
            .collect();
        let parameters: Vec<&str> = questionnaire
            .questions()
            .filter(|q| matches!(q.scored(), Some(Scored::Category { .. })))
            .map(|q| q.id())
            .collect();
        Plan {
            questionnaire,
            tiers: questionnaire.default_tier_table(),
            questions,
            parameters,
        }
    }

    /// Where each interned question id sits in this questionnaire, by intern index:
    /// looked up once here rather than once per answer.
    fn lookup(&self, texts: &[String]) -> Vec<Option<(usize, &'q Question)>> {
        texts
            .iter()
            .map(|t| self.questions.get(t.as_str()).copied())
            .collect()
    }
}

/// A plan with the lookup of one campaign's question ids.
struct Prepared<'q> {
    plan: Plan<'q>,
    /// By intern index of `AnswerColumns::question_texts`: (position, question), if known.
    questions: Vec<Option<(usize, &'q Question)>>,
}

/// Scores every response of `rows`, splitting the work over the available cores.
pub(super) fn score_all(
    rows: &CampaignRows,
    questionnaires: &Questionnaires,
) -> Result<ScoredRows, ReportError> {
    let plans: HashMap<(&str, &str), Prepared<'_>> = questionnaires
        .iter()
        .map(|((id, version), q)| {
            let plan = Plan::new(q);
            let questions = plan.lookup(&rows.answers.question_texts);
            (
                (id.as_str(), version.as_str()),
                Prepared { plan, questions },
            )
        })
        .collect();
    let values = decode_values(&rows.answers)?;
    let ranges = answer_ranges(rows);
    let mut jobs = Vec::with_capacity(rows.responses.len());
    for (row, range) in rows.responses.iter().zip(ranges) {
        let key = (
            row.questionnaire_id.as_str(),
            row.questionnaire_version.as_str(),
        );
        let prepared = plans.get(&key).ok_or_else(|| {
            ReportError::Corrupt(format!(
                "response {} was answered against questionnaire {} version {}, which is not loaded",
                row.response_id, key.0, key.1
            ))
        })?;
        jobs.push((prepared, range));
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = jobs.len().div_ceil(threads).max(256);
    let parts: Vec<ScoredRows> = std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(chunk)
            .map(|jobs| scope.spawn(|| score_chunk(jobs, &rows.answers, &values)))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    let mut all = ScoredRows::default();
    for part in parts {
        all.responses.extend(part.responses);
        all.answer_rows.extend(part.answer_rows);
        all.answer_levels.extend(part.answer_levels);
        all.answer_offers.extend(part.answer_offers);
    }
    Ok(all)
}

/// Each distinct stored value decoded once.
fn decode_values(answers: &AnswerColumns) -> Result<Vec<Answer>, ReportError> {
    answers
        .value_texts
        .iter()
        .map(|text| {
            serde_json::from_str(text)
                .map_err(|e| ReportError::Corrupt(format!("stored answer {text:?}: {e}")))
        })
        .collect()
}

/// The range of answer rows of each response; both are ordered by response id.
/// Answers of responses not in the list (submitted between the two queries) are skipped.
pub(super) fn answer_ranges(rows: &CampaignRows) -> Vec<Range<usize>> {
    let ids = &rows.answers.response_ids;
    let mut at = 0;
    rows.responses
        .iter()
        .map(|response| {
            while at < ids.len() && ids[at] < response.response_id {
                at += 1;
            }
            let start = at;
            while at < ids.len() && ids[at] == response.response_id {
                at += 1;
            }
            start..at
        })
        .collect()
}

fn score_chunk(
    jobs: &[(&Prepared<'_>, Range<usize>)],
    columns: &AnswerColumns,
    values: &[Answer],
) -> ScoredRows {
    let mut out = ScoredRows::default();
    for (prepared, range) in jobs {
        let answers: Answers = range
            .clone()
            .map(|i| {
                let question = &columns.question_texts[columns.question_ids[i] as usize];
                (question.clone(), values[columns.values[i] as usize].clone())
            })
            .collect();
        let (kept, scores) = score_one(prepared, &answers, range.clone(), columns, values);
        for (_, row, level, offers) in kept {
            out.answer_rows.push(row);
            out.answer_levels.push(level);
            out.answer_offers.push(offers);
        }
        out.responses.push(scores);
    }
    out
}

/// A counted answer: its question's position, its answer row, its level and whether its
/// question offers non-answers.
type Kept = (usize, usize, Option<f64>, bool);

/// Scores one response and lists its counted answers.
fn score_one(
    prepared: &Prepared<'_>,
    answers: &Answers,
    range: Range<usize>,
    columns: &AnswerColumns,
    values: &[Answer],
) -> (Vec<Kept>, ResponseScores) {
    let plan = &prepared.plan;
    let questionnaire = plan.questionnaire;
    let mut kept = Vec::with_capacity(range.len());
    let mut pairs = [(0.0, 0usize); Dimension::ALL.len()];
    for row in range {
        // Scoring ignores answers to unknown or hidden questions, and so do the tables.
        let Some((position, question)) = prepared.questions[columns.question_ids[row] as usize]
        else {
            continue;
        };
        if !questionnaire.is_visible(question, answers) {
            continue;
        }
        // The row's own answer: a response answers each question once.
        let level = answer_level(question, &values[columns.values[row] as usize]);
        if let (Some(level), Some(_), Some(Scored::Dimension { dimension, .. })) =
            (level, question.pair(), question.scored())
            && questionnaire.pairs_with().is_some()
        {
            let slot = &mut pairs[dimension_index(dimension)];
            slot.0 += level;
            slot.1 += 1;
        }
        let offers = !question.non_answers().is_empty();
        kept.push((position, row, level, offers));
    }
    kept.sort_unstable_by_key(|(position, ..)| *position);

    let assessment = assess_scores(questionnaire, plan.tiers, answers);
    let mut parameters = vec![None; plan.parameters.len()];
    // Scoring lists the visible parameters in file order: a subsequence of the plan's.
    let mut slot = 0;
    for p in &assessment.parameters {
        while slot < plan.parameters.len() && plan.parameters[slot] != p.id {
            slot += 1;
        }
        if let Some(level) = parameters.get_mut(slot) {
            *level = p.level;
        }
    }
    let categories = Category::ALL
        .iter()
        .map(|c| {
            let score = assessment.categories.iter().find(|s| s.category == *c);
            score.and_then(|s| s.mean)
        })
        .collect::<Vec<_>>();
    let dimensions = Dimension::ALL
        .iter()
        .map(|d| {
            let score = assessment.dimensions.iter().find(|s| s.dimension == *d);
            score.and_then(|s| s.score)
        })
        .collect::<Vec<_>>();
    let scores = ResponseScores {
        parameters,
        categories: if assessment.categories.is_empty() {
            Vec::new()
        } else {
            categories
        },
        dimensions: if assessment.dimensions.is_empty() {
            Vec::new()
        } else {
            dimensions
        },
        tier: assessment.tier.as_ref().map(|t| t.reached),
        completeness: assessment.completeness.ratio(),
        pairs: pairs
            .iter()
            .map(|(sum, n)| (*n > 0).then(|| sum / *n as f64))
            .collect(),
    };
    (kept, scores)
}

fn dimension_index(dimension: Dimension) -> usize {
    Dimension::ALL
        .iter()
        .position(|d| *d == dimension)
        .unwrap_or_default()
}
