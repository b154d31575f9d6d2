//! The perception gaps between audiences as analysts take them away: `perception_gaps.csv`
//! (every country, pair of audiences and dimension, suppressed cells left empty) and the
//! recommendations report's section listing the widest gaps that may be shown.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::questionnaire::Audience;

use super::ReportError;
use super::campaign_charts::pair_label;
use super::cells::{Cell, csv_start, write_record};
use super::data::LEVEL_DECIMALS;
use super::data::PerceptionGap;
use super::labels::{audience_label, dimension_label};

/// The file written for a campaign with mirrored cooperation questionnaires.
pub const PERCEPTION_FILE: &str = "perception_gaps.csv";

/// A gap narrower than this is within what one answer more or less moves a mean: the
/// report lists only wider ones.
const WORTH_NAMING: f64 = 0.5;

/// The most lines the report lists; the CSV has every one.
const MOST_LINES: usize = 20;

/// One shown gap, as the report words it.
#[derive(Debug, Clone, PartialEq)]
pub struct PerceptionLine {
    pub country: String,
    /// E.g. "CSIRT–LEA".
    pub pair: String,
    pub dimension: &'static str,
    /// The audience that rates the dimension higher, and the other, as people read them.
    pub higher: String,
    pub lower: String,
    pub higher_mean: f64,
    pub lower_mean: f64,
    /// Organisations on the higher and the lower side.
    pub higher_n: i64,
    pub lower_n: i64,
    /// The absolute difference.
    pub gap: f64,
    /// Shown below k because both sides agreed to share.
    pub by_consent: bool,
}

/// The report's section: the widest gaps, and how many country pairs the k rule hid.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PerceptionSection {
    pub lines: Vec<PerceptionLine>,
    /// Countries and pairs of audiences with a gap hidden because a side had fewer than k.
    pub hidden: usize,
    /// Whether the campaign compared any audiences at all.
    pub compared: bool,
}

impl PerceptionSection {
    pub fn of(gaps: &[PerceptionGap], language: &str) -> PerceptionSection {
        let mut lines: Vec<PerceptionLine> = gaps
            .iter()
            .filter_map(|g| line(g, language))
            .filter(|l| l.gap >= WORTH_NAMING)
            .collect();
        lines.sort_by(|a, b| {
            b.gap
                .total_cmp(&a.gap)
                .then_with(|| a.country.cmp(&b.country))
                .then_with(|| a.pair.cmp(&b.pair))
        });
        lines.truncate(MOST_LINES);
        let hidden: BTreeSet<(&str, Audience, Audience)> = gaps
            .iter()
            .filter(|g| g.suppressed)
            .map(|g| (g.country.as_str(), g.first, g.second))
            .collect();
        PerceptionSection {
            lines,
            hidden: hidden.len(),
            compared: !gaps.is_empty(),
        }
    }
}

fn line(g: &PerceptionGap, language: &str) -> Option<PerceptionLine> {
    let (first, second) = (g.first_mean?, g.second_mean?);
    let (first_n, second_n) = (g.first_n?, g.second_n?);
    let named = |a: Audience| audience_label(a.as_str());
    let (higher, lower, higher_mean, lower_mean, higher_n, lower_n) = if first >= second {
        (
            named(g.first),
            named(g.second),
            first,
            second,
            first_n,
            second_n,
        )
    } else {
        (
            named(g.second),
            named(g.first),
            second,
            first,
            second_n,
            first_n,
        )
    };
    Some(PerceptionLine {
        country: g.country.clone(),
        pair: pair_label(g.first, g.second),
        dimension: dimension_label(g.dimension, language),
        higher,
        lower,
        higher_mean,
        lower_mean,
        higher_n,
        lower_n,
        gap: higher_mean - lower_mean,
        by_consent: g.shared_by_consent,
    })
}

/// The CSV: the TLP line, a header, and one record per country, pair and dimension.
pub fn perception_csv(tlp_line: &str, gaps: &[PerceptionGap]) -> Vec<u8> {
    let mut out = csv_start(
        tlp_line,
        [
            "country",
            "first",
            "second",
            "dimension",
            "first_organisations",
            "first_mean",
            "second_organisations",
            "second_mean",
            "gap",
            "suppressed",
            "shared_by_consent",
        ],
    );
    let decimal = |v: Option<f64>| v.map_or(Cell::Empty, |v| Cell::Decimal(v, LEVEL_DECIMALS));
    let count = |n: Option<i64>| n.map_or(Cell::Empty, Cell::Integer);
    for g in gaps {
        write_record(
            &mut out,
            [
                Cell::Text(&g.country),
                Cell::Text(g.first.as_str()),
                Cell::Text(g.second.as_str()),
                Cell::Text(g.dimension.as_str()),
                count(g.first_n),
                decimal(g.first_mean),
                count(g.second_n),
                decimal(g.second_mean),
                decimal(g.gap),
                Cell::Bool(g.suppressed),
                Cell::Bool(g.shared_by_consent),
            ],
        );
    }
    out
}

/// Writes `perception_gaps.csv` into `dir`; nothing for a campaign that compares no
/// audiences.
pub fn write_perception(
    gaps: &[PerceptionGap],
    tlp_line: &str,
    dir: &Path,
) -> Result<Vec<PathBuf>, ReportError> {
    if gaps.is_empty() {
        return Ok(Vec::new());
    }
    let path = dir.join(PERCEPTION_FILE);
    std::fs::write(&path, perception_csv(tlp_line, gaps)).map_err(|e| ReportError::Write {
        path: path.clone(),
        reason: e.to_string(),
    })?;
    Ok(vec![path])
}

#[cfg(test)]
mod tests;
