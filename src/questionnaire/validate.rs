//! Turns a parsed questionnaire file into validated types, or names every problem.

use std::collections::{BTreeSet, HashSet};

use super::check::{Check, Coverage, is_plain_id};
use super::error::{Place, Problem};
use super::model::{
    Audience, Category, Choice, Condition, Dimension, Kind, Model, MultiScore, Question,
    Questionnaire, Scored, Section, ShowIf,
};
use super::raw::{RawOption, RawQuestion, RawQuestionnaire, RawShowIf};
use super::text::is_language_code;

const DEFAULT_TEXT_LENGTH: usize = 2000;

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
    let title = check.text(&file, &raw.title, "the title", Coverage::EveryLanguage);
    let description = check.optional_text(
        &file,
        raw.description.as_ref(),
        "the description",
        Coverage::Fallback,
    );
    let sections = sections(&raw, model, check);
    Some(Questionnaire {
        id: raw.id,
        version: raw.version,
        audience: audience?,
        model: model?,
        languages: raw.languages,
        default_tier_table: raw.tier_table,
        pairs_with: raw.pairs_with,
        minutes: raw.minutes,
        title,
        description,
        sections,
        tier_tables: Vec::new(),
        recommendations: Vec::new(),
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
        Some(Model::Cooperation) if raw.tier_table.is_some() => {
            check.invalid(
                &Place::File,
                "tier_table belongs in maturity questionnaires",
            );
        }
        _ => {}
    }
}

fn sections(raw: &RawQuestionnaire, model: Option<Model>, check: &mut Check<'_>) -> Vec<Section> {
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
            if let Some(question) = question(q, &context, check) {
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

/// What a question's checks need to know about the rest of the file.
struct Context<'r> {
    model: Option<Model>,
    earlier: &'r [&'r RawQuestion],
    all_ids: &'r HashSet<&'r str>,
}

fn question(q: &RawQuestion, context: &Context<'_>, check: &mut Check<'_>) -> Option<Question> {
    let place = Place::Question(q.id.clone());
    if !is_plain_id(&q.id) {
        check.invalid(
            &place,
            "a question id uses only letters, digits, '-' and '_'",
        );
    }
    let text = check.text(
        &place,
        &q.text,
        "the question text",
        Coverage::EveryLanguage,
    );
    let help = check.optional_text(&place, q.help.as_ref(), "the help text", Coverage::Fallback);
    let kind = kind(q, &place, check);
    let scored = scored(q, context.model, kind.as_ref(), &place, check);
    if q.pair.is_some() && q.dimension.is_none() {
        check.invalid(&place, "pair needs a scored question with a dimension");
    }
    let show_if = q
        .show_if
        .as_ref()
        .and_then(|s| show_if(s, context, &place, check));
    Some(Question {
        id: q.id.clone(),
        kind: kind?,
        name: q.name.clone(),
        text,
        help,
        required: q.required,
        scored,
        pair: q.pair.clone(),
        show_if,
    })
}

fn kind(q: &RawQuestion, place: &Place, check: &mut Check<'_>) -> Option<Kind> {
    let is_choice = matches!(q.kind.as_str(), "level" | "single" | "multi");
    if !is_choice && !q.options.is_empty() {
        check.invalid(
            place,
            format!(
                "options apply only to level, single and multi questions, not {}",
                q.kind
            ),
        );
    }
    if q.multi_score.is_some() && q.kind != "multi" {
        check.invalid(place, "multi_score applies only to multi questions");
    }
    if (q.min.is_some() || q.max.is_some()) && !matches!(q.kind.as_str(), "scale" | "number") {
        check.invalid(
            place,
            "min and max apply only to scale and number questions",
        );
    }
    if q.max_length.is_some() && q.kind != "text" {
        check.invalid(place, "max_length applies only to text questions");
    }
    match q.kind.as_str() {
        "level" => Some(Kind::Level {
            options: level_options(&q.options, place, check),
        }),
        "single" => Some(Kind::Single {
            options: choice_options(&q.options, place, check),
        }),
        "multi" => {
            let rule = match q.multi_score.as_deref() {
                None | Some("max") => MultiScore::Max,
                Some("sum") => MultiScore::Sum,
                Some(other) => {
                    check.invalid(
                        place,
                        format!("unknown multi_score \"{other}\" (expected max or sum)"),
                    );
                    MultiScore::Max
                }
            };
            Some(Kind::Multi {
                options: choice_options(&q.options, place, check),
                rule,
            })
        }
        "scale" => scale(q, place, check),
        "number" => {
            if let (Some(min), Some(max)) = (q.min, q.max)
                && min > max
            {
                check.invalid(place, format!("min {min} is above max {max}"));
            }
            Some(Kind::Number {
                min: q.min,
                max: q.max,
                unit: q.unit.clone(),
            })
        }
        "text" => {
            let max_length = q.max_length.unwrap_or(DEFAULT_TEXT_LENGTH);
            if max_length == 0 {
                check.invalid(place, "max_length must be at least 1");
            }
            Some(Kind::Text { max_length })
        }
        "country" => Some(Kind::Country),
        other => {
            let reason = format!(
                "unknown kind \"{other}\" (expected level, single, multi, scale, number, text or country)"
            );
            check.invalid(place, reason);
            None
        }
    }
}

fn scale(q: &RawQuestion, place: &Place, check: &mut Check<'_>) -> Option<Kind> {
    let (Some(min), Some(max)) = (q.min, q.max) else {
        check.invalid(place, "a scale question needs min and max");
        return None;
    };
    if min.fract() != 0.0 || max.fract() != 0.0 || min >= max {
        check.invalid(
            place,
            format!("a scale needs whole numbers with min below max, not {min} and {max}"),
        );
        return None;
    }
    let empty = Default::default();
    let min_label = check.text(
        place,
        q.min_label.as_ref().unwrap_or(&empty),
        "min_label",
        Coverage::EveryLanguage,
    );
    let max_label = check.text(
        place,
        q.max_label.as_ref().unwrap_or(&empty),
        "max_label",
        Coverage::EveryLanguage,
    );
    Some(Kind::Scale {
        min: min as i64,
        max: max as i64,
        min_label,
        max_label,
    })
}

fn option_level(
    option: &RawOption,
    name: &str,
    place: &Place,
    check: &mut Check<'_>,
) -> Option<f64> {
    let level = option.level?;
    if !(0.0..=4.0).contains(&level) {
        check.fail(
            place,
            Problem::OptionLevelOutOfRange {
                option: name.to_owned(),
                level,
            },
        );
        return None;
    }
    Some(level)
}

fn option_label(
    option: &RawOption,
    name: &str,
    place: &Place,
    check: &mut Check<'_>,
) -> super::text::Text {
    check.text(
        place,
        &option.label,
        &format!("the label of option \"{name}\""),
        Coverage::EveryLanguage,
    )
}

fn level_options(raw: &[RawOption], place: &Place, check: &mut Check<'_>) -> Vec<Choice> {
    let mut options = Vec::new();
    for (position, option) in raw.iter().enumerate() {
        let name = option.value.clone().unwrap_or_else(|| position.to_string());
        let level = option_level(option, &name, place, check);
        let label = option_label(option, &name, place, check);
        if let Some(level) = level
            && level != position as f64
        {
            check.invalid(
                place,
                format!(
                    "option {} of a level question must have level {position}, not {level}",
                    position + 1
                ),
            );
        }
        if option
            .value
            .as_ref()
            .is_some_and(|v| *v != position.to_string())
        {
            check.invalid(
                place,
                "a level question's options take no value (the value is the level)",
            );
        }
        options.push(Choice {
            value: position.to_string(),
            level: Some(position as f64),
            label,
        });
    }
    if raw.len() != 5 {
        check.invalid(
            place,
            format!(
                "a level question needs exactly five options (levels 0 to 4), not {}",
                raw.len()
            ),
        );
    }
    options
}

fn choice_options(raw: &[RawOption], place: &Place, check: &mut Check<'_>) -> Vec<Choice> {
    if raw.len() < 2 {
        check.invalid(place, "a choice question needs at least two options");
    }
    let mut values = HashSet::new();
    let mut options = Vec::new();
    for (position, option) in raw.iter().enumerate() {
        let Some(value) = option.value.clone() else {
            check.invalid(place, format!("option {} has no value", position + 1));
            continue;
        };
        if !values.insert(value.clone()) {
            check.invalid(place, format!("option value \"{value}\" appears twice"));
        }
        let level = option_level(option, &value, place, check);
        let label = option_label(option, &value, place, check);
        options.push(Choice {
            value,
            level,
            label,
        });
    }
    options
}

fn scored(
    q: &RawQuestion,
    model: Option<Model>,
    kind: Option<&Kind>,
    place: &Place,
    check: &mut Check<'_>,
) -> Option<Scored> {
    let scored = match (&q.category, &q.dimension) {
        (None, None) => None,
        (Some(_), Some(_)) => {
            check.invalid(place, "a question has a category or a dimension, not both");
            None
        }
        (Some(category), None) => {
            let Some(category) = Category::parse(category) else {
                check.fail(place, Problem::UnknownCategory(category.clone()));
                return None;
            };
            if model == Some(Model::Cooperation) {
                check.invalid(
                    place,
                    "category belongs in maturity questionnaires; use dimension",
                );
            }
            if q.name.is_none() {
                check.invalid(
                    place,
                    "a scored maturity question needs a name (the parameter's name)",
                );
            }
            Some(Scored::Category { category })
        }
        (None, Some(dimension)) => {
            let Some(dimension) = Dimension::parse(dimension) else {
                check.fail(place, Problem::UnknownDimension(dimension.clone()));
                return None;
            };
            if model == Some(Model::Maturity) {
                check.invalid(
                    place,
                    "dimension belongs in cooperation questionnaires; use category",
                );
            }
            let weight = q.weight.unwrap_or(1.0);
            if !(weight.is_finite() && weight > 0.0) {
                check.invalid(place, format!("weight must be above 0, not {weight}"));
            }
            Some(Scored::Dimension { dimension, weight })
        }
    };
    if q.weight.is_some() && q.dimension.is_none() {
        check.invalid(place, "weight applies only to questions with a dimension");
    }
    if scored.is_some()
        && let Some(kind) = kind
    {
        if matches!(
            kind,
            Kind::Number { .. } | Kind::Text { .. } | Kind::Country
        ) {
            check.invalid(
                place,
                format!("a {} question cannot be scored", kind.name()),
            );
        } else if !kind.options().is_empty() && kind.options().iter().all(|o| o.level.is_none()) {
            check.invalid(
                place,
                "a scored question needs a level on at least one option",
            );
        }
    }
    scored
}

fn show_if(
    raw: &RawShowIf,
    context: &Context<'_>,
    place: &Place,
    check: &mut Check<'_>,
) -> Option<ShowIf> {
    let Some(target) = context.earlier.iter().find(|q| q.id == raw.question) else {
        let problem = if context.all_ids.contains(raw.question.as_str()) {
            Problem::ShowIfLaterQuestion(raw.question.clone())
        } else {
            Problem::ShowIfUnknownQuestion(raw.question.clone())
        };
        check.fail(place, problem);
        return None;
    };
    let condition = match (&raw.equals, &raw.any_of, raw.at_least) {
        (Some(value), None, None) => Condition::Equals(plain_value(value)),
        (None, Some(values), None) => Condition::AnyOf(values.iter().map(plain_value).collect()),
        (None, None, Some(at_least)) => {
            if !matches!(target.kind.as_str(), "level" | "scale" | "number") {
                check.invalid(
                    place,
                    format!(
                        "show_if at_least needs a level, scale or number question, and {} is {}",
                        target.id, target.kind
                    ),
                );
            }
            Condition::AtLeast(at_least)
        }
        _ => {
            check.invalid(
                place,
                "show_if needs exactly one of equals, any_of or at_least",
            );
            return None;
        }
    };
    let values: &[String] = match &condition {
        Condition::Equals(v) => std::slice::from_ref(v),
        Condition::AnyOf(vs) => vs,
        Condition::AtLeast(_) => &[],
    };
    let is_choice = matches!(target.kind.as_str(), "single" | "multi" | "level");
    for value in values {
        let known = if target.kind == "level" {
            matches!(value.as_str(), "0" | "1" | "2" | "3" | "4")
        } else {
            target
                .options
                .iter()
                .any(|o| o.value.as_deref() == Some(value))
        };
        if is_choice && !known {
            check.invalid(
                place,
                format!(
                    "show_if value \"{value}\" is not an option of question {}",
                    target.id
                ),
            );
        }
    }
    Some(ShowIf {
        question: raw.question.clone(),
        condition,
    })
}

fn plain_value(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
