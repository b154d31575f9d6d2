//! `trend.png`: the trend's figures turned into the chart's panels, one per audience, with
//! every suppressed figure left out and the suppressed rounds marked as such.

use std::collections::BTreeSet;

use crate::campaigns::Tlp;
use crate::questionnaire::{Category, Dimension};
use crate::reports::charts::{ChartTitle, RoundState, TrendPanel, trend_png};
use crate::reports::labels::audience_label;
use crate::reports::{ReportError, category_label, dimension_label};

use super::series::{RoundInput, Trend, measures};

/// The chart's width, and the height of its heading and of each audience's band.
const WIDTH: u32 = 1000;
const HEADING: u32 = 230;
const BAND: u32 = 380;

/// The heading of the trend chart: the organisations of every round together.
pub(super) fn title(
    campaign: &str,
    tlp: Tlp,
    rounds: &[RoundInput],
    k: usize,
    provenance: String,
) -> ChartTitle {
    let organisations: BTreeSet<i64> = rounds
        .iter()
        .flat_map(|r| &r.responses)
        .map(|r| r.organisation_id)
        .collect();
    ChartTitle {
        campaign: campaign.to_owned(),
        tlp: tlp.to_string(),
        n: organisations.len(),
        subject: format!("Trend over {} rounds", rounds.len()),
        k,
        provenance,
    }
}

/// Draws `trend` (of `rounds`) as PNG bytes.
pub(super) fn trend_chart(
    trend: &Trend,
    rounds: &[RoundInput],
    title: &ChartTitle,
) -> Result<Vec<u8>, ReportError> {
    let labels: Vec<String> = trend
        .rounds
        .iter()
        .map(|r| format!("{} · {}", r.campaign, r.closes_on.format("%Y-%m-%d")))
        .collect();
    let measures = measures(rounds);
    let names: Vec<String> = measures.iter().map(|m| measure_label(m)).collect();
    let audiences: BTreeSet<&str> = trend
        .rounds
        .iter()
        .flat_map(|r| &r.audiences)
        .map(|a| a.audience.as_str())
        .collect();
    let panels: Vec<TrendPanel> = audiences
        .into_iter()
        .map(|audience| {
            let of_round: Vec<_> = trend
                .rounds
                .iter()
                .map(|r| r.audiences.iter().find(|a| a.audience == audience))
                .collect();
            let states = of_round
                .iter()
                .map(|a| match a {
                    None => RoundState::Absent,
                    Some(a) if a.submitted.suppressed => RoundState::Suppressed,
                    Some(_) => RoundState::Shown,
                })
                .collect();
            let tiers = of_round
                .iter()
                .any(|a| a.is_some_and(|a| a.tiers.is_some()))
                .then(|| {
                    of_round
                        .iter()
                        .map(|a| a.and_then(|a| a.tiers?.value))
                        .collect()
                });
            // By name: an audience has rows only for the measures it scores.
            let means = measures
                .iter()
                .map(|measure| {
                    of_round
                        .iter()
                        .map(|a| {
                            let (_, mean) = (*a)?.means.iter().find(|(m, _)| m == measure)?;
                            mean.value
                        })
                        .collect()
                })
                .collect();
            TrendPanel {
                label: audience_label(audience),
                states,
                tiers,
                means,
            }
        })
        .collect();
    let bands = u32::try_from(panels.len()).unwrap_or(u32::MAX).max(1);
    let height = HEADING.saturating_add(BAND.saturating_mul(bands)).min(4096);
    trend_png(title, &labels, &names, &panels, WIDTH, height)
}

/// A category code or dimension name as the legend writes it.
fn measure_label(measure: &str) -> String {
    let category = Category::ALL.iter().find(|c| c.code() == measure);
    let dimension = Dimension::ALL.iter().find(|d| d.as_str() == measure);
    match (category, dimension) {
        (Some(c), _) => category_label(*c, "en").to_owned(),
        (None, Some(d)) => dimension_label(*d, "en").to_owned(),
        (None, None) => measure.to_owned(),
    }
}
