//! `mapped.csv`: for a campaign whose questionnaire maps onto another (NIS2 readiness onto
//! SIM3), each organisation's answer per mapped requirement beside the levels it gave the
//! mapped parameters in its latest handed-in response to the other questionnaire, and
//! whether the two can both be right. Row-level, like `scores.csv`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use crate::campaigns::questionnaire_at;
use crate::questionnaire::{Answers, Catalogue};
use crate::scoring::{Inconsistency, mapped_lines};
use crate::storage::DbConn;
use crate::storage::organisation_responses::latest_handed_in;
use crate::storage::report_rows::CampaignRows;
use crate::storage::responses::load_answers;

use super::ReportError;
use super::cells::{Cell, csv_start, write_record};
use super::data::Questionnaires;

pub const MAPPED_FILE: &str = "mapped.csv";

/// Writes `mapped.csv` into `dir`; nothing for a campaign with no mapped questionnaire.
pub fn write_mapped(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    rows: &CampaignRows,
    questionnaires: &Questionnaires,
    tlp_line: &str,
    dir: &Path,
) -> Result<Vec<PathBuf>, ReportError> {
    let mapped: HashSet<i64> = rows
        .responses
        .iter()
        .filter(|r| {
            questionnaires
                .get(&(r.questionnaire_id.clone(), r.questionnaire_version.clone()))
                .is_some_and(|q| q.mapping().is_some())
        })
        .map(|r| r.response_id)
        .collect();
    if mapped.is_empty() {
        return Ok(Vec::new());
    }
    let answers = answers_by_response(rows, &mapped);
    let mut out = csv_start(
        tlp_line,
        [
            "organisation",
            "country",
            "question",
            "level",
            "other_questionnaire",
            "other_response",
            "parameters",
            "inconsistency",
        ],
    );
    let none = Answers::new();
    for row in rows
        .responses
        .iter()
        .filter(|r| mapped.contains(&r.response_id))
    {
        let key = (
            row.questionnaire_id.clone(),
            row.questionnaire_version.clone(),
        );
        let Some(q) = questionnaires.get(&key) else {
            continue;
        };
        let Some(mapping) = q.mapping() else {
            continue;
        };
        let other_id = mapping.questionnaire();
        let found = latest_handed_in(conn, row.organisation_id, other_id)?;
        let (other, other_answers, other_response) = match found {
            Some((response, version)) => (
                questionnaire_at(conn, catalogue, other_id, &version)?,
                load_answers(conn, response)?,
                Some(response),
            ),
            None => {
                let Some(loaded) = catalogue.shared(other_id) else {
                    continue;
                };
                (loaded, Answers::new(), None)
            }
        };
        let mine = answers.get(&row.response_id).unwrap_or(&none);
        for line in mapped_lines(q, mine, mapping, &other, &other_answers) {
            let parameters: Vec<String> = line
                .parameters
                .iter()
                .map(|(id, _, level)| {
                    format!(
                        "{id}={}",
                        level.map_or_else(String::new, |l| format!("{l:.0}"))
                    )
                })
                .collect();
            let parameters = if other_response.is_some() {
                parameters.join(";")
            } else {
                String::new()
            };
            write_record(
                &mut out,
                [
                    Cell::Text(&row.organisation),
                    Cell::Text(&row.country),
                    Cell::Text(&line.question),
                    line.level.map_or(Cell::Empty, |l| Cell::Decimal(l, 2)),
                    Cell::Text(other_id),
                    other_response.map_or(Cell::Empty, Cell::Integer),
                    Cell::Text(&parameters),
                    Cell::Text(match line.inconsistency {
                        _ if other_response.is_none() => "",
                        Some(Inconsistency::ClaimedWithoutBasis) => "claimed_without_basis",
                        Some(Inconsistency::BasisWithoutClaim) => "basis_without_claim",
                        None => "",
                    }),
                ],
            );
        }
    }
    let path = dir.join(MAPPED_FILE);
    std::fs::write(&path, out).map_err(|e| ReportError::Write {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    Ok(vec![path])
}

/// The decoded answers of the responses in `wanted`, in one pass over the rows.
fn answers_by_response(rows: &CampaignRows, wanted: &HashSet<i64>) -> HashMap<i64, Answers> {
    let a = &rows.answers;
    let mut out: HashMap<i64, Answers> = HashMap::new();
    for i in 0..a.len() {
        let response = a.response_ids[i];
        if !wanted.contains(&response) {
            continue;
        }
        let question = a.question_texts[a.question_ids[i] as usize].clone();
        if let Ok(answer) = serde_json::from_str(&a.value_texts[a.values[i] as usize]) {
            out.entry(response).or_default().insert(question, answer);
        }
    }
    out
}
