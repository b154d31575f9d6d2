//! `ParticipantRecord`, a participant that passed every check, and `check`,
//! which turns raw rows into records or lists everything wrong with them.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::RawParticipant;
use super::fields;
use super::problems::{ImportError, RowProblem};
use super::raw::{COUNTRY, EMAIL, LANGUAGE, NAME, ORGANISATION, TYPE};
use crate::participants::OrganisationKind;

/// A participant that passed every check; only `check` makes one, so `import`
/// never sees an unchecked value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantRecord {
    row: usize,
    email: String,
    name: String,
    organisation: String,
    kind: OrganisationKind,
    country: &'static str,
    language: Option<&'static str>,
}

impl ParticipantRecord {
    /// The row it came from (CSV line or 1-based JSON position), for messages.
    pub fn row(&self) -> usize {
        self.row
    }

    /// A plausible address with its domain lower-cased.
    pub fn email(&self) -> &str {
        &self.email
    }

    /// The person or role, trimmed.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The organisation's name, trimmed.
    pub fn organisation(&self) -> &str {
        &self.organisation
    }

    /// The organisation's kind, which is also the audience.
    pub fn kind(&self) -> OrganisationKind {
        self.kind
    }

    /// ISO 3166-1 alpha-2, upper case.
    pub fn country(&self) -> &str {
        self.country
    }

    /// ISO 639-1, lower case, when given.
    pub fn language(&self) -> Option<&str> {
        self.language
    }
}

/// Checks every row against the rules and the campaign's `audiences` (the
/// kinds it has a questionnaire for), and returns the records only if all rows
/// pass. Otherwise the error lists every problem of every row, in row order.
///
/// Rows are numbered by `RawParticipant::line` when set (CSV), else by their
/// 1-based position (JSON). Values are trimmed; a repeated e-mail address
/// (ignoring case) is a problem of the later row, naming the earlier one.
pub fn check(
    rows: Vec<RawParticipant>,
    audiences: &[OrganisationKind],
) -> Result<Vec<ParticipantRecord>, ImportError> {
    let (records, problems) = check_rows(rows, audiences);
    ImportError::unless_empty(problems)?;
    Ok(records)
}

/// `check`, returning the good records and the problems separately so that a
/// caller can add problems found earlier (see `check_csv`).
pub(super) fn check_rows(
    rows: Vec<RawParticipant>,
    audiences: &[OrganisationKind],
) -> (Vec<ParticipantRecord>, Vec<RowProblem>) {
    let mut records = Vec::with_capacity(rows.len());
    let mut problems = Vec::new();
    let mut first_row_of: HashMap<String, usize> = HashMap::new();
    for (index, raw) in rows.into_iter().enumerate() {
        let row = raw.line.unwrap_or(index + 1);
        let mut found = Findings {
            row,
            problems: &mut problems,
        };
        let email = found
            .required(EMAIL, &raw.email, fields::email)
            .and_then(|email| found.checked(EMAIL, first_use(&mut first_row_of, email, row)));
        let name = found.required(NAME, &raw.name, fields::text);
        let organisation = found.required(ORGANISATION, &raw.organisation, fields::text);
        let kind = found
            .required(TYPE, &raw.kind, fields::kind)
            .and_then(|kind| found.checked(TYPE, fields::audience(kind, audiences)));
        let country = found.required(COUNTRY, &raw.country, fields::country);
        let language = found.optional(LANGUAGE, raw.language.as_deref(), fields::language);
        if let (
            Some(email),
            Some(name),
            Some(organisation),
            Some(kind),
            Some(country),
            Some(language),
        ) = (email, name, organisation, kind, country, language)
        {
            records.push(ParticipantRecord {
                row,
                email,
                name,
                organisation,
                kind,
                country,
                language,
            });
        }
    }
    (records, problems)
}

/// `email` unless an earlier row (its number in `first_row_of`) has it.
///
/// Keyed by the whole address in lower case: mail systems treat Desk@x.org and
/// desk@x.org as one mailbox in practice.
fn first_use(
    first_row_of: &mut HashMap<String, usize>,
    email: String,
    row: usize,
) -> Result<String, String> {
    match first_row_of.entry(email.to_lowercase()) {
        Entry::Occupied(earlier) => Err(format!(
            "duplicate e-mail address {email:?}: already on row {}",
            earlier.get()
        )),
        Entry::Vacant(slot) => {
            slot.insert(row);
            Ok(email)
        }
    }
}

/// Collects the problems of one row.
struct Findings<'a> {
    row: usize,
    problems: &'a mut Vec<RowProblem>,
}

impl Findings<'_> {
    fn problem(&mut self, column: &str, reason: String) {
        self.problems
            .push(RowProblem::in_column(self.row, column, reason));
    }

    /// The parsed value of a column that must not be empty.
    fn required<T>(
        &mut self,
        column: &str,
        value: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let value = value.trim();
        if value.is_empty() {
            self.problem(column, "required but empty".to_owned());
            return None;
        }
        self.checked(column, parse(value))
    }

    /// The value, or `None` after noting why it was refused.
    fn checked<T>(&mut self, column: &str, result: Result<T, String>) -> Option<T> {
        result.map_err(|reason| self.problem(column, reason)).ok()
    }

    /// The parsed value of a column that may be absent or empty.
    fn optional<T>(
        &mut self,
        column: &str,
        value: Option<&str>,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        self.checked(column, parse(value.unwrap_or_default().trim()))
    }
}
