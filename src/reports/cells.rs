//! Every cell of every CSV file Liaison writes: RFC 4180 quoting, the OWASP CSV-injection
//! rule for text, numbers rounded to what their data supports, and the comment line that
//! opens each file. No CSV is written any other way, so the rule holds in one place.
//!
//! Whether a cell is a number or text is decided by its type, never by what it looks like:
//! a score the program computed is a [`Cell::Decimal`] and stays numeric even when it is
//! negative, while an organisation name or a free-text answer is [`Cell::Text`] and is
//! neutralised when a spreadsheet would run it, even when it reads "-1+2".

#[cfg(test)]
mod tests;

use std::io::Write as _;

/// The first characters that make a spreadsheet treat a cell as a formula (OWASP,
/// "CSV Injection"): `=`, `+`, `-`, `@`, and their full-width and small forms, which some
/// spreadsheets read as the same. Judged after leading white space, which spreadsheets
/// may skip; a tab, carriage return or line feed at the very start counts by itself.
const FORMULA_STARTS: [char; 12] = [
    '=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫',
];

/// One cell of a CSV record, by what it is rather than what it looks like.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    /// Nothing: a missing or suppressed value.
    Empty,
    /// Text from anyone (a respondent, an analyst, a questionnaire file, the program).
    /// Quoted when RFC 4180 needs it; when it begins like a formula it is prefixed with a
    /// single quote and quoted, so spreadsheets show it instead of running it.
    Text(&'a str),
    /// A whole number the program counted or stored.
    Integer(i64),
    /// A number the program computed, written with at most this many decimals and trailing
    /// zeros dropped (`2.5`, `3`); never `-0`. Not finite: empty.
    Decimal(f64, u8),
    /// A number written as given, in the fewest digits that read back as the same value
    /// (a number a respondent entered); never `-0`. Not finite: empty.
    Number(f64),
    /// `true` or `false`.
    Bool(bool),
}

impl Cell<'_> {
    /// Appends the cell, escaped, to `out`; no separator, no line end.
    pub fn write(&self, out: &mut Vec<u8>) {
        // Writing into a Vec cannot fail.
        let _ = match *self {
            Cell::Empty => Ok(()),
            Cell::Text(text) => {
                write_text(out, text);
                Ok(())
            }
            Cell::Integer(n) => write!(out, "{n}"),
            Cell::Decimal(x, places) => {
                write_decimal(out, x, places);
                Ok(())
            }
            Cell::Number(x) => {
                write_number(out, x);
                Ok(())
            }
            Cell::Bool(b) => write!(out, "{b}"),
        };
    }
}

/// Whether a spreadsheet opening the cell would read `text` as a formula.
pub fn is_formula_like(text: &str) -> bool {
    if text.starts_with(['\t', '\r', '\n']) {
        return true;
    }
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| FORMULA_STARTS.contains(&c))
}

/// `text` as a spreadsheet cell of text outside CSV (the workbook): prefixed with a single
/// quote when it begins like a formula, as [`Cell::Text`] writes it in CSV.
pub fn neutralised(text: &str) -> std::borrow::Cow<'_, str> {
    if is_formula_like(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Whether RFC 4180 needs `text` in quotes: it holds the separator, a quote or a line break.
fn needs_quotes(text: &str) -> bool {
    text.bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\r' | b'\n'))
}

fn write_text(out: &mut Vec<u8>, text: &str) {
    let neutralise = is_formula_like(text);
    if !neutralise && !needs_quotes(text) {
        out.extend_from_slice(text.as_bytes());
        return;
    }
    out.push(b'"');
    if neutralise {
        out.push(b'\'');
    }
    for piece in text.split_inclusive('"') {
        out.extend_from_slice(piece.as_bytes());
        if piece.ends_with('"') {
            out.push(b'"');
        }
    }
    out.push(b'"');
}

/// `x` with at most `places` decimals, trailing zeros and a bare point dropped.
fn write_decimal(out: &mut Vec<u8>, x: f64, places: u8) {
    if !x.is_finite() {
        return;
    }
    // Integral values (levels, most medians) skip the rounding machinery.
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        let _ = write!(out, "{}", x as i64);
        return;
    }
    let start = out.len();
    let _ = write!(out, "{x:.*}", usize::from(places));
    if out[start..].contains(&b'.') {
        while out.last() == Some(&b'0') {
            out.pop();
        }
        if out.last() == Some(&b'.') {
            out.pop();
        }
    }
    drop_negative_zero(out, start);
}

/// `x` in the shortest form that parses back to it.
fn write_number(out: &mut Vec<u8>, x: f64) {
    if !x.is_finite() {
        return;
    }
    let start = out.len();
    let _ = write!(out, "{x}");
    drop_negative_zero(out, start);
}

/// A value that is (or rounds to) zero is written `0`, whatever its sign.
fn drop_negative_zero(out: &mut Vec<u8>, start: usize) {
    if &out[start..] == b"-0" {
        out.truncate(start);
        out.push(b'0');
    }
}

/// A CSV file's start: the TLP line, then the header record of `columns`.
pub fn csv_start<'a>(tlp_line: &str, columns: impl IntoIterator<Item = &'a str>) -> Vec<u8> {
    let mut out = Vec::with_capacity(tlp_line.len() + 256);
    out.extend_from_slice(tlp_line.as_bytes());
    out.push(b'\n');
    write_record(&mut out, columns.into_iter().map(Cell::Text));
    out
}

/// Appends a whole record of `cells` and its line end to `out`.
pub fn write_record<'a>(out: &mut Vec<u8>, cells: impl IntoIterator<Item = Cell<'a>>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        cell.write(out);
    }
    out.push(b'\n');
}

/// The comment line that opens a CSV file: `# ` and `text`, without a line end.
///
/// It stays one cell beginning with `#` for a spreadsheet and one comment line for a reader
/// that skips `#` lines: control characters become spaces, and the comma and double quote
/// (which would split it into cells, one of which might then begin like a formula) become
/// their full-width forms `，` and `＂`.
pub fn comment_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len() + 2);
    line.push_str("# ");
    line.extend(text.chars().map(|c| match c {
        ',' => '，',
        '"' => '＂',
        c if c.is_control() => ' ',
        c => c,
    }));
    line
}
