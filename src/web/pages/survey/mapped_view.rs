//! A self-assessment read against another on the result page: for a questionnaire with a
//! mapping (NIS2 readiness onto SIM3), each requirement's answer beside the levels the
//! organisation gave the mapped parameters in its latest handed-in response to the other
//! questionnaire, with the places where both cannot be right flagged.

use actix_web::web;

use super::visit::Visit;
use crate::campaigns::questionnaire_at;
use crate::locale::{fill, words};
use crate::scoring::{Inconsistency, mapped_lines};
use crate::storage::organisation_responses::latest_handed_in;
use crate::storage::responses::load_answers;
use crate::web::{AppState, WebError, with_conn};

words! {
    /// The words of a self-assessment read against another on the result page; `{other}`
    /// is the other questionnaire's title.
    pub struct MappedWords in "mapped" {
        title,
        intro,
        none,
        requirement,
        your_level,
        parameters,
        check,
        inconsistent,
        consistent,
        claimed_without_basis,
        basis_without_claim,
    }
}

/// The part of the result page; `lines` empty when the organisation handed in no
/// response to the other questionnaire.
pub struct MappedView {
    pub words: &'static MappedWords,
    /// The heading, the introduction and what is shown without a response, filled in.
    pub title: String,
    pub intro: String,
    pub none: String,
    /// Where the mapping comes from (the project's own, for the shipped one).
    pub source: String,
    pub lines: Vec<MappedRow>,
}

pub struct MappedRow {
    pub question: String,
    pub level: String,
    /// "O-7 Service Level Description: 2" for each mapped parameter.
    pub parameters: Vec<String>,
    /// Why the two disagree, in words, if they do.
    pub flag: Option<&'static str>,
}

fn shown(level: Option<f64>) -> String {
    level.map_or_else(|| "–".to_owned(), |l| format!("{l:.0}"))
}

fn flag(words: &'static MappedWords, inconsistency: Inconsistency) -> &'static str {
    match inconsistency {
        Inconsistency::ClaimedWithoutBasis => words.claimed_without_basis,
        Inconsistency::BasisWithoutClaim => words.basis_without_claim,
    }
}

/// The view of `visit`'s response, when its questionnaire maps onto another.
pub(super) async fn mapped_part(
    state: &web::Data<AppState>,
    visit: &Visit,
) -> Result<Option<MappedView>, WebError> {
    let Some(mapping) = visit.questionnaire.mapping().cloned() else {
        return Ok(None);
    };
    let organisation = visit.open.participant.organisation_id;
    let catalogue = state.catalogue.clone();
    let (q, answers) = (visit.questionnaire.clone(), visit.answers.clone());
    let language = visit.language.clone();
    let words = MappedWords::of(&language);
    let view = with_conn(state, move |conn| {
        let other_id = mapping.questionnaire();
        let found = latest_handed_in(conn, organisation, other_id)?;
        let (title, lines) = match found {
            Some((response, version)) => {
                let other = questionnaire_at(conn, &catalogue, other_id, &version)?;
                let other_answers = load_answers(conn, response)?;
                let lines = mapped_lines(&q, &answers, &mapping, &other, &other_answers);
                (other.title().get(&language).to_owned(), lines)
            }
            None => (
                catalogue
                    .get(other_id)
                    .map_or(other_id.to_owned(), |o| o.title().get(&language).to_owned()),
                Vec::new(),
            ),
        };
        let lines = lines
            .into_iter()
            .map(|l| MappedRow {
                question: format!("{} {}", l.question, l.name),
                level: shown(l.level),
                parameters: l
                    .parameters
                    .iter()
                    .map(|(id, name, level)| format!("{id} {name}: {}", shown(*level)))
                    .collect(),
                flag: l.inconsistency.map(|i| flag(words, i)),
            })
            .collect();
        let other = [("other", title.as_str())];
        Ok(MappedView {
            words,
            title: fill(words.title, &other),
            intro: fill(words.intro, &other),
            none: fill(words.none, &other),
            source: mapping.source().to_owned(),
            lines,
        })
    })
    .await?;
    Ok(Some(view))
}
