//! [`FormErrors`]: what is wrong with a form that was sent, one problem per field. Every form
//! shows them the same way: `form_errors.html` lists them at the top, each linking to its
//! field, and the page puts each message beside its field ([`FormErrors::message_for`]).

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    /// The id of the element the summary links to (the field, or a group's first option).
    pub anchor: String,
    /// What the summary names before the message (a question's text), if anything.
    pub label: Option<String>,
    pub message: String,
}

/// The problems of one form, in the order the page shows its fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormErrors {
    problems: Vec<FieldProblem>,
}

impl FormErrors {
    pub fn new() -> FormErrors {
        FormErrors::default()
    }

    /// Adds a problem with the field whose element is `anchor`.
    pub fn add(
        &mut self,
        anchor: impl Into<String>,
        label: Option<String>,
        message: impl Into<String>,
    ) {
        self.problems.push(FieldProblem {
            anchor: anchor.into(),
            label,
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn problems(&self) -> &[FieldProblem] {
        &self.problems
    }

    /// The message to show beside the field `anchor`, if it has one.
    pub fn message_for(&self, anchor: &str) -> Option<&str> {
        self.problems
            .iter()
            .find(|p| p.anchor == anchor)
            .map(|p| p.message.as_str())
    }
}

impl FormErrors {
    /// The problems a domain operation refused a request with, each beside the field of the
    /// same name (the page names its fields as the API does); a problem with the request as
    /// a whole links to `form`, the id of the form.
    pub fn from_domain(problems: &[crate::problems::FieldProblem], form: &str) -> FormErrors {
        problems
            .iter()
            .map(|p| FieldProblem {
                anchor: p.field.clone().unwrap_or_else(|| form.to_owned()),
                label: None,
                message: p.reason.clone(),
            })
            .collect()
    }
}

impl FromIterator<FieldProblem> for FormErrors {
    fn from_iter<I: IntoIterator<Item = FieldProblem>>(iter: I) -> Self {
        FormErrors {
            problems: iter.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_field_finds_its_own_message_and_no_other() {
        let mut errors = FormErrors::new();
        assert!(errors.is_empty());
        errors.add("email", None, "Enter your e-mail address.");
        errors.add("password", None, "Enter your password.");
        assert_eq!(errors.message_for("password"), Some("Enter your password."));
        assert_eq!(errors.message_for("name"), None);
        assert_eq!(errors.problems().len(), 2);
    }

    #[test]
    fn a_domain_refusal_lands_beside_its_field_or_on_the_form() {
        use crate::problems::FieldProblem as Domain;
        let refused = [
            Domain::in_field("name", "a campaign needs a name"),
            Domain::general("campaign 4 not found"),
        ];
        let errors = FormErrors::from_domain(&refused, "campaign-form");
        assert_eq!(errors.message_for("name"), Some("a campaign needs a name"));
        assert_eq!(
            errors.message_for("campaign-form"),
            Some("campaign 4 not found")
        );
    }
}
