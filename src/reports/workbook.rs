//! The report tables as one spreadsheet workbook: one sheet per CSV file of a build, made
//! from the files themselves so the workbook says exactly what they say. Each sheet opens
//! with the file's TLP and provenance line, then the column names, then the rows.
//!
//! Cells keep the CSV's types: the columns that hold text ([`TEXT_COLUMNS`]: names, codes,
//! versions, tiers) are always written as strings; `suppressed` is a boolean; the other
//! columns hold what the program computed, and an answer's `value`, which is a number
//! where the respondent entered one. There a cell that reads as a number is one: text that
//! begins like a formula ("-1+2") was prefixed with a quote by the CSV writer, so it never
//! reads as a number. Every string goes through [`cells::neutralised`], the rule the CSV
//! writer applies (a string cell of the workbook is never a formula anyway).

use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::cells;
use super::error::ReportError;

/// The columns of the report CSVs that hold text, whatever their cells look like: a
/// country code or a questionnaire version "1" stays text.
pub const TEXT_COLUMNS: [&str; 12] = [
    "organisation",
    "country",
    "audience",
    "question_id",
    "questionnaire",
    "version",
    "tier",
    "tier_table",
    "measure",
    "campaign",
    "closes_on",
    "section",
];

/// The columns of `true` and `false`.
const BOOLEAN_COLUMNS: [&str; 1] = ["suppressed"];

/// Rows a sheet holds (the spreadsheet format's limit); a longer table goes on in a second
/// sheet, "answers (2)", with the same two heading rows.
const SHEET_ROWS: u32 = 1_048_576;

/// The longest text a cell holds; a longer free-text answer is cut there (the CSV keeps it).
const CELL_CHARS: usize = 32_767;

/// Writes one sheet per CSV file of `tables` (names in the build folder `dir`, in order)
/// into a workbook and saves it to `out`. Blocking.
pub fn write_workbook(
    dir: &Path,
    tables: &[&str],
    out: impl Write + Send,
) -> Result<(), ReportError> {
    write_sheets(dir, tables, out, SHEET_ROWS)
}

/// [`write_workbook`] with at most `sheet_rows` rows a sheet, headings included.
fn write_sheets(
    dir: &Path,
    tables: &[&str],
    out: impl Write + Send,
    sheet_rows: u32,
) -> Result<(), ReportError> {
    let fail = |e: XlsxError| ReportError::Bundle(format!("workbook: {e}"));
    let mut workbook = Workbook::new();
    let bold = Format::new().set_bold();
    for table in tables {
        let path = dir.join(table);
        let unreadable = |e: &dyn std::fmt::Display| {
            ReportError::Corrupt(format!("cannot read {}: {e}", path.display()))
        };
        let file = std::fs::File::open(&path).map_err(|e| unreadable(&e))?;
        let mut reader = BufReader::new(file);
        let mut first = String::new();
        reader.read_line(&mut first).map_err(|e| unreadable(&e))?;
        let heading = first.trim_end().trim_start_matches("# ").to_owned();
        let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let columns: Vec<String> = csv
            .headers()
            .map_err(|e| unreadable(&e))?
            .iter()
            .map(str::to_owned)
            .collect();
        let kinds: Vec<Kind> = columns.iter().map(|c| Kind::of(c)).collect();
        let stem = table.rsplit_once('.').map_or(*table, |(stem, _)| stem);
        let mut part = 1;
        let mut sheet =
            new_sheet(&mut workbook, stem, part, &heading, &columns, &bold).map_err(fail)?;
        let mut row = 2;
        for record in csv.records() {
            let record = record.map_err(|e| unreadable(&e))?;
            if row == sheet_rows {
                part += 1;
                sheet = new_sheet(&mut workbook, stem, part, &heading, &columns, &bold)
                    .map_err(fail)?;
                row = 2;
            }
            for (col, value) in record.iter().enumerate() {
                let kind = kinds.get(col).copied().unwrap_or(Kind::Text);
                write_cell(sheet, row, col, value, kind).map_err(fail)?;
            }
            row += 1;
        }
    }
    workbook.save_to_writer(out).map_err(fail)
}

/// A new sheet named after the table (and its part, from the second on), with the TLP and
/// provenance line in its first row and the column names in its second.
fn new_sheet<'w>(
    workbook: &'w mut Workbook,
    stem: &str,
    part: u32,
    heading: &str,
    columns: &[String],
    bold: &Format,
) -> Result<&'w mut Worksheet, XlsxError> {
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    let name = if part == 1 {
        stem.to_owned()
    } else {
        format!("{stem} ({part})")
    };
    sheet.set_name(name)?;
    sheet.write_string_with_format(0, 0, cells::neutralised(heading), bold)?;
    for (col, name) in columns.iter().enumerate() {
        sheet.write_string_with_format(1, column(col)?, cells::neutralised(name), bold)?;
    }
    Ok(sheet)
}

/// What a column of a report CSV holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Boolean,
    /// Numbers, or (an answer's value) text where it does not read as one.
    Number,
}

impl Kind {
    fn of(column: &str) -> Kind {
        if TEXT_COLUMNS.contains(&column) {
            Kind::Text
        } else if BOOLEAN_COLUMNS.contains(&column) {
            Kind::Boolean
        } else {
            Kind::Number
        }
    }
}

/// One cell of a data row, as its column holds it; empty stays empty, and what does not
/// read as its column's type is written as text.
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: usize,
    value: &str,
    kind: Kind,
) -> Result<(), XlsxError> {
    let col = column(col)?;
    if value.is_empty() {
        return Ok(());
    }
    match kind {
        Kind::Boolean if value == "true" || value == "false" => {
            sheet.write_boolean(row, col, value == "true")?;
            return Ok(());
        }
        Kind::Number => {
            if let Ok(n) = value.parse::<f64>()
                && n.is_finite()
            {
                sheet.write_number(row, col, n)?;
                return Ok(());
            }
        }
        _ => {}
    }
    let text: String = cells::neutralised(value).chars().take(CELL_CHARS).collect();
    sheet.write_string(row, col, text)?;
    Ok(())
}

fn column(col: usize) -> Result<u16, XlsxError> {
    u16::try_from(col).map_err(|_| XlsxError::RowColumnLimitError)
}

#[cfg(test)]
mod tests;
