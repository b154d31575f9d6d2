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

/// Writes the header and one line per row of `answers_long`, with who gave the answer
/// joined on the fly: both frames are ordered by response id, so one cursor walks the
/// respondents.
pub(super) fn write_answers(data: &ReportData, out: &mut impl Write) -> Result<(), String> {
    let text = |e: PolarsError| e.to_string();
    let io = |e: std::io::Error| e.to_string();
    let mut line = Vec::with_capacity(256);
    write_record(&mut line, HEADER.map(Cell::Text));
    out.write_all(&line).map_err(io)?;
    let who = &data.responses;
    let ids = who
        .column("response_id")
        .and_then(|c| c.i64())
        .map_err(text)?;
    let [organisation, country, audience] =
        ["organisation", "country", "audience"].map(|c| who.column(c).and_then(|c| c.str()));
    let (organisation, country, audience) = (
        organisation.map_err(text)?,
        country.map_err(text)?,
        audience.map_err(text)?,
    );
    let a = &data.answers_long;
    let column = |name: &str| a.column(name).map_err(text);
    let response = column("response_id")?.i64().map_err(text)?;
    let question = column("question_id")?.str().map_err(text)?;
    let value = column("value")?.str().map_err(text)?;
    let numeric = column("value_is_number")?.bool().map_err(text)?;
    let level = column("level")?.f64().map_err(text)?;
    let files = column("evidence_files")?.u32().map_err(text)?;
    let names = column("evidence_file_names")?.str().map_err(text)?;
    let mut at = 0;
    let mut prefix: (Option<i64>, Vec<u8>) = (None, Vec::new());
    for ((((((r, q), v), n), l), f), names) in response
        .iter()
        .zip(question.iter())
        .zip(value.iter())
        .zip(numeric.iter())
        .zip(level.iter())
        .zip(files.iter())
        .zip(names.iter())
    {
        let r = r.unwrap_or_default();
        if prefix.0 != Some(r) {
            while at < ids.len() && ids.get(at).is_some_and(|id| id < r) {
                at += 1;
            }
            prefix.0 = Some(r);
            leading_cells(
                &mut prefix.1,
                [
                    Cell::Integer(r),
                    Cell::Text(organisation.get(at).unwrap_or_default()),
                    Cell::Text(country.get(at).unwrap_or_default()),
                    Cell::Text(audience.get(at).unwrap_or_default()),
                ],
            );
        }
        line.clear();
        line.extend_from_slice(&prefix.1);
        Cell::Text(q.unwrap_or_default()).write(&mut line);
        line.push(b',');
        value_cell(v.unwrap_or_default(), n == Some(true)).write(&mut line);
        line.push(b',');
        if let Some(l) = l {
            push_level(&mut line, l);
        }
        line.push(b',');
        Cell::Integer(i64::from(f.unwrap_or_default())).write(&mut line);
        line.push(b',');
        Cell::Text(names.unwrap_or_default()).write(&mut line);
        line.push(b'\n');
        out.write_all(&line).map_err(io)?;
    }
    Ok(())
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
