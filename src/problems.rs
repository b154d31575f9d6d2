//! [`FieldProblem`]: what is wrong with one field of a request, in the shape
//! [`RowProblem`](crate::participants::RowProblem) gives a list's rows (where, and why),
//! without a row. Domain operations refuse with these, so that a page shows them beside
//! its fields and the API lists them, from the same values.

use std::fmt;

use serde::Serialize;

/// One thing wrong with one field (or with the request as a whole).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    /// The field, as the API names it (`name`, `closes_on`, …), or none when the problem
    /// is the request as a whole.
    pub field: Option<String>,
    /// What is wrong, quoting the value found and saying what was expected.
    pub reason: String,
}

impl FieldProblem {
    /// A problem with the field `field`.
    pub fn in_field(field: &str, reason: impl Into<String>) -> FieldProblem {
        FieldProblem {
            field: Some(field.to_owned()),
            reason: reason.into(),
        }
    }

    /// A problem with the request as a whole.
    pub fn general(reason: impl Into<String>) -> FieldProblem {
        FieldProblem {
            field: None,
            reason: reason.into(),
        }
    }
}

/// `field: reason`, or the reason alone: the words the API's `error` has always carried.
impl fmt::Display for FieldProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{field}: {}", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

/// Problems one per line, for an error's text.
pub struct Listed<'a>(pub &'a [FieldProblem]);

impl fmt::Display for Listed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_reads_as_field_then_reason() {
        let name = FieldProblem::in_field("name", "a campaign needs a name");
        assert_eq!(name.to_string(), "name: a campaign needs a name");
        let general = FieldProblem::general("campaign 4 not found");
        assert_eq!(general.to_string(), "campaign 4 not found");
        assert_eq!(
            Listed(&[name, general]).to_string(),
            "name: a campaign needs a name; campaign 4 not found"
        );
    }
}
