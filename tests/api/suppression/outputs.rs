//! Reading what a build wrote: files without their generation time, the aggregates table,
//! and the figures of the recommendations report.

use std::path::Path;

use super::fixtures::K;

/// The stamp every CSV and the recommendations report carry after "generated ".
const STAMP: &str = " — generated ";
/// `%Y-%m-%dT%H:%M:%SZ`.
const STAMP_LEN: usize = "2026-03-01T12:00:00Z".len();

/// A written file's bytes with every generation time blanked: the only part of a file
/// that may differ between two builds of the same data.
pub fn unstamped(dir: &Path, name: &str) -> Vec<u8> {
    let bytes = std::fs::read(dir.join(name)).unwrap_or_else(|e| panic!("{name} written: {e}"));
    let Ok(text) = String::from_utf8(bytes.clone()) else {
        return bytes;
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text.as_str();
    while let Some(at) = rest.find(STAMP) {
        let end = at + STAMP.len();
        out.push_str(&rest[..end]);
        let stamp = rest.get(end..end + STAMP_LEN).expect("a whole time stamp");
        assert!(
            stamp.starts_with("20") && stamp.ends_with('Z'),
            "{name}: unexpected stamp {stamp:?}"
        );
        out.push_str("<time>");
        rest = &rest[end + STAMP_LEN..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// One row of `aggregates.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aggregate {
    pub audience: String,
    pub country: String,
    pub measure: String,
    /// n, responses, mean, median, min, max and the tier counts if any, as written.
    pub figures: Vec<String>,
    pub suppressed: bool,
}

impl Aggregate {
    pub fn key(&self) -> (&str, &str, &str) {
        (&self.audience, &self.country, &self.measure)
    }

    /// Organisations counted; `None` when the cell is empty.
    pub fn n(&self) -> Option<usize> {
        self.figures[0].parse().ok()
    }
}

/// The rows of `aggregates.csv`, checking the header on the way.
pub fn aggregates(dir: &Path) -> Vec<Aggregate> {
    let text = std::fs::read_to_string(dir.join("aggregates.csv")).expect("aggregates.csv");
    let (_, table) = text.split_once('\n').expect("a TLP line, then the table");
    let mut reader = csv::Reader::from_reader(table.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .expect("a header")
        .iter()
        .map(String::from)
        .collect();
    // Ten columns, or fourteen with the tier counts when responses were placed in tiers.
    let last = header.len() - 1;
    assert!([10, 14].contains(&header.len()), "{header:?}");
    assert_eq!(
        (header[3].as_str(), header[last].as_str()),
        ("n", "suppressed")
    );
    reader
        .records()
        .map(|r| {
            let r = r.expect("a record");
            Aggregate {
                audience: r[0].to_owned(),
                country: r[1].to_owned(),
                measure: r[2].to_owned(),
                figures: r.iter().skip(3).take(last - 3).map(String::from).collect(),
                suppressed: match &r[last] {
                    "true" => true,
                    "false" => false,
                    other => panic!("suppressed is {other:?}"),
                },
            }
        })
        .collect()
}

/// Every suppressed row is empty, and every row with numbers rests on at least k organisations.
pub fn assert_thresholded(rows: &[Aggregate], what: &str) {
    for row in rows {
        if row.suppressed {
            assert!(
                row.figures.iter().all(String::is_empty),
                "{what}: suppressed row shows numbers: {row:?}"
            );
        } else {
            let n = row
                .n()
                .unwrap_or_else(|| panic!("{what}: shown row without n: {row:?}"));
            assert!(n >= K, "{what}: row resting on {n} organisations: {row:?}");
        }
    }
}

/// The keys of the rows whose figures differ between two builds (which must have the same rows).
pub fn changed<'a>(a: &'a [Aggregate], b: &[Aggregate]) -> Vec<(&'a str, &'a str, &'a str)> {
    let keys = |rows: &[Aggregate]| -> Vec<(String, String, String)> {
        rows.iter()
            .map(|r| (r.audience.clone(), r.country.clone(), r.measure.clone()))
            .collect()
    };
    assert_eq!(keys(a), keys(b), "both builds list the same groups");
    a.iter()
        .zip(b)
        .filter(|(x, y)| x != y)
        .map(|(x, _)| x.key())
        .collect()
}

/// The "N of M" organisation counts in a Markdown report, in order.
pub fn counts(markdown: &str) -> Vec<(usize, usize)> {
    let words: Vec<&str> = markdown.split_whitespace().collect();
    words
        .windows(3)
        .filter(|w| w[1] == "of")
        .filter_map(|w| Some((w[0].parse().ok()?, w[2].parse().ok()?)))
        .collect()
}

/// The band cells (0–1, 1–2, 2–3) of the cooperation table's rows.
pub fn bands(markdown: &str) -> Vec<[String; 3]> {
    markdown
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(" of "))
        .filter_map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            // Rank, dimension, organisations, share, then the three bands.
            (cells.len() == 7).then(|| [4, 5, 6].map(|i| cells[i].to_owned()))
        })
        .collect()
}

/// The step lines ("- 1 → 2: 4 of 7 organisations", "- other steps: …") of each gap, as
/// (organisations, of).
pub fn steps(markdown: &str) -> Vec<Vec<(usize, usize)>> {
    let mut gaps: Vec<Vec<(usize, usize)>> = Vec::new();
    for line in markdown.lines() {
        if line.starts_with("### ") {
            gaps.push(Vec::new());
        }
        let Some(rest) = line.strip_prefix("- ") else {
            continue;
        };
        let Some((step, figures)) = rest.split_once(": ") else {
            continue;
        };
        let is_step = step == "other steps" || step.contains(" → ");
        let counted = counts(figures);
        if let (true, [one], Some(gap)) = (is_step, counted.as_slice(), gaps.last_mut()) {
            gap.push(*one);
        }
    }
    gaps.retain(|g| !g.is_empty());
    gaps
}

/// Asserts no line of the report rests on fewer than k organisations, nor any band shown,
/// and that each gap's steps, the other steps included, add up to the gap: nothing is
/// left to work out by subtraction.
pub fn assert_report_thresholded(markdown: &str, what: &str) {
    for gap in steps(markdown) {
        let total: usize = gap.iter().map(|(n, _)| n).sum();
        assert!(
            gap.iter().all(|&(n, of)| n >= K && of == total),
            "{what}: steps {gap:?} leave a group to subtract:\n{markdown}"
        );
    }
    for (n, of) in counts(markdown) {
        assert!(
            n >= K,
            "{what}: a line rests on {n} of {of} organisations:\n{markdown}"
        );
    }
    for band in bands(markdown).iter().flatten() {
        if band != "–" {
            let n: usize = band
                .parse()
                .unwrap_or_else(|_| panic!("{what}: band {band:?}"));
            assert!(n == 0 || n >= K, "{what}: a band of {n}:\n{markdown}");
        }
    }
}
