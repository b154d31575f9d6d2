//! Validation of `show_if`: the condition on an earlier answer that shows a question.

use super::check::Check;
use super::error::{Place, Problem};
use super::kind_name::KindName;
use super::model::{Condition, ShowIf};
use super::question::Context;
use super::raw::RawShowIf;

pub(super) fn show_if(
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
    let kind = KindName::parse(&target.kind);
    let condition = match (&raw.equals, &raw.any_of, raw.at_least) {
        (Some(value), None, None) => Condition::Equals(plain_value(value)),
        (None, Some(values), None) => Condition::AnyOf(values.iter().map(plain_value).collect()),
        (None, None, Some(at_least)) => {
            if !kind.is_some_and(KindName::answers_with_a_number) {
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
    let is_choice = kind.is_some_and(KindName::takes_options);
    for value in values {
        let known = if kind == Some(KindName::Level) {
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
