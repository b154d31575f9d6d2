//! Checking a wording before it is saved or previewed: a known kind, a language the
//! campaign offers, a subject that is a [`Label`], an opening that is a [`Paragraph`], and
//! no placeholder the mails would not fill in. Every problem is found, each by field.

use super::{MailTextInput, MailTextKind, Paragraph, ParagraphError, shipped};
use crate::mail;
use crate::problems::FieldProblem;
use crate::text::{Label, LabelError};

/// A wording that passed every check, ready to store or render.
pub(crate) struct Checked {
    pub(super) kind: MailTextKind,
    pub(super) language: &'static str,
    pub(super) subject: Label,
    pub(super) opening: Paragraph,
}

impl Checked {
    /// Whether this is the shipped wording, unchanged.
    pub(super) fn is_shipped(&self) -> bool {
        let shipped = shipped(self.kind, self.language);
        self.subject.as_str() == shipped.subject && self.opening.as_str() == shipped.opening
    }
}

/// The name a problem with `part` of this wording is given: the page's field id, too.
pub fn field_name(kind: &str, language: &str, part: &str) -> String {
    format!("{kind}.{language}.{part}")
}

/// The wording, checked; or every problem found with it.
pub(crate) fn check(
    input: &MailTextInput,
    offered: &[&'static str],
) -> Result<Checked, Vec<FieldProblem>> {
    let kind: MailTextKind = input.kind.parse().map_err(|_| {
        vec![FieldProblem::general(format!(
            "unknown kind \"{}\" (expected invitation or reminder)",
            input.kind
        ))]
    })?;
    let language = offered
        .iter()
        .find(|l| **l == input.language)
        .copied()
        .ok_or_else(|| {
            vec![FieldProblem::general(format!(
                "language \"{}\" is not one of this campaign's mail languages ({})",
                input.language,
                offered.join(", ")
            ))]
        })?;
    let field = |part: &str| field_name(kind.as_str(), language, part);
    let mut problems = Vec::new();
    let subject = Label::parse(&input.subject).map_err(|e| match e {
        LabelError::Empty => "enter a subject".to_owned(),
        other => other.to_string(),
    });
    let opening = Paragraph::parse(&input.opening).map_err(|e| match e {
        ParagraphError::Empty => "enter an opening paragraph".to_owned(),
        other => other.to_string(),
    });
    for (part, text) in [("subject", &input.subject), ("opening", &input.opening)] {
        let unknown = mail::unknown_placeholders(text);
        if !unknown.is_empty() {
            let known: Vec<String> = mail::PLACEHOLDERS
                .iter()
                .map(|(name, _)| format!("{{{name}}}"))
                .collect();
            let unknown: Vec<String> = unknown.iter().map(|u| format!("{{{u}}}")).collect();
            problems.push(FieldProblem::in_field(
                &field(part),
                format!(
                    "unknown placeholder {} (known: {})",
                    unknown.join(", "),
                    known.join(", ")
                ),
            ));
        }
    }
    match (subject, opening) {
        (Ok(subject), Ok(opening)) if problems.is_empty() => Ok(Checked {
            kind,
            language,
            subject,
            opening,
        }),
        (subject, opening) => {
            // Each field's own problem comes before a placeholder problem of the same field.
            let mut all = Vec::new();
            if let Err(reason) = subject {
                all.push(FieldProblem::in_field(&field("subject"), reason));
            }
            if let Err(reason) = opening {
                all.push(FieldProblem::in_field(&field("opening"), reason));
            }
            all.extend(problems);
            Err(all)
        }
    }
}
