//! Checking that the baseline computed the same report: the same aggregates (numbers
//! within rounding) and the same ranked gap table, or its time would mean nothing.

use std::path::Path;

use anyhow::{Context, bail, ensure};

/// Columns compared as text; the rest are numbers, compared within rounding.
const KEYS: [&str; 3] = ["audience", "country", "measure"];

/// Compares `aggregates.csv` and the gap table of `recommendations.md` in two report
/// folders and says how many rows and lines agreed.
pub fn same_report(liaison: &Path, baseline: &Path) -> anyhow::Result<(usize, usize)> {
    let ours = aggregates(&liaison.join("aggregates.csv"))?;
    let theirs = aggregates(&baseline.join("aggregates.csv"))?;
    ensure!(
        ours.0 == theirs.0,
        "aggregates.csv headers differ:\n  liaison  {:?}\n  baseline {:?}",
        ours.0,
        theirs.0
    );
    ensure!(
        ours.1.len() == theirs.1.len(),
        "aggregates.csv: liaison has {} rows, the baseline {}",
        ours.1.len(),
        theirs.1.len()
    );
    for (row, (a, b)) in ours.1.iter().zip(&theirs.1).enumerate() {
        for ((name, x), y) in ours.0.iter().zip(a).zip(b) {
            if !same_cell(KEYS.contains(&name.as_str()), x, y) {
                bail!(
                    "aggregates.csv row {} column {name}: liaison {x:?}, baseline {y:?}",
                    row + 1
                );
            }
        }
    }
    let ours_gaps = gap_table(&liaison.join("recommendations.md"))?;
    let theirs_gaps = gap_table(&baseline.join("recommendations.md"))?;
    if let Some((i, (a, b))) = ours_gaps
        .iter()
        .zip(&theirs_gaps)
        .enumerate()
        .find(|(_, (a, b))| a != b)
    {
        bail!(
            "recommendations.md gap table line {}:\n  liaison  {a}\n  baseline {b}",
            i + 1
        );
    }
    ensure!(
        ours_gaps.len() == theirs_gaps.len(),
        "recommendations.md: liaison ranks {} gaps, the baseline {}",
        ours_gaps.len(),
        theirs_gaps.len()
    );
    Ok((ours.1.len(), ours_gaps.len()))
}

fn same_cell(text: bool, x: &str, y: &str) -> bool {
    if text || x.is_empty() || y.is_empty() {
        return x == y;
    }
    match (x.parse::<f64>(), y.parse::<f64>()) {
        // Both write two decimals, and may round a tie differently: one unit of the last.
        (Ok(a), Ok(b)) => (a - b).abs() <= 0.01 + 1e-9 * a.abs().max(1.0),
        _ => x.eq_ignore_ascii_case(y),
    }
}

type Table = (Vec<String>, Vec<Vec<String>>);

/// The header and records of a report CSV, after its TLP line.
fn aggregates(path: &Path) -> anyhow::Result<Table> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let (_, body) = text
        .split_once('\n')
        .with_context(|| format!("{} has no line after its TLP line", path.display()))?;
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers()?.iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.map(|r| r.iter().map(String::from).collect()))
        .collect::<Result<_, _>>()
        .with_context(|| format!("parsing {}", path.display()))?;
    Ok((header, rows))
}

/// The rows of the ranked maturity gap table.
fn gap_table(path: &Path) -> anyhow::Result<Vec<String>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .skip_while(|l| !l.starts_with("| Rank | Parameter"))
        .take_while(|l| l.starts_with('|'))
        .map(str::to_owned)
        .collect())
}
