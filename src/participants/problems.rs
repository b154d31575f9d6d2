//! What can be wrong with a participant list: `RowProblem` says where and
//! why, `ImportError` carries every problem at once (or the reason the import
//! could not run at all).

use std::fmt;

use serde::Serialize;

use crate::storage::StorageError;

/// One thing wrong with one row (or with the header, or the whole file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RowProblem {
    /// Where the problem is. In a CSV file, the line number in the file,
    /// counting the header as row 1 (a row whose quoted value spans several
    /// lines is numbered by the line it starts on), so a text editor finds it.
    /// In a JSON array, the 1-based position of the participant in the array.
    pub row: usize,
    /// The column (CSV header name, same as the JSON key), or none when the
    /// problem is the row or the file as a whole.
    pub column: Option<String>,
    /// What is wrong, quoting the value found and saying what was expected.
    pub reason: String,
}

impl RowProblem {
    /// A problem with one value.
    pub(super) fn in_column(row: usize, column: &str, reason: impl Into<String>) -> Self {
        Self {
            row,
            column: Some(column.to_owned()),
            reason: reason.into(),
        }
    }

    /// A problem with the row (or file) as a whole.
    pub(super) fn in_row(row: usize, reason: impl Into<String>) -> Self {
        Self {
            row,
            column: None,
            reason: reason.into(),
        }
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(column) => write!(f, "row {}, column {column}: {}", self.row, self.reason),
            None => write!(f, "row {}: {}", self.row, self.reason),
        }
    }
}

/// Why an import did not happen. Whatever the variant, nothing was written.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The list has problems: every one of them, in row order. Displayed as a
    /// summary line followed by one line per problem.
    #[error("{}", Listed(.0))]
    Invalid(Vec<RowProblem>),

    /// The campaign no longer takes participants.
    #[error("campaign {0} is closed; it takes no new participants")]
    CampaignClosed(i64),

    /// The database failed or the campaign does not exist (`NotFound`).
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl ImportError {
    /// The problems of an `Invalid` list; empty for the other variants.
    pub fn problems(&self) -> &[RowProblem] {
        match self {
            Self::Invalid(problems) => problems,
            _ => &[],
        }
    }

    /// `Invalid` unless there is nothing to complain about.
    pub(super) fn unless_empty(mut problems: Vec<RowProblem>) -> Result<(), ImportError> {
        if problems.is_empty() {
            return Ok(());
        }
        // Stable, so problems of one row keep their column order.
        problems.sort_by_key(|p| p.row);
        Err(Self::Invalid(problems))
    }
}

// Diesel's `transaction` needs it; such errors are storage errors.
impl From<diesel::result::Error> for ImportError {
    fn from(e: diesel::result::Error) -> Self {
        Self::Storage(StorageError::from(e))
    }
}

/// Formats problems as a summary line and one line per problem.
struct Listed<'a>(&'a [RowProblem]);

impl fmt::Display for Listed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        let plural = if n == 1 { "" } else { "s" };
        write!(
            f,
            "the participant list has {n} problem{plural}, so nothing was imported:"
        )?;
        for problem in self.0 {
            write!(f, "\n{problem}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_names_its_row_and_column() {
        let problem = RowProblem::in_column(4, "country", r#"unknown country "XX""#);
        assert_eq!(
            problem.to_string(),
            r#"row 4, column country: unknown country "XX""#
        );
        assert_eq!(
            RowProblem::in_row(1, "wrong header").to_string(),
            "row 1: wrong header"
        );
    }

    #[test]
    fn an_invalid_list_shows_every_problem_on_its_own_line_in_row_order() {
        let err = ImportError::unless_empty(vec![
            RowProblem::in_column(5, "email", "b"),
            RowProblem::in_column(3, "type", "a"),
        ])
        .err()
        .map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some(
                "the participant list has 2 problems, so nothing was imported:\n\
                 row 3, column type: a\n\
                 row 5, column email: b"
            )
        );
    }

    #[test]
    fn problems_serialise_with_a_null_column_for_whole_rows() {
        let json = serde_json::to_value(RowProblem::in_row(2, "empty")).ok();
        assert_eq!(
            json,
            Some(serde_json::json!({ "row": 2, "column": null, "reason": "empty" }))
        );
    }
}
