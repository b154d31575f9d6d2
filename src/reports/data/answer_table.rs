//! The answers a report counts, one per line of answers.csv: millions of them, kept as
//! indices into the campaign's few distinct question ids and values rather than as
//! strings, each distinct value decoded once for display.

use polars::prelude::*;

use crate::questionnaire::{Answer, NonAnswer};
use crate::storage::report_rows::{CampaignRows, FileNames};

use super::frames::display;
use super::scored::ScoredRows;

/// The counted answers (to visible, known questions) of every response, in response
/// order and within a response in questionnaire order.
#[derive(Debug, Clone, Default)]
pub struct AnswerTable {
    /// Aligned with the responses: each one's id.
    pub(super) response_ids: Vec<i64>,
    /// Aligned with the responses: where each one's answers end in the columns below
    /// (they start where the previous one's end).
    pub(super) ends: Vec<usize>,
    /// Per answer: its question id, as an index into `question_texts`.
    pub(super) questions: Vec<u32>,
    /// Per answer: its stored value, as an index into `values_shown`.
    pub(super) values: Vec<u32>,
    /// Per answer: the level it scores.
    pub(super) levels: Vec<Option<f64>>,
    /// Per answer: whether its question offers non-answers.
    pub(super) offers: Vec<bool>,
    pub(super) question_texts: Vec<String>,
    /// Per distinct stored value: how it reads.
    pub(super) values_shown: Vec<Shown>,
    /// The names of the evidence files of each answer (never their content).
    pub(super) evidence: FileNames,
}

/// A stored value as an analyst reads it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Shown {
    /// The value as text; a non-answer as its own name (see [`display`]).
    pub text: String,
    /// Whether the respondent entered a number rather than chose or wrote text.
    pub is_number: bool,
    pub non_answer: Option<NonAnswer>,
}

impl AnswerTable {
    /// Takes the counted answers out of `scored` (its per-answer columns are left empty).
    pub(super) fn new(rows: &CampaignRows, scored: &mut ScoredRows) -> Self {
        let a = &rows.answers;
        let kept = std::mem::take(&mut scored.answer_rows);
        let values_shown = a
            .value_texts
            .iter()
            .map(|t| match serde_json::from_str::<Answer>(t) {
                Ok(v) => Shown {
                    text: display(&v),
                    is_number: matches!(v, Answer::Number(_)),
                    non_answer: v.non_answer(),
                },
                Err(_) => Shown {
                    text: t.clone(),
                    is_number: false,
                    non_answer: None,
                },
            })
            .collect();
        AnswerTable {
            response_ids: rows.responses.iter().map(|r| r.response_id).collect(),
            ends: std::mem::take(&mut scored.answer_ends),
            questions: kept.iter().map(|&i| a.question_ids[i as usize]).collect(),
            values: kept.iter().map(|&i| a.values[i as usize]).collect(),
            levels: std::mem::take(&mut scored.answer_levels),
            offers: std::mem::take(&mut scored.answer_offers),
            question_texts: a.question_texts.clone(),
            values_shown,
            evidence: rows.evidence_files.clone(),
        }
    }

    /// How many answers there are.
    pub fn len(&self) -> usize {
        self.questions.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.questions.is_empty()
    }

    /// The positions of response `i`'s answers.
    pub(super) fn of_response(&self, i: usize) -> std::ops::Range<usize> {
        let start = i.checked_sub(1).map_or(0, |p| self.ends[p]);
        start..self.ends[i]
    }

    pub(super) fn question(&self, at: usize) -> &str {
        &self.question_texts[self.questions[at] as usize]
    }

    pub(super) fn shown(&self, at: usize) -> &Shown {
        &self.values_shown[self.values[at] as usize]
    }

    /// The names of the evidence files of the answer at `at` of response `i`.
    pub(super) fn files(&self, i: usize, at: usize) -> Option<&Vec<String>> {
        self.evidence
            .get(&self.response_ids[i])
            .and_then(|by_question| by_question.get(self.question(at)))
    }

    /// The answers as one frame, a row per answer: response_id, question_id, value (as
    /// text; a non-answer as its name), value_is_number, level, offers_non_answers,
    /// non_answer (its name, or null), evidence_files (how many files the answer has) and
    /// evidence_file_names (their names joined by `;`; never their content).
    pub fn frame(&self) -> PolarsResult<DataFrame> {
        let owner: Vec<usize> = (0..self.ends.len())
            .flat_map(|i| self.of_response(i).map(move |_| i))
            .collect();
        let ids = Int64Chunked::from_iter_values(
            "response_id".into(),
            owner.iter().map(|&i| self.response_ids[i]),
        );
        let questions = StringChunked::from_iter_values(
            "question_id".into(),
            (0..self.len()).map(|at| self.question(at)),
        );
        let values = StringChunked::from_iter_values(
            "value".into(),
            (0..self.len()).map(|at| self.shown(at).text.as_str()),
        );
        let numeric = BooleanChunked::from_iter_values(
            "value_is_number".into(),
            (0..self.len()).map(|at| self.shown(at).is_number),
        );
        let levels = Float64Chunked::from_iter_options("level".into(), self.levels.iter().copied());
        let offers = BooleanChunked::from_iter_values(
            "offers_non_answers".into(),
            self.offers.iter().copied(),
        );
        let non_answers = StringChunked::from_iter_options(
            "non_answer".into(),
            (0..self.len()).map(|at| self.shown(at).non_answer.map(|n| n.as_str())),
        );
        let files = UInt32Chunked::from_iter_values(
            "evidence_files".into(),
            owner.iter().enumerate().map(|(at, &i)| {
                self.files(i, at)
                    .map_or(0, |names| u32::try_from(names.len()).unwrap_or(u32::MAX))
            }),
        );
        let names = StringChunked::from_iter_values(
            "evidence_file_names".into(),
            owner
                .iter()
                .enumerate()
                .map(|(at, &i)| self.files(i, at).map(|n| n.join(";")).unwrap_or_default()),
        );
        DataFrame::new(
            self.len(),
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
}
