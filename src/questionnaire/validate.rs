//! Turns a parsed questionnaire file into validated types, or names every problem.

use std::collections::{BTreeSet, HashSet};

use super::check::{Check, Coverage, is_plain_id};
use super::error::{Place, Problem};
use super::model::{Audience, Model, Questionnaire, Section};
use super::non_answer::NonAnswerWords;
use super::raw::{OneOrMany, RawQuestion, RawQuestionnaire};
use super::text::is_language_code;

use super::question::{Context, question};

/// Validates the questionnaire file itself; tier tables and recommendations are added later.
pub(super) fn questionnaire(raw: RawQuestionnaire, check: &mut Check<'_>) -> Option<Questionnaire> {
    let file = Place::File;
    if !is_plain_id(&raw.id) || raw.id.chars().any(|c| c.is_ascii_uppercase()) {
        check.invalid(
            &file,
            format!("id \"{}\" must use only a-z, 0-9, '-' and '_'", raw.id),
        );
    }
    if raw.version.trim().is_empty() {
        check.invalid(&file, "version must not be empty");
    }
    let audience = Audience::parse(&raw.audience);
    if audience.is_none() {
        let reason = format!(
            "unknown audience \"{}\" (expected csirt, lea, judiciary or any)",
            raw.audience
        );
        check.invalid(&file, reason);
    }
    let model = match raw.model.as_str() {
        "maturity" => Some(Model::Maturity),
        "cooperation" => Some(Model::Cooperation),
        other => {
            check.invalid(
                &file,
                format!("unknown model \"{other}\" (expected maturity or cooperation)"),
            );
            None
        }
    };
    model_keys(&raw, model, check);
    model_source(raw.model_source.as_deref(), check);
    let title = check.text(&file, &raw.title, "the title", Coverage::EveryLanguage);
    let description = check.optional_text(
        &file,
        raw.description.as_ref(),
        "the description",
        Coverage::Fallback,
    );
    let mut non_answers =
        NonAnswerWords::read(raw.non_answers.as_deref(), &raw.non_answer_labels, check);
    let sections = sections(&raw, model, &mut non_answers, check);
    Some(Questionnaire {
        id: raw.id,
        version: raw.version,
        audience: audience?,
        model: model?,
        languages: raw.languages,
        default_tier_table: raw.tier_table,
        model_source: raw.model_source.map(|s| s.trim().to_owned()),
        pairs_with: raw.pairs_with.map(OneOrMany::into_vec).unwrap_or_default(),
        minutes: raw.minutes,
        title,
        description,
        sections,
        tier_tables: Vec::new(),
        recommendations: Vec::new(),
        references: Vec::new(),
        mapping: None,
    })
}

/// Checks the declared languages; run before any text is read.
pub(super) fn languages(languages: &[String], check: &mut Check<'_>) {
    if languages.is_empty() {
        check.invalid(&Place::File, "languages must name at least one language");
    }
    let mut seen = HashSet::new();
    for language in languages {
        if !is_language_code(language) {
            check.invalid(
                &Place::File,
                format!("language \"{language}\" is not a two-letter ISO 639-1 code"),
            );
        } else if !seen.insert(language) {
            check.invalid(
                &Place::File,
                format!("language \"{language}\" is declared twice"),
            );
        }
    }
}

fn model_keys(raw: &RawQuestionnaire, model: Option<Model>, check: &mut Check<'_>) {
    match model {
        Some(Model::Maturity) => {
            if raw.tier_table.is_none() {
                check.invalid(&Place::File, "a maturity questionnaire needs tier_table");
            }
            if raw.pairs_with.is_some() {
                check.invalid(
                    &Place::File,
                    "pairs_with belongs in cooperation questionnaires",
                );
            }
        }
        Some(Model::Cooperation) => {
            if raw.tier_table.is_some() {
                check.invalid(
                    &Place::File,
                    "tier_table belongs in maturity questionnaires",
                );
            }
            if let Some(OneOrMany::Many(others)) = &raw.pairs_with {
                pair_list(&raw.id, others, check);
            }
        }
        None => {}
    }
}

/// A list of mirrors names each once, never the file itself, and is not empty: the
/// reports compare each pair of audiences once.
fn pair_list(id: &str, others: &[String], check: &mut Check<'_>) {
    if others.is_empty() {
        check.invalid(
            &Place::File,
            "pairs_with must name at least one questionnaire",
        );
    }
    let mut seen = HashSet::new();
    for other in others {
        if other == id {
            check.invalid(&Place::File, "pairs_with names the questionnaire itself");
        } else if !seen.insert(other) {
            check.invalid(&Place::File, format!("pairs_with names \"{other}\" twice"));
        }
    }
}

/// `model_source` is printed on every report line it scores: one line of text.
fn model_source(source: Option<&str>, check: &mut Check<'_>) {
    match source {
        Some(s) if s.trim().is_empty() => {
            check.invalid(&Place::File, "model_source must not be empty");
        }
        Some(s) if s.chars().any(char::is_control) => {
            check.invalid(&Place::File, "model_source must be one line of text");
        }
        _ => {}
    }
}

fn sections(
    raw: &RawQuestionnaire,
    model: Option<Model>,
    non_answers: &mut NonAnswerWords,
    check: &mut Check<'_>,
) -> Vec<Section> {
    if raw.sections.is_empty() {
        check.invalid(&Place::File, "a questionnaire needs at least one section");
    }
    let all_ids: HashSet<&str> = raw
        .sections
        .iter()
        .flat_map(|s| s.questions.iter().map(|q| q.id.as_str()))
        .collect();
    let mut earlier: Vec<&RawQuestion> = Vec::new();
    let mut section_ids = HashSet::new();
    let mut pairs = BTreeSet::new();
    let mut result = Vec::new();
    for section in &raw.sections {
        let place = Place::Section(section.id.clone());
        if !section_ids.insert(section.id.as_str()) {
            check.fail(
                &place,
                Problem::DuplicateId {
                    what: "section",
                    id: section.id.clone(),
                },
            );
        }
        if !is_plain_id(&section.id) {
            check.invalid(
                &place,
                "a section id uses only letters, digits, '-' and '_'",
            );
        }
        if section.questions.is_empty() {
            check.invalid(&place, "a section needs at least one question");
        }
        let title = check.text(
            &place,
            &section.title,
            "the section title",
            Coverage::EveryLanguage,
        );
        let intro = check.optional_text(
            &place,
            section.intro.as_ref(),
            "the section intro",
            Coverage::Fallback,
        );
        let mut questions = Vec::new();
        for q in &section.questions {
            if earlier.iter().any(|e| e.id == q.id) {
                let problem = Problem::DuplicateId {
                    what: "question",
                    id: q.id.clone(),
                };
                check.fail(&Place::Question(q.id.clone()), problem);
            }
            if let Some(pair) = &q.pair
                && !pairs.insert(pair.as_str())
            {
                check.invalid(
                    &Place::Question(q.id.clone()),
                    format!("pair \"{pair}\" is used twice in this file"),
                );
            }
            let context = Context {
                model,
                earlier: &earlier,
                all_ids: &all_ids,
            };
            if let Some(question) = question(q, &context, non_answers, check) {
                questions.push(question);
            }
            earlier.push(q);
        }
        result.push(Section {
            id: section.id.clone(),
            title,
            intro,
            questions,
        });
    }
    result
}
