//! Reports use the level agreed after a peer review where one is recorded: the campaign's
//! rows, as loaded, have each agreed parameter answered at its agreed level
//! (`scoring::with_levels`), so tiers, scores, charts, gaps and recommendations all follow.

use std::collections::HashMap;

use crate::questionnaire::Answers;
use crate::scoring::with_levels;
use crate::storage::peer_review::{LevelKind, current_levels_of};
use crate::storage::report_rows::{AnswerColumns, CampaignRows};
use crate::storage::{DbConn, StorageError};

use super::data::Questionnaires;

/// Puts the agreed levels of `rows`' responses in place of their self-assessed ones.
pub fn with_agreed_levels(
    conn: &mut DbConn,
    rows: &mut CampaignRows,
    questionnaires: &Questionnaires,
) -> Result<(), StorageError> {
    let ids: Vec<i64> = rows.responses.iter().map(|r| r.response_id).collect();
    let agreed = current_levels_of(conn, &ids, LevelKind::Agreed)?;
    if agreed.is_empty() {
        return Ok(());
    }
    let old = std::mem::take(&mut rows.answers);
    let mut out = AnswerColumns {
        question_texts: old.question_texts.clone(),
        value_texts: old.value_texts.clone(),
        ..AnswerColumns::default()
    };
    let mut question_index: HashMap<String, u32> = index_of(&out.question_texts);
    let mut value_index: HashMap<String, u32> = index_of(&out.value_texts);
    let mut at = 0;
    while at < old.len() {
        let response = old.response_ids[at];
        let end = at
            + old.response_ids[at..]
                .iter()
                .take_while(|r| **r == response)
                .count();
        let questionnaire = rows
            .responses
            .iter()
            .find(|r| r.response_id == response)
            .and_then(|r| {
                questionnaires.get(&(r.questionnaire_id.clone(), r.questionnaire_version.clone()))
            });
        match (agreed.get(&response), questionnaire) {
            (Some(levels), Some(q)) => {
                let mut answers = Answers::new();
                let mut kept: Vec<(String, String)> = Vec::new();
                for i in at..end {
                    let question = &old.question_texts[old.question_ids[i] as usize];
                    let value = &old.value_texts[old.values[i] as usize];
                    match serde_json::from_str(value) {
                        Ok(answer) => {
                            answers.insert(question.clone(), answer);
                        }
                        // A value scoring cannot read stays as stored.
                        Err(_) => kept.push((question.clone(), value.clone())),
                    }
                }
                let mut merged: Vec<(String, String)> = with_levels(q, &answers, levels)
                    .into_iter()
                    .filter_map(|(question, answer)| {
                        serde_json::to_string(&answer).ok().map(|v| (question, v))
                    })
                    .chain(kept)
                    .collect();
                merged.sort();
                for (question, value) in merged {
                    out.response_ids.push(response);
                    out.question_ids.push(intern(
                        &mut question_index,
                        &mut out.question_texts,
                        question,
                    ));
                    out.values
                        .push(intern(&mut value_index, &mut out.value_texts, value));
                }
            }
            _ => {
                out.response_ids
                    .extend_from_slice(&old.response_ids[at..end]);
                out.question_ids
                    .extend_from_slice(&old.question_ids[at..end]);
                out.values.extend_from_slice(&old.values[at..end]);
            }
        }
        at = end;
    }
    rows.answers = out;
    Ok(())
}

fn index_of(texts: &[String]) -> HashMap<String, u32> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), u32::try_from(i).unwrap_or(u32::MAX)))
        .collect()
}

fn intern(index: &mut HashMap<String, u32>, texts: &mut Vec<String>, text: String) -> u32 {
    if let Some(i) = index.get(&text) {
        return *i;
    }
    let i = u32::try_from(texts.len()).unwrap_or(u32::MAX);
    texts.push(text.clone());
    index.insert(text, i);
    i
}
