//! Every report of a campaign in one go: the CSV tables, then the charts drawn from the
//! same scored data, written under `<out>/<campaign id>/` with stable names.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::questionnaire::{Catalogue, Dimension};
use crate::storage::campaigns::CampaignDetails;
use crate::storage::{DbConn, report_rows};

use super::charts::{self, ChartTitle, GapRow, ProgressSeries, Series, TierGroup};
use super::data::{self, ReportData, ReportSettings};
use super::error::ReportError;
use super::recommendations::{self, ReportLabel};

/// Draws one chart when called, so each is made only when its turn comes.
type DrawChart<'a> = Box<dyn Fn() -> Result<Vec<u8>, ReportError> + 'a>;

/// The chart files, in the order they are written.
pub const CHART_FILES: [&str; 5] = [
    "tiers.png",
    "means.png",
    "heatmap.png",
    "gap.png",
    "progress.png",
];

/// Every file `build_campaign_reports` writes, in order: the stable names downloads offer.
pub const REPORT_FILES: [&str; 10] = [
    "answers.csv",
    "scores.csv",
    "aggregates.csv",
    "tiers.png",
    "means.png",
    "heatmap.png",
    "gap.png",
    "progress.png",
    "recommendations.md",
    "recommendations.html",
];

/// Builds the CSVs, charts and recommendations report of `campaign` into `out/<campaign id>/`,
/// calling `step` with the name of each file before it is written.
pub fn build_campaign_reports(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    campaign: &CampaignDetails,
    k: usize,
    out: &Path,
    step: &dyn Fn(&str),
) -> Result<Vec<PathBuf>, ReportError> {
    let c = &campaign.campaign;
    let dir = out.join(c.id.to_string());
    std::fs::create_dir_all(&dir).map_err(|e| write_error(&dir, e))?;
    step("scoring the submitted responses");
    let settings = ReportSettings {
        k,
        ..ReportSettings::new(&c.name, c.tlp)
    };
    // Loaded once for the tables and the recommendations alike.
    let rows = report_rows::submitted_rows(conn, c.id)?;
    let questionnaires = recommendations::questionnaires_for(conn, catalogue, &rows)?;
    let data = data::build_from_rows(&rows, &questionnaires, settings, chrono::Utc::now())?;
    step("answers.csv, scores.csv, aggregates.csv");
    let mut files = data::write_csvs(&data, &dir)?;
    let title = |subject: &str| ChartTitle {
        campaign: c.name.clone(),
        tlp: c.tlp.to_string(),
        n: data.responses.height(),
        subject: subject.to_owned(),
    };
    let times = report_rows::submission_times(conn, c.id)?;
    let invited: i64 = report_rows::invitation_counts(conn, c.id)?
        .iter()
        .map(|(_, n)| n)
        .sum();
    let charts: [(&str, DrawChart<'_>); 5] = [
        (
            "tiers.png",
            Box::new(|| tier_chart(&data, &title("Tier distribution"))),
        ),
        (
            "means.png",
            Box::new(|| means_chart(&data, &title("Mean score by audience"))),
        ),
        (
            "heatmap.png",
            Box::new(|| heatmap_chart(&data, &title("Median level per parameter and country"))),
        ),
        (
            "gap.png",
            Box::new(|| gap_chart(&data, &title("CSIRT–LEA perception gap"))),
        ),
        (
            "progress.png",
            Box::new(|| progress_chart(&times, invited, &title("Submissions over time"))),
        ),
    ];
    for (name, draw) in charts {
        step(name);
        let path = dir.join(name);
        std::fs::write(&path, draw()?).map_err(|e| write_error(&path, e))?;
        files.push(path);
    }
    step("recommendations.md, recommendations.html");
    let label = ReportLabel {
        campaign: c.name.clone(),
        tlp: c.tlp,
        tlp_line: data.tlp_line(),
        k,
    };
    let report = recommendations::from_rows(&rows, &questionnaires, label)?;
    files.extend(report.write(&dir)?);
    Ok(files)
}

fn write_error(path: &Path, e: std::io::Error) -> ReportError {
    ReportError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

fn to_usize(counts: [i64; 4]) -> [usize; 4] {
    counts.map(|n| usize::try_from(n).unwrap_or(0))
}

fn tier_chart(data: &ReportData, title: &ChartTitle) -> Result<Vec<u8>, ReportError> {
    let groups: Vec<TierGroup> = data
        .tier_counts()?
        .into_iter()
        .filter(|t| t.country == "ALL")
        .map(|t| TierGroup {
            label: t.audience.clone(),
            counts: t.counts.filter(|_| !t.suppressed).map(to_usize),
        })
        .collect();
    charts::tier_distribution_png(title, &groups, 900, 560)
}

fn means_chart(data: &ReportData, title: &ChartTitle) -> Result<Vec<u8>, ReportError> {
    let means = data.measure_means()?;
    let measures: Vec<String> = ordered(means.iter().map(|m| m.measure.clone()));
    let audiences: Vec<String> = ordered(means.iter().map(|m| m.audience.clone()));
    let series: Vec<Series> = audiences
        .iter()
        .map(|audience| Series {
            label: audience.clone(),
            values: measures
                .iter()
                .map(|measure| {
                    means
                        .iter()
                        .find(|m| &m.audience == audience && &m.measure == measure && !m.suppressed)
                        .and_then(|m| m.mean)
                })
                .collect(),
        })
        .collect();
    charts::category_means_png(title, &measures, &series, 900, 560)
}

fn heatmap_chart(data: &ReportData, title: &ChartTitle) -> Result<Vec<u8>, ReportError> {
    let medians = data.parameter_medians()?;
    let rows: Vec<String> = ordered(medians.iter().map(|m| m.parameter.clone()));
    let columns: Vec<String> = medians
        .iter()
        .map(|m| m.country.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let cells: Vec<Vec<Option<f64>>> = rows
        .iter()
        .map(|parameter| {
            columns
                .iter()
                .map(|country| {
                    medians
                        .iter()
                        .find(|m| {
                            &m.parameter == parameter && &m.country == country && !m.suppressed
                        })
                        .and_then(|m| m.median)
                })
                .collect()
        })
        .collect();
    let (w, h) = charts::heatmap::DEFAULT_SIZE;
    charts::heatmap_png(title, &rows, &columns, &cells, w, h)
}

fn gap_chart(data: &ReportData, title: &ChartTitle) -> Result<Vec<u8>, ReportError> {
    let gaps = data.perception_gaps()?;
    let dimensions: Vec<String> = Dimension::ALL
        .iter()
        .map(|d| d.as_str().to_owned())
        .collect();
    let countries: Vec<String> = gaps
        .iter()
        .map(|g| g.country.clone())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let rows: Vec<GapRow> = countries
        .into_iter()
        .map(|country| GapRow {
            values: Dimension::ALL
                .iter()
                .map(|d| {
                    gaps.iter()
                        .find(|g| g.country == country && g.dimension == *d && !g.suppressed)
                        .and_then(|g| g.gap)
                })
                .collect(),
            country,
        })
        .collect();
    charts::perception_gap_png(title, &dimensions, &rows, 900, 1100)
}

fn progress_chart(
    times: &[(chrono::NaiveDateTime, crate::storage::OrganisationKind)],
    invited: i64,
    title: &ChartTitle,
) -> Result<Vec<u8>, ReportError> {
    let audiences: Vec<String> = ordered(times.iter().map(|(_, a)| a.to_string()));
    let series: Vec<ProgressSeries> = audiences
        .into_iter()
        .map(|audience| {
            let mut days: Vec<chrono::NaiveDate> = times
                .iter()
                .filter(|(_, a)| a.to_string() == audience)
                .map(|(t, _)| t.date())
                .collect();
            days.sort();
            let points = days.iter().enumerate().map(|(i, d)| (*d, i + 1)).collect();
            ProgressSeries {
                label: audience,
                points,
            }
        })
        .collect();
    charts::progress_png(
        title,
        &series,
        usize::try_from(invited).unwrap_or(0),
        900,
        520,
    )
}

/// Distinct values in order of first appearance.
fn ordered(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = Vec::new();
    for v in values {
        if !seen.contains(&v) {
            seen.push(v);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::{CHART_FILES, REPORT_FILES};
    use crate::reports::RECOMMENDATION_FILES;
    use crate::reports::data::CSV_FILES;

    #[test]
    fn the_report_file_list_is_every_file_written_in_order() {
        let written: Vec<&str> = CSV_FILES
            .iter()
            .chain(&CHART_FILES)
            .chain(&RECOMMENDATION_FILES)
            .copied()
            .collect();
        assert_eq!(written, REPORT_FILES);
    }
}
