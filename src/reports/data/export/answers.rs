//! answers.csv, the big file: one line per answer, millions of them, repeating a few
//! texts. Lines are put together from pieces instead of field by field: who answered is
//! escaped once per response, and a question id or value is copied as it is unless it
//! needs quotes, in which case the `csv` crate escapes it.

use std::io::Write;

use polars::prelude::*;

use super::super::ReportData;

/// The columns of answers.csv, in order.
pub(super) const HEADER: [&str; 7] = [
    "response_id",
    "organisation",
    "country",
    "audience",
    "question_id",
    "value",
    "level",
];

/// Writes the header and one line per row of `answers_long`, with who gave the answer
/// joined on the fly: both frames are ordered by response id, so one cursor walks the
/// respondents.
pub(super) fn write_answers(data: &ReportData, out: &mut impl Write) -> Result<(), String> {
    let text = |e: PolarsError| e.to_string();
    let io = |e: std::io::Error| e.to_string();
    out.write_all(&record(&HEADER)?).map_err(io)?;
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
    let level = column("level")?.f64().map_err(text)?;
    let mut at = 0;
    let mut prefix: (Option<i64>, Vec<u8>) = (None, Vec::new());
    let mut line = Vec::with_capacity(256);
    for (((r, q), v), l) in response
        .iter()
        .zip(question.iter())
        .zip(value.iter())
        .zip(level.iter())
    {
        let r = r.unwrap_or_default();
        if prefix.0 != Some(r) {
            while at < ids.len() && ids.get(at).is_some_and(|id| id < r) {
                at += 1;
            }
            let who = [
                &r.to_string(),
                organisation.get(at).unwrap_or_default(),
                country.get(at).unwrap_or_default(),
                audience.get(at).unwrap_or_default(),
            ];
            prefix = (Some(r), leading_fields(&who)?);
        }
        line.clear();
        line.extend_from_slice(&prefix.1);
        push_field(&mut line, q.unwrap_or_default())?;
        line.push(b',');
        push_field(&mut line, v.unwrap_or_default())?;
        line.push(b',');
        if let Some(l) = l {
            push_number(&mut line, l);
        }
        line.push(b'\n');
        out.write_all(&line).map_err(io)?;
    }
    Ok(())
}

/// Writes a number as `{}` formats it; the levels 0 to 9 without formatting machinery.
fn push_number(line: &mut Vec<u8>, n: f64) {
    if n.fract() == 0.0 && (0.0..10.0).contains(&n) && n.is_sign_positive() {
        // An integral level from 0 to 9 is one digit, as `{}` writes it.
        line.push(b'0' + n as u8);
    } else {
        // Writing into a Vec cannot fail.
        let _ = write!(line, "{n}");
    }
}

/// A whole record with its line end, escaped by the `csv` crate's default writer.
fn record(fields: &[&str]) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    // A small buffer: the record is written once and the writer dropped.
    let mut writer = csv::WriterBuilder::new()
        .buffer_capacity(256)
        .from_writer(&mut bytes);
    writer
        .write_record(fields)
        .and_then(|()| writer.flush().map_err(csv::Error::from))
        .map_err(|e| e.to_string())?;
    drop(writer);
    Ok(bytes)
}

/// Leading fields of a record, each followed by a comma.
fn leading_fields(fields: &[&str]) -> Result<Vec<u8>, String> {
    let mut bytes = record(fields)?;
    // The record ends in "\n"; the next field follows instead.
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
    }
    bytes.push(b',');
    Ok(bytes)
}

/// Appends one field: as it is when RFC 4180 needs no quotes for it (no comma, quote or
/// line break), otherwise escaped by the `csv` crate.
fn push_field(line: &mut Vec<u8>, field: &str) -> Result<(), String> {
    if !field
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
    {
        line.extend_from_slice(field.as_bytes());
        return Ok(());
    }
    // A record of the field and an empty one, so the crate quotes as inside a line.
    let mut bytes = record(&[field, ""])?;
    bytes.truncate(bytes.len().saturating_sub(",\n".len()));
    line.extend_from_slice(&bytes);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How the `csv` crate writes `field` as the first of two fields.
    fn by_the_crate(field: &str) -> Vec<u8> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record([field, "x"]).expect("written");
        let mut bytes = writer.into_inner().expect("flushed");
        bytes.truncate(bytes.len() - ",x\n".len());
        bytes
    }

    #[test]
    fn fields_come_out_as_the_csv_crate_writes_them() {
        for field in [
            "",
            "O-1",
            "{\"choice\":\"3\"}",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "cr\r",
            "#hash",
            " spaced ",
            "ünïcödé",
        ] {
            let mut line = Vec::new();
            push_field(&mut line, field).expect("escaped");
            assert_eq!(line, by_the_crate(field), "{field:?}");
        }
    }

    #[test]
    fn numbers_come_out_as_display_writes_them() {
        for n in [0.0, 3.0, 4.0, 9.0, 10.0, 2.5, 1.0 / 3.0, -1.0, -0.0, 1e21] {
            let mut line = Vec::new();
            push_number(&mut line, n);
            assert_eq!(String::from_utf8(line).expect("utf-8"), format!("{n}"));
        }
    }
}
