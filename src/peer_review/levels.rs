//! The levels form of a peer (or of the campaign's reviewer), parsed: per parameter a
//! level 0–4 and, with it, a justification.

use std::collections::BTreeMap;

use crate::questionnaire::Questionnaire;
use crate::scoring::level_parameters;
use crate::storage::peer_review::NewLevel;

/// The longest justification kept, in characters.
pub const MAX_JUSTIFICATION_CHARS: usize = 2000;

/// The typed fields of a levels form, by field name (`level.<qid>`, `justification.<qid>`,
/// `agreed.<qid>`), as posted.
pub type LevelForm = BTreeMap<String, String>;

/// The levels of `form` whose field names start with `prefix` (`level` or `agreed`);
/// `justified` asks for a justification beside every level. Problems come back by field
/// name. A form that sets no level at all is refused.
pub fn parse_levels(
    questionnaire: &Questionnaire,
    form: &LevelForm,
    prefix: &str,
    justified: bool,
) -> Result<Vec<NewLevel>, Vec<(String, String)>> {
    let mut levels = Vec::new();
    let mut problems = Vec::new();
    for question in level_parameters(questionnaire) {
        let id = question.id();
        let level_field = format!("{prefix}.{id}");
        let why_field = format!("justification.{id}");
        let typed = form.get(&level_field).map_or("", |v| v.trim());
        let why = form.get(&why_field).map_or("", |v| v.trim());
        if typed.is_empty() {
            if justified && !why.is_empty() {
                problems.push((level_field, format!("Choose a level for {id}.")));
            }
            continue;
        }
        let Some(level) = typed.parse::<i32>().ok().filter(|l| (0..=4).contains(l)) else {
            problems.push((level_field, format!("The level of {id} must be 0 to 4.")));
            continue;
        };
        if justified && why.is_empty() {
            problems.push((why_field, format!("Say why {id} is at level {level}.")));
            continue;
        }
        if why.chars().count() > MAX_JUSTIFICATION_CHARS {
            let text = format!(
                "The justification of {id} is longer than {MAX_JUSTIFICATION_CHARS} characters."
            );
            problems.push((why_field, text));
            continue;
        }
        levels.push(NewLevel {
            question_id: id.to_owned(),
            level,
            justification: why.to_owned(),
        });
    }
    if levels.is_empty() && problems.is_empty() {
        problems.push((String::new(), "Choose at least one level.".to_owned()));
    }
    if problems.is_empty() {
        Ok(levels)
    } else {
        Err(problems)
    }
}
