//! Validation of single questions: kind, options, scoring and show_if.

use std::collections::HashSet;

use super::check::{Check, Coverage, is_plain_id};
use super::error::{Place, Problem};
use super::kind_name::KindName;
use super::model::{Category, Choice, Dimension, Kind, Model, MultiScore, Question, Scored};
use super::non_answer::NonAnswerWords;
use super::raw::{RawOption, RawQuestion};
use super::show_if::show_if;

const DEFAULT_TEXT_LENGTH: usize = 2000;

/// What a question's checks need to know about the rest of the file.
pub(super) struct Context<'r> {
    pub model: Option<Model>,
    pub earlier: &'r [&'r RawQuestion],
    pub all_ids: &'r HashSet<&'r str>,
}

pub(super) fn question(
    q: &RawQuestion,
    context: &Context<'_>,
    words: &mut NonAnswerWords,
    check: &mut Check<'_>,
) -> Option<Question> {
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
    let non_answers = words.for_question(q, kind.as_ref(), &place, check);
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
        non_answers,
    })
}

fn kind(q: &RawQuestion, place: &Place, check: &mut Check<'_>) -> Option<Kind> {
    let name = KindName::parse(&q.kind);
    // An unknown kind takes no key; it is reported once its keys are.
    let takes = |key: fn(KindName) -> bool| name.is_some_and(key);
    if !takes(KindName::takes_options) && !q.options.is_empty() {
        check.invalid(
            place,
            format!(
                "options apply only to level, single and multi questions, not {}",
                q.kind
            ),
        );
    }
    if q.multi_score.is_some() && !takes(KindName::takes_several_options) {
        check.invalid(place, "multi_score applies only to multi questions");
    }
    if (q.min.is_some() || q.max.is_some()) && !takes(KindName::takes_range) {
        check.invalid(
            place,
            "min and max apply only to scale and number questions",
        );
    }
    if !takes(KindName::takes_several_options)
        && let Some(option) = q.options.iter().find(|o| o.exclusive)
    {
        let name = option.value.as_deref().unwrap_or("?");
        check.invalid(
            place,
            format!(
                "option \"{name}\" is exclusive, but only a multi question's options can be (one choice is always alone)"
            ),
        );
    }
    if q.max_length.is_some() && !takes(KindName::takes_max_length) {
        check.invalid(place, "max_length applies only to text questions");
    }
    if q.personal && !takes(KindName::takes_personal) {
        check.invalid(
            place,
            format!(
                "personal applies only to text questions (free text may name a person; a {} answer cannot)",
                q.kind
            ),
        );
    }
    if !takes(KindName::takes_cells)
        && (!q.rows.is_empty()
            || !q.columns.is_empty()
            || !q.choices.is_empty()
            || q.reference.is_some())
    {
        check.invalid(
            place,
            format!(
                "rows, columns, choices and reference apply only to matrix questions, not {}",
                q.kind
            ),
        );
    }
    let Some(name) = name else {
        let reason = format!(
            "unknown kind \"{}\" (expected {})",
            q.kind,
            KindName::expected()
        );
        check.invalid(place, reason);
        return None;
    };
    match name {
        KindName::Level => Some(Kind::Level {
            options: level_options(&q.options, place, check),
        }),
        KindName::Single => Some(Kind::Single {
            options: choice_options(&q.options, place, check),
        }),
        KindName::Multi => {
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
        KindName::Scale => scale(q, place, check),
        KindName::Number => {
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
        KindName::Text => {
            let max_length = q.max_length.unwrap_or(DEFAULT_TEXT_LENGTH);
            if max_length == 0 {
                check.invalid(place, "max_length must be at least 1");
            }
            Some(Kind::Text {
                max_length,
                personal: q.personal,
            })
        }
        KindName::Country => Some(Kind::Country),
        KindName::Matrix => Some(Kind::Matrix(super::matrix_kind::matrix(q, place, check))),
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
            exclusive: false,
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
            exclusive: option.exclusive,
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
        if !kind.can_be_scored() {
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
