//! The matrix answers of a campaign as the division of duties reads them: the duties,
//! actors and choices of the first matrix compared with a reference, and each
//! organisation's cells from its latest response.

use std::collections::{BTreeMap, HashMap};

use crate::questionnaire::{Answer, Kind, Questionnaire, Reference};
use crate::reports::data::Questionnaires;
use crate::storage::report_rows::CampaignRows;

/// What the duties are and who the actors are, from the first questionnaire asking them.
pub(super) struct Layout<'q> {
    pub reference: &'q Reference,
    /// (duty id, phase, label) in questionnaire order.
    pub duties: Vec<(String, String, String)>,
    /// (actor id, label).
    pub actors: Vec<(String, String)>,
    /// Choice values in questionnaire order.
    pub choices: Vec<String>,
}

/// The duties, actors and choices of the first matrix of `q` compared with a reference.
pub(super) fn layout(q: &Questionnaire) -> Option<Layout<'_>> {
    let mut found: Option<Layout<'_>> = None;
    for question in q.questions() {
        let Kind::Matrix(matrix) = question.kind() else {
            continue;
        };
        let Some(reference) = matrix.reference().and_then(|id| q.reference(id)) else {
            continue;
        };
        let layout = found.get_or_insert_with(|| Layout {
            reference,
            duties: Vec::new(),
            actors: matrix
                .columns()
                .iter()
                .map(|c| (c.id().to_owned(), c.label().get("en").to_owned()))
                .collect(),
            choices: matrix
                .choices()
                .iter()
                .map(|c| c.value().to_owned())
                .collect(),
        });
        for row in matrix.rows() {
            let phase = reference.duty(row.id()).map_or("", |d| d.phase());
            layout.duties.push((
                row.id().to_owned(),
                phase.to_owned(),
                row.label().get("en").to_owned(),
            ));
        }
    }
    found
}

/// Per (organisation, country, audience), the matrix cells of its latest response: the
/// answers of every matrix question of its questionnaire, merged.
pub(super) type Latest =
    BTreeMap<(i64, String, String), BTreeMap<String, BTreeMap<String, String>>>;

pub(super) fn latest_cells(rows: &CampaignRows, questionnaires: &Questionnaires) -> Latest {
    let answers = &rows.answers;
    let by_response: HashMap<i64, usize> = rows
        .responses
        .iter()
        .enumerate()
        .map(|(i, r)| (r.response_id, i))
        .collect();
    // The latest response of each organisation and audience: responses come in id order.
    let mut latest_of: HashMap<(i64, String), i64> = HashMap::new();
    for r in &rows.responses {
        latest_of.insert(
            (r.organisation_id, r.audience.as_str().to_owned()),
            r.response_id,
        );
    }
    let mut out = Latest::new();
    for i in 0..answers.response_ids.len() {
        let Some(&at) = by_response.get(&answers.response_ids[i]) else {
            continue;
        };
        let row = &rows.responses[at];
        let audience = row.audience.as_str().to_owned();
        if latest_of.get(&(row.organisation_id, audience.clone())) != Some(&row.response_id) {
            continue;
        }
        let key = (
            row.questionnaire_id.clone(),
            row.questionnaire_version.clone(),
        );
        let Some(q) = questionnaires.get(&key) else {
            continue;
        };
        let question_id = &answers.question_texts[answers.question_ids[i] as usize];
        let is_matrix = q
            .question(question_id)
            .is_some_and(|question| matches!(question.kind(), Kind::Matrix(_)));
        if !is_matrix {
            continue;
        }
        let text = &answers.value_texts[answers.values[i] as usize];
        let Ok(Answer::Cells(cells)) = serde_json::from_str::<Answer>(text) else {
            continue;
        };
        let merged = out
            .entry((row.organisation_id, row.country.clone(), audience))
            .or_default();
        for (duty, actors) in cells {
            merged.entry(duty).or_default().extend(actors);
        }
    }
    out
}
