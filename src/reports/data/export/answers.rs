//! answers.csv, the big file: one line per answer, millions of them, repeating a few
//! texts. Lines are put together from pieces instead of field by field: who answered is
//! written once per response, and every cell goes through `crate::reports::cells` (a
//! question id or value is copied as it is unless it needs quotes or begins like a formula).

use std::io::Write;

use polars::prelude::*;

use super::super::ReportData;
use super::LEVEL_DECIMALS;
use crate::reports::cells::{Cell, write_record};

/// The columns of answers.csv, in order.
pub(super) const HEADER: [&str; 9] = [
    "response_id",
    "organisation",
    "country",
    "audience",
    "question_id",
    "value",
    "level",
    "evidence_files",
    "evidence_file_names",
];

/// Writes the header and one line per counted answer, with who gave the answer in front:
/// each response's leading cells are put together once, and each distinct question id
/// and value is escaped once, so a line is a few copies of ready bytes.
pub(super) fn write_answers(data: &ReportData, out: &mut impl Write) -> Result<(), String> {
    let text = |e: PolarsError| e.to_string();
    let io = |e: std::io::Error| e.to_string();
    let mut line = Vec::with_capacity(BATCH + 4096);
    write_record(&mut line, HEADER.map(Cell::Text));
    let who = &data.responses;
    let [organisation, country, audience] =
        ["organisation", "country", "audience"].map(|c| who.column(c).and_then(|c| c.str()));
    let (organisation, country, audience) = (
        organisation.map_err(text)?,
        country.map_err(text)?,
        audience.map_err(text)?,
    );
    let a = &data.answers;
    let questions: Vec<Vec<u8>> = a
        .question_texts
        .iter()
        .map(|q| cell_bytes(Cell::Text(q)))
        .collect();
    let values: Vec<Vec<u8>> = a
        .values_shown
        .iter()
        .map(|v| cell_bytes(value_cell(&v.text, v.is_number)))
        .collect();
    let mut prefix = Vec::new();
    for (i, &response) in a.response_ids.iter().enumerate() {
        let answers = a.of_response(i);
        if answers.is_empty() {
            continue;
        }
        leading_cells(
            &mut prefix,
            [
                Cell::Integer(response),
                Cell::Text(organisation.get(i).unwrap_or_default()),
                Cell::Text(country.get(i).unwrap_or_default()),
                Cell::Text(audience.get(i).unwrap_or_default()),
            ],
        );
        let with_files = a.evidence.contains_key(&response);
        for at in answers {
            line.extend_from_slice(&prefix);
            line.extend_from_slice(&questions[a.questions[at] as usize]);
            line.push(b',');
            line.extend_from_slice(&values[a.values[at] as usize]);
            line.push(b',');
            if let Some(l) = a.levels[at] {
                push_level(&mut line, l);
            }
            match a.files(i, at).filter(|_| with_files) {
                None => line.extend_from_slice(b",0,\n"),
                Some(names) => {
                    line.push(b',');
                    Cell::Integer(names.len() as i64).write(&mut line);
                    line.push(b',');
                    Cell::Text(&names.join(";")).write(&mut line);
                    line.push(b'\n');
                }
            }
        }
        // Lines are gathered and written in batches.
        if line.len() >= BATCH {
            out.write_all(&line).map_err(io)?;
            line.clear();
        }
    }
    out.write_all(&line).map_err(io)
}

/// Bytes gathered before each write.
const BATCH: usize = 1 << 20;

/// One cell, escaped, as bytes.
fn cell_bytes(cell: Cell<'_>) -> Vec<u8> {
    let mut bytes = Vec::new();
    cell.write(&mut bytes);
    bytes
}

/// Writes who answered into `prefix` in place of the last respondent: each cell followed
/// by a comma, once per response rather than once per answer.
fn leading_cells(prefix: &mut Vec<u8>, cells: [Cell<'_>; 4]) {
    prefix.clear();
    for cell in cells {
        cell.write(prefix);
        prefix.push(b',');
    }
}

/// An answer's value: a number the respondent entered stays a number (it was parsed and
/// written by the program); every other value (an option, free text) is text.
fn value_cell(value: &str, is_number: bool) -> Cell<'_> {
    // Parsed back only when it was a number, so text never passes for one.
    match is_number.then(|| value.parse::<f64>()) {
        Some(Ok(n)) => Cell::Number(n),
        _ => Cell::Text(value),
    }
}

/// Writes a level as [`Cell::Decimal`] does; the levels 0 to 9 without formatting machinery.
fn push_level(line: &mut Vec<u8>, n: f64) {
    if n.fract() == 0.0 && (0.0..10.0).contains(&n) {
        // An integral level from 0 to 9 (-0 included) is one digit.
        line.push(b'0' + n as u8);
    } else {
        Cell::Decimal(n, LEVEL_DECIMALS).write(line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(n: f64) -> String {
        let mut line = Vec::new();
        push_level(&mut line, n);
        String::from_utf8(line).expect("utf-8")
    }

    #[test]
    fn levels_come_out_as_decimal_cells_write_them() {
        for n in [0.0, 3.0, 4.0, 9.0, 10.0, 2.5, 1.0 / 3.0, -1.0, 1e21] {
            let mut cell = Vec::new();
            Cell::Decimal(n, LEVEL_DECIMALS).write(&mut cell);
            assert_eq!(level(n).into_bytes(), cell, "{n}");
        }
    }

    #[test]
    fn a_level_of_negative_zero_is_written_as_zero() {
        assert_eq!(level(-0.0), "0");
    }

    #[test]
    fn only_numbers_entered_as_numbers_stay_numeric() {
        assert_eq!(value_cell("-1.5", true), Cell::Number(-1.5));
        assert_eq!(value_cell("-1.5", false), Cell::Text("-1.5"));
        assert_eq!(value_cell("=1+2", true), Cell::Text("=1+2"));
    }
}
