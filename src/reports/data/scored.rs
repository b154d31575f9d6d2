//! Decoding the stored answers and scoring every response with
//! `crate::scoring::PositionScorer`, in parallel chunks, keeping only the compact
//! results the tables need: each answer is looked at by the index its question id and
//! value were interned to, so no text is compared or copied per answer.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use crate::questionnaire::{Answer, Audience, Dimension, Question, Questionnaire, Scored};
use crate::questionnaire::{TierId, TierTable};
use crate::scoring::{PositionScorer, Workspace};
use crate::storage::report_rows::{AnswerColumns, CampaignRows};

use super::{Questionnaires, ReportError};

/// What the tables keep of one response's assessment.
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
    /// Per audience of [`PAIRED_AUDIENCES`], then per dimension in `Dimension::ALL` order
    /// (see [`pair_slot`]): the mean level of the mirrored questions answered that the
    /// mirror for that audience asks too.
    pub pairs: Vec<Option<f64>>,
}

/// The audiences whose cooperation questionnaires mirror each other, in the order the
/// perception gaps compare them.
pub(super) const PAIRED_AUDIENCES: [Audience; 3] =
    [Audience::Csirt, Audience::Lea, Audience::Judiciary];

/// Where the mean of `dimension` against the mirror of audience `partner` sits in
/// `ResponseScores::pairs`.
pub(super) fn pair_slot(partner: usize, dimension: usize) -> usize {
    partner * Dimension::ALL.len() + dimension
}

/// Every response scored, plus the answers that count, in questionnaire order.
#[derive(Debug, Default)]
pub(super) struct ScoredRows {
    /// Aligned with `CampaignRows::responses`.
    pub responses: Vec<ResponseScores>,
    /// Aligned with `CampaignRows::responses`: where each response's counted answers end
    /// in the three columns below (they start where the previous response's end).
    pub answer_ends: Vec<usize>,
    /// Indices into `CampaignRows::answers` of answers to visible, known questions.
    pub answer_rows: Vec<u32>,
    /// The level each kept answer scores, aligned with `answer_rows`.
    pub answer_levels: Vec<Option<f64>>,
    /// Whether each kept answer's question offers non-answers, aligned with `answer_rows`.
    pub answer_offers: Vec<bool>,
}

/// One questionnaire prepared once for scoring many responses.
pub(super) struct Plan<'q> {
    pub questionnaire: &'q Questionnaire,
    pub tiers: Option<&'q TierTable>,
    scorer: PositionScorer<'q>,
    /// SIM3 parameter ids in file order.
    pub parameters: Vec<&'q str>,
}

impl<'q> Plan<'q> {
    pub fn new(questionnaire: &'q Questionnaire) -> Self {
        let tiers = questionnaire.default_tier_table();
        let scorer = PositionScorer::new(questionnaire, tiers);
        let parameters = scorer.parameter_ids().collect();
        Plan {
            questionnaire,
            tiers,
            scorer,
            parameters,
        }
    }

    /// Where each interned question id sits in this questionnaire, by intern index:
    /// looked up once here rather than once per answer.
    fn lookup(&self, texts: &[String]) -> Vec<Option<usize>> {
        let at: HashMap<&str, usize> = self
            .scorer
            .questions()
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id(), i))
            .collect();
        texts.iter().map(|t| at.get(t.as_str()).copied()).collect()
    }
}

/// A plan with the lookup of one campaign's question ids.
struct Prepared<'q> {
    plan: Plan<'q>,
    /// By intern index of `AnswerColumns::question_texts`: the question's position, if known.
    positions: Vec<Option<usize>>,
    /// The mirrors in the campaign, each by its audience's place in [`PAIRED_AUDIENCES`]
    /// with, by question position, whether that mirror asks the question's pair too.
    mirrors: Vec<(usize, Vec<bool>)>,
}

/// For each mirror of `q` among `questionnaires`, which of `q`'s questions it mirrors:
/// a gap between two audiences compares only the facts both were asked.
fn mirrors_of(
    q: &Questionnaire,
    questions: &[&Question],
    questionnaires: &Questionnaires,
) -> Vec<(usize, Vec<bool>)> {
    q.pairs_with()
        .iter()
        .filter_map(|other_id| {
            let versions: Vec<&Questionnaire> = questionnaires
                .iter()
                .filter(|((id, _), _)| id == other_id)
                .map(|(_, other)| other)
                .collect();
            let audience = versions.first()?.audience();
            let slot = PAIRED_AUDIENCES.iter().position(|a| *a == audience)?;
            let keys: HashSet<&str> = versions
                .iter()
                .flat_map(|other| other.questions().filter_map(Question::pair))
                .collect();
            let shares = questions
                .iter()
                .map(|question| question.pair().is_some_and(|key| keys.contains(key)))
                .collect();
            Some((slot, shares))
        })
        .collect()
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
            let positions = plan.lookup(&rows.answers.question_texts);
            let mirrors = mirrors_of(q, plan.scorer.questions(), questionnaires);
            (
                (id.as_str(), version.as_str()),
                Prepared {
                    plan,
                    positions,
                    mirrors,
                },
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
        let offset = all.answer_rows.len();
        all.responses.extend(part.responses);
        all.answer_ends
            .extend(part.answer_ends.iter().map(|end| end + offset));
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

/// What one thread keeps between responses, so nothing is allocated per answer.
#[derive(Default)]
struct Scratch<'v> {
    /// By questionnaire position: the row answering it, if any.
    rows: Vec<Option<usize>>,
    /// By questionnaire position: the decoded answer, if any.
    answers: Vec<Option<&'v Answer>>,
    work: Workspace,
}

fn score_chunk(
    jobs: &[(&Prepared<'_>, Range<usize>)],
    columns: &AnswerColumns,
    values: &[Answer],
) -> ScoredRows {
    let mut out = ScoredRows::default();
    let mut scratch = Scratch::default();
    for (prepared, range) in jobs {
        let scores = score_one(
            prepared,
            range.clone(),
            columns,
            values,
            &mut scratch,
            &mut out,
        );
        out.responses.push(scores);
        out.answer_ends.push(out.answer_rows.len());
    }
    out
}

/// Scores one response and appends its counted answers, in questionnaire order, to `out`.
fn score_one<'v>(
    prepared: &Prepared<'_>,
    range: Range<usize>,
    columns: &AnswerColumns,
    values: &'v [Answer],
    scratch: &mut Scratch<'v>,
    out: &mut ScoredRows,
) -> ResponseScores {
    let plan = &prepared.plan;
    let questions = plan.scorer.questions();
    scratch.rows.clear();
    scratch.rows.resize(questions.len(), None);
    scratch.answers.clear();
    scratch.answers.resize(questions.len(), None);
    // Scoring ignores answers to unknown questions, and so do the tables.
    for row in range.clone() {
        if let Some(at) = prepared.positions[columns.question_ids[row] as usize] {
            scratch.rows[at] = Some(row);
            scratch.answers[at] = Some(&values[columns.values[row] as usize]);
        }
    }
    let scores = plan.scorer.score(&scratch.answers, &mut scratch.work);
    let work = &scratch.work;
    // Answers to hidden questions do not count either.
    for (at, question) in questions.iter().enumerate() {
        if let (Some(row), true) = (scratch.rows[at], work.visible[at]) {
            out.answer_rows.push(row as u32);
            out.answer_levels.push(work.levels[at]);
            out.answer_offers.push(!question.non_answers().is_empty());
        }
    }
    ResponseScores {
        parameters: scores.parameters,
        categories: scores.categories,
        dimensions: scores.dimensions,
        tier: scores.tier,
        completeness: scores.completeness,
        pairs: pair_means(questions, range, columns, prepared, work),
    }
}

/// Per mirror and dimension, the mean level of the mirrored (`pair`) questions answered
/// that the mirror asks too, summed in stored order; all `None` for a questionnaire with
/// no mirror in the campaign.
fn pair_means(
    questions: &[&Question],
    range: Range<usize>,
    columns: &AnswerColumns,
    prepared: &Prepared<'_>,
    work: &Workspace,
) -> Vec<Option<f64>> {
    let mut pairs = [(0.0, 0usize); PAIRED_AUDIENCES.len() * Dimension::ALL.len()];
    if !prepared.mirrors.is_empty() {
        for row in range {
            let Some(at) = prepared.positions[columns.question_ids[row] as usize] else {
                continue;
            };
            let (true, Some(level), Some(Scored::Dimension { dimension, .. })) =
                (work.visible[at], work.levels[at], questions[at].scored())
            else {
                continue;
            };
            for (partner, shares) in &prepared.mirrors {
                if shares[at] {
                    let slot = &mut pairs[pair_slot(*partner, dimension_index(dimension))];
                    slot.0 += level;
                    slot.1 += 1;
                }
            }
        }
    }
    pairs
        .iter()
        .map(|(sum, n)| (*n > 0).then(|| sum / *n as f64))
        .collect()
}

fn dimension_index(dimension: Dimension) -> usize {
    Dimension::ALL
        .iter()
        .position(|d| *d == dimension)
        .unwrap_or_default()
}
