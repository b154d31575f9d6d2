//! Validation of a `matrix` question's rows, columns and choices.

use std::collections::HashSet;

use super::check::{Check, Coverage, is_plain_id};
use super::error::Place;
use super::model::{Choice, Matrix, Part};
use super::raw::{RawPart, RawQuestion};

/// A matrix's rows, columns and choices: each declared once, with a plain id (it is part
/// of a form field's name) and a label in every language; choices score nothing.
pub(super) fn matrix(q: &RawQuestion, place: &Place, check: &mut Check<'_>) -> Matrix {
    let rows = parts(&q.rows, "row", place, check);
    let columns = parts(&q.columns, "column", place, check);
    if q.choices.len() < 2 {
        check.invalid(place, "a matrix needs at least two choices");
    }
    let mut values = HashSet::new();
    let mut choices = Vec::new();
    for (position, choice) in q.choices.iter().enumerate() {
        let Some(value) = choice.value.clone() else {
            check.invalid(place, format!("choice {} has no value", position + 1));
            continue;
        };
        if !values.insert(value.clone()) {
            check.invalid(place, format!("choice \"{value}\" appears twice"));
        }
        if choice.level.is_some() || choice.exclusive {
            check.invalid(
                place,
                format!(
                    "choice \"{value}\": a matrix is never scored and takes no level or exclusive"
                ),
            );
        }
        let label = check.text(
            place,
            &choice.label,
            &format!("the label of choice \"{value}\""),
            Coverage::EveryLanguage,
        );
        choices.push(Choice {
            value,
            level: None,
            label,
            exclusive: false,
        });
    }
    Matrix {
        rows,
        columns,
        choices,
        reference: q.reference.clone(),
    }
}

fn parts(raw: &[RawPart], what: &str, place: &Place, check: &mut Check<'_>) -> Vec<Part> {
    if raw.is_empty() {
        check.invalid(place, format!("a matrix needs at least one {what}"));
    }
    let mut seen = HashSet::new();
    raw.iter()
        .map(|part| {
            if !is_plain_id(&part.id) {
                check.invalid(
                    place,
                    format!(
                        "{what} id \"{}\" uses something other than letters, digits, '-' and '_'",
                        part.id
                    ),
                );
            } else if !seen.insert(part.id.as_str()) {
                check.invalid(place, format!("{what} \"{}\" is declared twice", part.id));
            }
            let label = check.text(
                place,
                &part.label,
                &format!("the label of {what} \"{}\"", part.id),
                Coverage::EveryLanguage,
            );
            Part {
                id: part.id.clone(),
                label,
            }
        })
        .collect()
}
