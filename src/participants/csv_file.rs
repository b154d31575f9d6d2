//! Reading a participant list from CSV bytes into `RawParticipant`s: the
//! header, the encoding and the shape of each row. What the values mean is
//! `check`'s business.

use std::collections::HashMap;

use csv::{ByteRecord, Position};

use super::RawParticipant;
use super::problems::{ImportError, RowProblem};
use super::raw::{COUNTRY, EMAIL, LANGUAGE, NAME, ORGANISATION, REQUIRED, TYPE};

/// What a header may hold, in the order the messages name them.
const KNOWN: [&str; 6] = [EMAIL, NAME, ORGANISATION, TYPE, COUNTRY, LANGUAGE];

const EXPECTED: &str = "expected the columns email, name, organisation, type, country and optionally language, in any order";

const NOT_UTF8: &str = "not UTF-8 (save the file as UTF-8; in a spreadsheet choose \"CSV UTF-8\")";

/// Reads CSV bytes into raw participants, one per row after the header.
///
/// The header must name the columns email, name, organisation, type, country
/// and optionally language, in any order and any letter case. Values are
/// trimmed; rows with only empty values are skipped (spreadsheets export them).
/// A file whose first line has more `;` than `,` is read as semicolon-separated,
/// the way spreadsheets in much of Europe save CSV. A UTF-8 byte-order mark is
/// ignored. Every problem found is reported, each with its row: the line number
/// in the file, counting the header as row 1.
pub fn read_csv(bytes: &[u8]) -> Result<Vec<RawParticipant>, ImportError> {
    let (rows, problems) = read_rows(bytes);
    ImportError::unless_empty(problems)?;
    Ok(rows)
}

/// `read_csv`, returning the readable rows and the problems separately so the
/// rows can still be checked and every problem reported at once.
pub(super) fn read_rows(bytes: &[u8]) -> (Vec<RawParticipant>, Vec<RowProblem>) {
    let only = |reason: String| (Vec::new(), vec![RowProblem::in_row(1, reason)]);
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return only(format!("{NOT_UTF8}: the file is UTF-16"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return only(format!("the file is empty; {EXPECTED}"));
    }
    let delimiter = delimiter(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        // Rows of the wrong length are reported by us, all of them, rather
        // than ending the read at the first.
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(e)) => return only(format!("cannot be read as CSV: {e}")),
        None => return only(format!("the file is empty; {EXPECTED}")),
    };
    let header_row = row_of(bytes, header.position(), 1);
    let columns = match Columns::from_header(&header) {
        Ok(columns) => columns,
        Err(reason) => return (Vec::new(), vec![RowProblem::in_row(header_row, reason)]),
    };

    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut last_row = header_row;
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let row = row_of(bytes, e.position(), last_row + 1);
                problems.push(RowProblem::in_row(
                    row,
                    format!("cannot be read as CSV: {e}"),
                ));
                break;
            }
        };
        let row = row_of(bytes, record.position(), last_row + 1);
        last_row = row;
        if record.iter().all(|value| value.trim_ascii().is_empty()) {
            continue;
        }
        match columns.participant(&record, row, delimiter) {
            Ok(participant) => rows.push(participant),
            Err(mut found) => problems.append(&mut found),
        }
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(RowProblem::in_row(
            header_row + 1,
            "no participants: the file has a header but no rows",
        ));
    }
    (rows, problems)
}

/// Where each known column sits in the header.
struct Columns {
    position: HashMap<&'static str, usize>,
    width: usize,
}

impl Columns {
    /// The columns of a header, or the reason it is the wrong header.
    fn from_header(header: &ByteRecord) -> Result<Columns, String> {
        let mut position = HashMap::new();
        let (mut unexpected, mut twice) = (Vec::new(), Vec::new());
        for (index, name) in header.iter().enumerate() {
            let Ok(name) = std::str::from_utf8(name) else {
                return Err(NOT_UTF8.to_owned());
            };
            let name = name.trim();
            match KNOWN.iter().find(|known| known.eq_ignore_ascii_case(name)) {
                Some(known) if position.insert(*known, index).is_some() => twice.push(name),
                Some(_) => {}
                None => unexpected.push(name),
            }
        }
        let missing: Vec<&str> = REQUIRED
            .into_iter()
            .filter(|column| !position.contains_key(column))
            .collect();
        let mut wrong = Vec::new();
        if !missing.is_empty() {
            wrong.push(format!("missing {}", quoted("column", &missing)));
        }
        if !unexpected.is_empty() {
            wrong.push(format!("unexpected {}", quoted("column", &unexpected)));
        }
        if !twice.is_empty() {
            wrong.push(format!("{} more than once", quoted("column", &twice)));
        }
        if wrong.is_empty() {
            Ok(Columns {
                position,
                width: header.len(),
            })
        } else {
            Err(format!("wrong header: {} ({EXPECTED})", wrong.join("; ")))
        }
    }

    /// The participant in `record`, or every problem of its shape and encoding.
    fn participant(
        &self,
        record: &ByteRecord,
        row: usize,
        delimiter: u8,
    ) -> Result<RawParticipant, Vec<RowProblem>> {
        if record.len() != self.width {
            return Err(vec![RowProblem::in_row(
                row,
                format!(
                    "has {} values but the header has {} (a value containing {:?} must be in double quotes)",
                    record.len(),
                    self.width,
                    char::from(delimiter)
                ),
            )]);
        }
        let mut problems = Vec::new();
        let mut value = |column: &'static str| -> Option<String> {
            let bytes = record.get(*self.position.get(column)?)?;
            match std::str::from_utf8(bytes) {
                Ok(text) => Some(text.trim().to_owned()),
                Err(_) => {
                    problems.push(RowProblem::in_column(row, column, NOT_UTF8));
                    None
                }
            }
        };
        let participant = RawParticipant {
            email: value(EMAIL).unwrap_or_default(),
            name: value(NAME).unwrap_or_default(),
            organisation: value(ORGANISATION).unwrap_or_default(),
            kind: value(TYPE).unwrap_or_default(),
            country: value(COUNTRY).unwrap_or_default(),
            language: value(LANGUAGE).filter(|language| !language.is_empty()),
            line: Some(row),
        };
        if problems.is_empty() {
            Ok(participant)
        } else {
            Err(problems)
        }
    }
}

/// `;` when the first line has more semicolons than commas, else `,`.
fn delimiter(bytes: &[u8]) -> u8 {
    let first_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let count = |wanted: u8| first_line.iter().filter(|b| **b == wanted).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

/// The line a record starts on, counted from its byte offset: the reader's own line count
/// misses the line feed of a CRLF ending (files saved on Windows), putting every row one
/// too low, and its offset may point at that line feed, so line breaks at the offset are
/// counted as before the record.
fn row_of(bytes: &[u8], position: Option<&Position>, fallback: usize) -> usize {
    let Some(start) = position.and_then(|p| usize::try_from(p.byte()).ok()) else {
        return fallback;
    };
    let start = start.min(bytes.len());
    let breaks = bytes[start..]
        .iter()
        .take_while(|b| matches!(b, b'\r' | b'\n'))
        .count();
    1 + bytes[..start + breaks]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

/// `column "a"` or `columns "a", "b"`.
fn quoted(noun: &str, names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
    let plural = if names.len() == 1 { "" } else { "s" };
    format!("{noun}{plural} {}", names.join(", "))
}
