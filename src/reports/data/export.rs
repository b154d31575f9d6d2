//! Writing the report frames as CSV with the `csv` crate, each file opening with
//! the campaign's TLP line; answers.csv, the big one, is put together its own way (see
//! `answers`). Suppressed cells are already null in the frames and come out empty
//! beside `suppressed = true`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::{CSV_FILES, ReportData, ReportError};

mod answers;

use answers::write_answers;

/// Writes `answers.csv`, `scores.csv` and `aggregates.csv` into `dir` (created if
/// needed) and returns their paths in that order.
///
/// answers.csv: response_id, organisation, country, audience, question_id, value, level.
/// scores.csv: the columns of `scores_wide`. aggregates.csv: `AGGREGATE_COLUMNS`.
pub fn write_csvs(data: &ReportData, dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
    std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
    let [answers, scores, aggregates] = CSV_FILES.map(|name| dir.join(name));
    // answers.csv is by far the biggest: written beside the other two, not after them.
    let (long, wide) = std::thread::scope(|scope| {
        let long = scope.spawn(|| write_file(data, &answers, |w| write_answers(data, w)));
        let wide = write_file(data, &scores, |w| write_frame(&data.scores_wide, w))
            .and_then(|()| write_file(data, &aggregates, |w| write_frame(&data.aggregates, w)));
        let long = long
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (long, wide)
    });
    long.and(wide)?;
    Ok(vec![answers, scores, aggregates])
}

type FileOut = BufWriter<File>;

/// Room to assemble many lines before each write.
const BUFFER: usize = 1 << 20;

/// Creates `path`, writes the TLP line and lets `body` write the records.
fn write_file(
    data: &ReportData,
    path: &Path,
    body: impl FnOnce(&mut FileOut) -> Result<(), String>,
) -> Result<(), ReportError> {
    let fail = |reason: String| ReportError::Write {
        path: path.to_path_buf(),
        reason,
    };
    let file = File::create(path).map_err(|e| fail(e.to_string()))?;
    let mut out = BufWriter::with_capacity(BUFFER, file);
    writeln!(out, "{}", data.tlp_line()).map_err(|e| fail(e.to_string()))?;
    body(&mut out).map_err(fail)?;
    out.flush().map_err(|e| fail(e.to_string()))
}

fn write_error(path: &Path, e: std::io::Error) -> ReportError {
    ReportError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

/// Any frame of strings, integers, floats and booleans; nulls are empty cells.
fn write_frame(df: &DataFrame, file: &mut FileOut) -> Result<(), String> {
    let mut out = csv::Writer::from_writer(file);
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
    out.flush().map_err(|e| e.to_string())
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
            Cells::Float(it) => it.next().flatten().map(|v| write_float(buf, v)),
            Cells::Bool(it) => it.next().flatten().map(|v| write!(buf, "{v}")),
        };
    }
}

/// Writes `v` as `{}` does; integral values (levels, counts) through the cheaper integer
/// formatting, which gives the same digits.
fn write_float(buf: &mut String, v: f64) -> std::fmt::Result {
    use std::fmt::Write as _;
    // Below 2^53 every integral f64 is exactly an i64; -0.0 keeps its sign through `{}`.
    if v.fract() == 0.0 && v.abs() < 9.0e15 && !(v == 0.0 && v.is_sign_negative()) {
        write!(buf, "{}", v as i64)
    } else {
        write!(buf, "{v}")
    }
}
