//! What each campaign chart is drawn from: the report tables turned into chart inputs,
//! with every suppressed figure left out, and English labels for the audiences.

use std::collections::{BTreeMap, BTreeSet};

use crate::questionnaire::{Audience, Dimension};
use crate::storage::report_rows::ResponseRow;

use super::charts::{self, ChartTitle, GapRow, ProgressSeries, Series, TierGroup};
use super::data::{PerceptionGap, ReportData, audience_pairs};
use super::error::ReportError;
use super::labels::audience_label;

fn to_usize(counts: [i64; 4]) -> [usize; 4] {
    counts.map(|n| usize::try_from(n).unwrap_or(0))
}

pub(super) fn tier_chart(data: &ReportData, title: &ChartTitle) -> Result<Vec<u8>, ReportError> {
    let groups: Vec<TierGroup> = data
        .tier_counts()?
        .into_iter()
        .filter(|t| t.country == "ALL")
        .map(|t| TierGroup {
            label: audience_label(&t.audience),
            counts: t.counts.filter(|_| !t.suppressed).map(to_usize),
        })
        .collect();
    charts::tier_distribution_png(title, &groups, 900, 560)
}

pub(super) fn means_chart(data: &ReportData, title: &ChartTitle) -> Result<Vec<u8>, ReportError> {
    let means = data.measure_means()?;
    let measures: Vec<String> = ordered(means.iter().map(|m| m.measure.clone()));
    let audiences: Vec<String> = ordered(means.iter().map(|m| m.audience.clone()));
    let series: Vec<Series> = audiences
        .iter()
        .map(|audience| Series {
            label: audience_label(audience),
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

pub(super) fn heatmap_chart(data: &ReportData, title: &ChartTitle) -> Result<Vec<u8>, ReportError> {
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

pub(super) fn gap_chart(data: &ReportData, title: &ChartTitle) -> Result<Vec<u8>, ReportError> {
    let gaps = data.perception_gaps()?;
    let dimensions: Vec<String> = Dimension::ALL
        .iter()
        .map(|d| d.as_str().to_owned())
        .collect();
    let countries: BTreeSet<&str> = gaps.iter().map(|g| g.country.as_str()).collect();
    let mut rows = Vec::new();
    for country in countries {
        for (first, second) in audience_pairs() {
            let of_row: Vec<&PerceptionGap> = gaps
                .iter()
                .filter(|g| g.country == country && g.first == first && g.second == second)
                .collect();
            if of_row.is_empty() {
                continue;
            }
            // A gap shown below k because both sides agreed to share says so.
            let consent = if of_row.iter().any(|g| g.shared_by_consent) {
                " (consent)"
            } else {
                ""
            };
            rows.push(GapRow {
                country: format!("{country} {}{consent}", pair_label(first, second)),
                values: Dimension::ALL
                    .iter()
                    .map(|d| {
                        of_row
                            .iter()
                            .find(|g| g.dimension == *d && !g.suppressed)
                            .and_then(|g| g.gap)
                    })
                    .collect(),
            });
        }
    }
    charts::perception_gap_png(title, &dimensions, &rows, 900, 1100)
}

/// "CSIRT–LEA", "CSIRT–judiciary", "LEA–judiciary": a pair of audiences in a row label.
pub(super) fn pair_label(first: Audience, second: Audience) -> String {
    let short = |a: Audience| match a {
        Audience::Csirt => "CSIRT",
        Audience::Lea => "LEA",
        Audience::Judiciary => "judiciary",
        Audience::Any => "any",
    };
    format!("{}–{}", short(first), short(second))
}

/// Cumulative submissions per audience against the number invited.
pub(super) fn progress_chart(
    responses: &[ResponseRow],
    invited: i64,
    title: &ChartTitle,
) -> Result<Vec<u8>, ReportError> {
    let series = progress_series(responses, title);
    let invited = usize::try_from(invited).unwrap_or(0);
    charts::progress_png(title, &series, invited, 900, 520)
}

/// One line per audience. An audience with fewer than k submitting organisations gets
/// no points, only a legend entry saying why: otherwise when each of two bodies
/// answered would be on show.
fn progress_series(responses: &[ResponseRow], title: &ChartTitle) -> Vec<ProgressSeries> {
    let mut by_audience: BTreeMap<String, (Vec<chrono::NaiveDate>, BTreeSet<i64>)> =
        BTreeMap::new();
    for r in responses {
        let Some(at) = r.submitted_at else { continue };
        let (days, organisations) = by_audience.entry(r.audience.to_string()).or_default();
        days.push(at.date());
        organisations.insert(r.organisation_id);
    }
    by_audience
        .into_iter()
        .map(|(audience, (mut days, organisations))| {
            let label = audience_label(&audience);
            if organisations.len() < title.k {
                return ProgressSeries {
                    label: format!("{label}: {}", title.suppressed_note()),
                    points: Vec::new(),
                };
            }
            days.sort();
            let points = days.iter().enumerate().map(|(i, d)| (*d, i + 1)).collect();
            ProgressSeries { label, points }
        })
        .collect()
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
    use chrono::NaiveDate;

    use super::progress_series;
    use crate::participants::OrganisationKind;
    use crate::reports::charts::ChartTitle;
    use crate::storage::report_rows::ResponseRow;

    fn submitted(
        response_id: i64,
        organisation_id: i64,
        audience: OrganisationKind,
        day: u32,
    ) -> ResponseRow {
        ResponseRow {
            response_id,
            organisation_id,
            organisation: format!("body {organisation_id}"),
            country: "AT".to_owned(),
            audience,
            questionnaire_id: "q".to_owned(),
            questionnaire_version: "1".to_owned(),
            submitted_at: NaiveDate::from_ymd_opt(2026, 11, day)
                .and_then(|d| d.and_hms_opt(9, 0, 0)),
        }
    }

    #[test]
    fn an_audience_of_fewer_than_k_organisations_draws_no_progress_line() {
        use OrganisationKind::{Csirt, Lea};
        // Three CSIRTs; two LEAs, one of which answered twice through two participants.
        let responses = [
            submitted(1, 1, Csirt, 2),
            submitted(2, 2, Csirt, 3),
            submitted(3, 3, Csirt, 3),
            submitted(4, 4, Lea, 4),
            submitted(5, 5, Lea, 5),
            submitted(6, 5, Lea, 6),
        ];
        let title = ChartTitle {
            campaign: "c".to_owned(),
            tlp: "AMBER".to_owned(),
            n: 5,
            subject: "Submissions over time".to_owned(),
            k: 3,
            provenance: String::new(),
        };
        let series = progress_series(&responses, &title);
        assert_eq!(series.len(), 2);
        assert_eq!(series[0].label, "CSIRTs");
        assert_eq!(series[0].points.last().map(|p| p.1), Some(3));
        assert_eq!(
            series[1].label,
            "Law enforcement: suppressed (fewer than 3 organisations)"
        );
        assert!(series[1].points.is_empty());
    }
}
