//! The recommendations report as a standalone HTML page: askama, escaped, a TLP banner on
//! top, and its own stylesheet inlined, so a saved copy looks the same without the site.

use std::sync::OnceLock;

use askama::Template;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

use super::super::ReportError;
use super::provenance::cooperation_model;
use super::{DimensionLine, GapLine, Recommendations, Step};

/// The page's whole stylesheet, inlined into a `<style>` element.
const STYLE: &str = include_str!("../../../assets/reports/recommendations.css");

/// The CSP source (`'sha256-…'`) that allows the page's inline stylesheet and nothing else:
/// the site serves the page with it, since its own policy allows no inline style.
pub fn style_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let digest = Sha256::digest(STYLE.as_bytes());
        format!("'sha256-{}'", STANDARD.encode(digest))
    })
}

#[derive(Template)]
#[template(path = "reports/recommendations.html", config = "assets/askama.toml")]
struct Page<'a> {
    report: &'a Recommendations,
    style: &'static str,
    tlp: &'static str,
    tlp_class: String,
    cooperation_model: String,
    maturity: Vec<GapRow<'a>>,
    cooperation: Vec<DimensionRow<'a>>,
}

struct GapRow<'a> {
    rank: usize,
    line: &'a GapLine,
    share: String,
    /// The most common step shown, e.g. "1 → 2"; "–" when none may be shown.
    top_step: String,
    steps: Vec<StepRow>,
}

struct StepRow {
    step: String,
    organisations: usize,
}

struct DimensionRow<'a> {
    rank: usize,
    line: &'a DimensionLine,
    label: &'static str,
    share: String,
    bands: [String; 3],
    /// ", mostly between 1 and 2", or nothing when no band may be named.
    typical: String,
}

/// The report as an HTML page.
pub fn html(report: &Recommendations) -> Result<String, ReportError> {
    let tlp = report.label.tlp.as_str();
    let page = Page {
        report,
        style: STYLE,
        tlp,
        tlp_class: tlp.to_lowercase(),
        cooperation_model: cooperation_model(),
        maturity: report
            .maturity
            .iter()
            .enumerate()
            .map(|(i, line)| GapRow {
                rank: i + 1,
                line,
                share: share(line.organisations, line.of),
                top_step: top_step(line),
                steps: step_rows(line),
            })
            .collect(),
        cooperation: report
            .cooperation
            .iter()
            .enumerate()
            .map(|(i, line)| DimensionRow {
                rank: i + 1,
                line,
                label: super::super::labels::dimension_label(line.dimension, super::LANGUAGE),
                share: share(line.organisations, line.of),
                bands: bands(line),
                typical: typical(line),
            })
            .collect(),
    };
    page.render()
        .map_err(|e| ReportError::Corrupt(format!("recommendations page: {e}")))
}

/// Every step shown, then the other steps when any organisation is at one.
fn step_rows(line: &GapLine) -> Vec<StepRow> {
    let mut rows: Vec<StepRow> = line
        .steps
        .iter()
        .map(|s| StepRow {
            step: step(s),
            organisations: s.organisations,
        })
        .collect();
    if line.other_steps > 0 {
        rows.push(StepRow {
            step: "other steps".to_owned(),
            organisations: line.other_steps,
        });
    }
    rows
}

/// "1 → 2"
pub(super) fn step(s: &Step) -> String {
    format!("{} → {}", s.current, s.required)
}

/// The most common step shown; "–" when none may be shown.
pub(super) fn top_step(line: &GapLine) -> String {
    line.steps.first().map_or_else(|| "–".to_owned(), step)
}

/// ", mostly between 1 and 2"; nothing when no band may be named.
pub(super) fn typical(line: &DimensionLine) -> String {
    line.typical_band
        .map(|b| format!(", mostly between {b} and {}", b + 1))
        .unwrap_or_default()
}

/// "75%"; empty when there is nothing to divide by.
pub(super) fn share(n: usize, of: usize) -> String {
    if of == 0 {
        String::new()
    } else {
        format!("{:.0}%", n as f64 * 100.0 / of as f64)
    }
}

/// The band counts as shown; "–" where they are withheld.
pub(super) fn bands(line: &DimensionLine) -> [String; 3] {
    match line.bands {
        Some(b) => b.map(|n| n.to_string()),
        None => ["–", "–", "–"].map(str::to_owned),
    }
}
