//! Writing the report frames as CSV, each file opening with the campaign's TLP and
//! provenance line and every cell written by `crate::reports::cells` (text neutralised
//! when a spreadsheet would run it, numbers rounded per column); answers.csv, the big
//! one, is put together its own way (see `answers`). Suppressed cells are already null in
//! the frames and come out empty beside `suppressed = true`.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::{CSV_FILES, ReportData, ReportError};
use crate::reports::cells::{Cell, write_record};

mod answers;

use answers::write_answers;

/// Writes `answers.csv`, `scores.csv`, `aggregates.csv` and `non_answers.csv` into `dir`
/// (created if needed) and returns their paths in that order.
///
/// answers.csv: response_id, organisation, country, audience, question_id, value, level,
/// evidence_files, evidence_file_names.
/// scores.csv: the columns of `scores_wide`. aggregates.csv: `AGGREGATE_COLUMNS`.
/// non_answers.csv: `NON_ANSWER_COLUMNS`.
pub fn write_csvs(data: &ReportData, dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
    std::fs::create_dir_all(dir).map_err(|e| write_error(dir, e))?;
    let [answers, scores, aggregates, non_answers] = CSV_FILES.map(|name| dir.join(name));
    // answers.csv is by far the biggest: written beside the other two, not after them.
    let (long, wide) = std::thread::scope(|scope| {
        let long = scope.spawn(|| write_file(data, &answers, |w| write_answers(data, w)));
        let wide = write_file(data, &scores, |w| {
            write_frame(&data.scores_wide, score_decimals, w)
        })
        .and_then(|()| {
            write_file(data, &aggregates, |w| {
                write_frame(&data.aggregates, |_| LEVEL_DECIMALS, w)
            })
        })
        .and_then(|()| {
            write_file(data, &non_answers, |w| {
                write_frame(&data.non_answers, |_| SHARE_DECIMALS, w)
            })
        });
        let long = long
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (long, wide)
    });
    long.and(wide)?;
    Ok(vec![answers, scores, aggregates, non_answers])
}

type FileOut = BufWriter<File>;

/// Decimals of a level on the 0–4 scale and of anything computed from levels (means,
/// medians, dimension scores): two tell apart every mean of up to about a hundred levels
/// an analyst would compare, and more would only print the noise of floating point.
pub const LEVEL_DECIMALS: u8 = 2;

/// Decimals of a share of answers (0 to 1): three tell apart one answer in a thousand.
const SHARE_DECIMALS: u8 = 3;

/// Decimals of `completeness`, the share of visible questions answered: three tell apart
/// one question more or less in a questionnaire of several hundred.
const COMPLETENESS_DECIMALS: u8 = 3;

/// Decimals per column of scores.csv: completeness, then levels and scores.
fn score_decimals(column: &str) -> u8 {
    if column == "completeness" {
        COMPLETENESS_DECIMALS
    } else {
        LEVEL_DECIMALS
    }
}

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

/// Any frame of strings, integers, floats and booleans, every cell written by
/// [`cells`](crate::reports::cells): strings are text, the rest numbers; floats get the
/// decimals `decimals` gives their column. Nulls are empty cells.
fn write_frame(
    df: &DataFrame,
    decimals: impl Fn(&str) -> u8,
    file: &mut FileOut,
) -> Result<(), String> {
    let mut line = Vec::with_capacity(4096);
    write_record(
        &mut line,
        df.get_column_names().iter().map(|s| Cell::Text(s.as_str())),
    );
    let mut columns: Vec<Cells<'_>> = df
        .columns()
        .iter()
        .map(|c| Cells::new(c, decimals(c.name())))
        .collect::<Result<_, _>>()?;
    for _ in 0..df.height() {
        write_record(&mut line, columns.iter_mut().map(Cells::next));
        // Lines are gathered and written in batches of about the buffer's size.
        if line.len() >= BUFFER / 2 {
            file.write_all(&line).map_err(|e| e.to_string())?;
            line.clear();
        }
    }
    file.write_all(&line).map_err(|e| e.to_string())
}

/// A cursor down one column that gives each cell by its type.
enum Cells<'a> {
    Str(Box<dyn Iterator<Item = Option<&'a str>> + 'a>),
    Int(Box<dyn Iterator<Item = Option<i64>> + 'a>),
    Float(Box<dyn Iterator<Item = Option<f64>> + 'a>, u8),
    Bool(Box<dyn Iterator<Item = Option<bool>> + 'a>),
}

impl<'a> Cells<'a> {
    fn new(column: &'a Column, decimals: u8) -> Result<Self, String> {
        let text = |e: PolarsError| e.to_string();
        Ok(match column.dtype() {
            DataType::String => Cells::Str(Box::new(column.str().map_err(text)?.iter())),
            DataType::Int64 => Cells::Int(Box::new(column.i64().map_err(text)?.iter())),
            DataType::Int32 => Cells::Int(Box::new(
                column.i32().map_err(text)?.iter().map(|v| v.map(i64::from)),
            )),
            DataType::Float64 => {
                Cells::Float(Box::new(column.f64().map_err(text)?.iter()), decimals)
            }
            DataType::Boolean => Cells::Bool(Box::new(column.bool().map_err(text)?.iter())),
            other => {
                return Err(format!(
                    "column {} has unexpected type {other}",
                    column.name()
                ));
            }
        })
    }

    fn next(&mut self) -> Cell<'a> {
        let cell = match self {
            Cells::Str(it) => it.next().flatten().map(Cell::Text),
            Cells::Int(it) => it.next().flatten().map(Cell::Integer),
            Cells::Float(it, places) => it.next().flatten().map(|v| Cell::Decimal(v, *places)),
            Cells::Bool(it) => it.next().flatten().map(Cell::Bool),
        };
        cell.unwrap_or(Cell::Empty)
    }
}
