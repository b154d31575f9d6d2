//! Writing the report frames as CSV with the `csv` crate, each file opening with
//! the campaign's TLP line. Suppressed cells are already null in the frames and
//! come out empty beside `suppressed = true`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::{CSV_FILES, ReportData, ReportError};

/// Writes `answers.csv`, `scores.csv` and `aggregates.csv` into `dir` (created if
/// needed) and returns their paths in that order.
///
/// answers.csv: response_id, organisation, country, audience, question_id, value, level.
/// scores.csv: the columns of `scores_wide`. aggregates.csv: `AGGREGATE_COLUMNS`.
pub fn write_csvs(data: &ReportData, dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
    std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
    let [answers, scores, aggregates] = CSV_FILES.map(|name| dir.join(name));
    write_file(data, &answers, |w| write_answers(data, w))?;
    write_file(data, &scores, |w| write_frame(&data.scores_wide, w))?;
    write_file(data, &aggregates, |w| write_frame(&data.aggregates, w))?;
    Ok(vec![answers, scores, aggregates])
}

type CsvOut = csv::Writer<BufWriter<File>>;

/// Creates `path`, writes the TLP line and lets `body` write the records.
fn write_file(
    data: &ReportData,
    path: &Path,
    body: impl FnOnce(&mut CsvOut) -> Result<(), String>,
) -> Result<(), ReportError> {
    let fail = |reason: String| ReportError::Write {
        path: path.to_path_buf(),
        reason,
    };
    let mut file = BufWriter::new(File::create(path).map_err(|e| fail(e.to_string()))?);
    writeln!(file, "{}", data.tlp_line()).map_err(|e| fail(e.to_string()))?;
    let mut out = csv::Writer::from_writer(file);
    body(&mut out).map_err(fail)?;
    out.flush().map_err(|e| fail(e.to_string()))
}

fn write_error(path: &Path, e: std::io::Error) -> ReportError {
    ReportError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

/// The long answers with who gave them, joined on the fly: both frames are ordered
/// by response id, so one cursor walks the respondents.
fn write_answers(data: &ReportData, out: &mut CsvOut) -> Result<(), String> {
    let text = |e: PolarsError| e.to_string();
    let header = [
        "response_id",
        "organisation",
        "country",
        "audience",
        "question_id",
        "value",
        "level",
    ];
    out.write_record(header).map_err(|e| e.to_string())?;
    let who = &data.responses;
    let ids = who
        .column("response_id")
        .and_then(|c| c.i64())
        .map_err(text)?;
    let columns = ["organisation", "country", "audience"]
        .map(|c| who.column(c).and_then(|c| c.str()).map_err(text));
    let [organisation, country, audience] = columns;
    let (organisation, country, audience) = (organisation?, country?, audience?);
    let a = &data.answers_long;
    let response = a
        .column("response_id")
        .and_then(|c| c.i64())
        .map_err(text)?;
    let question = a
        .column("question_id")
        .and_then(|c| c.str())
        .map_err(text)?;
    let value = a.column("value").and_then(|c| c.str()).map_err(text)?;
    let level = a.column("level").and_then(|c| c.f64()).map_err(text)?;
    let mut at = 0;
    let mut number = String::new();
    for (((r, q), v), l) in response
        .iter()
        .zip(question.iter())
        .zip(value.iter())
        .zip(level.iter())
    {
        let r = r.unwrap_or_default();
        while at < ids.len() && ids.get(at).is_some_and(|id| id < r) {
            at += 1;
        }
        number.clear();
        if let Some(l) = l {
            number.push_str(&l.to_string());
        }
        let record = [
            &r.to_string(),
            organisation.get(at).unwrap_or_default(),
            country.get(at).unwrap_or_default(),
            audience.get(at).unwrap_or_default(),
            q.unwrap_or_default(),
            v.unwrap_or_default(),
            number.as_str(),
        ];
        out.write_record(record).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Any frame of strings, integers, floats and booleans; nulls are empty cells.
fn write_frame(df: &DataFrame, out: &mut CsvOut) -> Result<(), String> {
    let names: Vec<&str> = df.get_column_names().iter().map(|s| s.as_str()).collect();
    out.write_record(&names).map_err(|e| e.to_string())?;
    let mut cells: Vec<Cells<'_>> = df
        .columns()
        .iter()
        .map(Cells::new)
        .collect::<Result<_, _>>()?;
    let mut buf = String::new();
    for _ in 0..df.height() {
        for cell in &mut cells {
            buf.clear();
            cell.next_into(&mut buf);
            out.write_field(&buf).map_err(|e| e.to_string())?;
        }
        out.write_record(None::<&[u8]>).map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// A cursor down one column that writes each cell as text.
enum Cells<'a> {
    Str(Box<dyn Iterator<Item = Option<&'a str>> + 'a>),
    Int(Box<dyn Iterator<Item = Option<i64>> + 'a>),
    Float(Box<dyn Iterator<Item = Option<f64>> + 'a>),
    Bool(Box<dyn Iterator<Item = Option<bool>> + 'a>),
}

impl<'a> Cells<'a> {
    fn new(column: &'a Column) -> Result<Self, String> {
        let text = |e: PolarsError| e.to_string();
        Ok(match column.dtype() {
            DataType::String => Cells::Str(Box::new(column.str().map_err(text)?.iter())),
            DataType::Int64 => Cells::Int(Box::new(column.i64().map_err(text)?.iter())),
            DataType::Int32 => Cells::Int(Box::new(
                column.i32().map_err(text)?.iter().map(|v| v.map(i64::from)),
            )),
            DataType::Float64 => Cells::Float(Box::new(column.f64().map_err(text)?.iter())),
            DataType::Boolean => Cells::Bool(Box::new(column.bool().map_err(text)?.iter())),
            other => {
                return Err(format!(
                    "column {} has unexpected type {other}",
                    column.name()
                ));
            }
        })
    }

    fn next_into(&mut self, buf: &mut String) {
        use std::fmt::Write as _;
        // Writing into a String cannot fail.
        let _ = match self {
            Cells::Str(it) => it.next().flatten().map(|s| buf.push_str(s)).map(Ok),
            Cells::Int(it) => it.next().flatten().map(|v| write!(buf, "{v}")),
            Cells::Float(it) => it.next().flatten().map(|v| write!(buf, "{v}")),
            Cells::Bool(it) => it.next().flatten().map(|v| write!(buf, "{v}")),
        };
    }
}
