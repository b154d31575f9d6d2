//! The files a campaign's report build writes, by their stable names: which there are, in
//! what order, which only some campaigns get, and the line the reports page shows for each.

use super::mapped::MAPPED_FILE;
use super::peer_gaps::PEER_GAP_FILES;
use super::perception::PERCEPTION_FILE;
use super::sod::SOD_FILES;
use super::trend::TREND_FILES;

/// The chart files, in the order they are written.
pub const CHART_FILES: [&str; 5] = [
    "tiers.png",
    "means.png",
    "heatmap.png",
    "gap.png",
    "progress.png",
];

/// The charts the reports page shows, in order: the campaign's charts, then the trend
/// across rounds when the campaign has one.
pub const PAGE_CHARTS: [&str; 8] = [
    "tiers.png",
    "means.png",
    "heatmap.png",
    "gap.png",
    "progress.png",
    "sod.png",
    "trend.png",
    "peer_gaps.png",
];

/// Every file `build::build_campaign_reports` writes, in order: the stable names downloads offer.
/// The trend files come last and only for a campaign that follows another
/// ([`TREND_FILES`]). The per-respondent radars follow in their own folder,
/// [`super::radars::RADAR_FOLDER`].
pub const REPORT_FILES: [&str; 19] = [
    "answers.csv",
    "scores.csv",
    "aggregates.csv",
    "non_answers.csv",
    "tiers.png",
    "means.png",
    "heatmap.png",
    "gap.png",
    "progress.png",
    "recommendations.md",
    "recommendations.html",
    "perception_gaps.csv",
    "mapped.csv",
    "sod.csv",
    "sod.png",
    "trend.csv",
    "trend.png",
    "peer_gaps.csv",
    "peer_gaps.png",
];

/// One line on each of [`REPORT_FILES`], in the same order, as the reports page shows it.
pub const REPORT_FILE_DESCRIPTIONS: [(&str, &str); 19] = [
    (
        "answers.csv",
        "Every answer of every submitted response, one row per answer.",
    ),
    (
        "scores.csv",
        "One row per submitted response: completeness, parameter levels, category or dimension scores and tier.",
    ),
    (
        "aggregates.csv",
        "Counts, means, medians and tiers by audience and country; groups under the privacy threshold left empty.",
    ),
    (
        "non_answers.csv",
        "Per question, the share of \"Don't know\" and \"Prefer not to say\" answers by audience and country; groups under the privacy threshold left empty.",
    ),
    (
        "tiers.png",
        "How many organisations reached each tier, by audience.",
    ),
    (
        "means.png",
        "The mean score of each category or dimension, by audience.",
    ),
    (
        "heatmap.png",
        "The median level of each parameter, by country.",
    ),
    (
        "gap.png",
        "Where CSIRTs, law enforcement and the judiciary of a country judge their cooperation differently, pair by pair.",
    ),
    (
        "progress.png",
        "Submissions over time, by audience, against the number invited.",
    ),
    (
        "recommendations.md",
        "The ranked recommendations for the network, as Markdown to edit.",
    ),
    (
        "recommendations.html",
        "The same recommendations as a page to read or print.",
    ),
    (
        "perception_gaps.csv",
        "Per country, pair of audiences and dimension, each side's mean over the questions both were asked, and the gap; pairs with a side under the privacy threshold left empty.",
    ),
    (
        "mapped.csv",
        "Per organisation and mapped requirement (NIS2 readiness), its level beside the levels of the related SIM3 parameters in its latest handed-in self-assessment, and where the two cannot both be right.",
    ),
    (
        "sod.csv",
        "The division of duties: per country, audience, duty and actor, how many organisations chose each role, the role most chosen and whether it matches the reference matrix; sides under the privacy threshold left empty.",
    ),
    (
        "sod.png",
        "Per duty and actor, the share of country sides that match the reference matrix, and the share of countries whose sides agree.",
    ),
    (
        "trend.csv",
        "Per round of the series: submissions, tiers and means, and how the same organisations moved; rounds under the privacy threshold left empty.",
    ),
    (
        "trend.png",
        "The tier distribution and the mean scores of each round of the series, by audience.",
    ),
    (
        "peer_gaps.csv",
        "Per parameter, how many peer-reviewed organisations rated themselves each number of levels above (+) or below (−) their peers; parameters under the privacy threshold left empty.",
    ),
    (
        "peer_gaps.png",
        "The same distribution of self − peer levels per parameter, as shares of the organisations.",
    ),
];

/// Whether report file `name` is made only for some campaigns (the trend, for a campaign
/// that follows another), so that its absence from a build is no gap in it.
pub fn is_optional(name: &str) -> bool {
    TREND_FILES.contains(&name)
        || PEER_GAP_FILES.contains(&name)
        || SOD_FILES.contains(&name)
        || name == PERCEPTION_FILE
        || name == MAPPED_FILE
}

/// The line describing report file `name`; empty for a name not in [`REPORT_FILES`].
pub fn describe(name: &str) -> &'static str {
    REPORT_FILE_DESCRIPTIONS
        .iter()
        .find(|(file, _)| *file == name)
        .map_or("", |(_, line)| line)
}

#[cfg(test)]
mod tests {
    use super::{CHART_FILES, REPORT_FILE_DESCRIPTIONS, REPORT_FILES, describe, is_optional};
    use crate::reports::RECOMMENDATION_FILES;
    use crate::reports::data::CSV_FILES;
    use crate::reports::mapped::MAPPED_FILE;
    use crate::reports::peer_gaps::PEER_GAP_FILES;
    use crate::reports::perception::PERCEPTION_FILE;
    use crate::reports::sod::SOD_FILES;
    use crate::reports::trend::TREND_FILES;

    #[test]
    fn the_report_file_list_is_every_file_written_in_order() {
        let written: Vec<&str> = CSV_FILES
            .iter()
            .chain(&CHART_FILES)
            .chain(&RECOMMENDATION_FILES)
            .chain(&[PERCEPTION_FILE, MAPPED_FILE])
            .chain(&SOD_FILES)
            .chain(&TREND_FILES)
            .chain(&PEER_GAP_FILES)
            .copied()
            .collect();
        assert_eq!(written, REPORT_FILES);
    }

    #[test]
    fn every_report_file_has_its_one_line_description() {
        let described = REPORT_FILE_DESCRIPTIONS.map(|(name, _)| name);
        assert_eq!(described, REPORT_FILES);
        assert!(REPORT_FILES.iter().all(|f| !describe(f).is_empty()));
        assert_eq!(describe("radars"), "");
    }

    #[test]
    fn only_the_perception_trend_and_peer_gap_files_are_made_for_some_campaigns_alone() {
        let optional: Vec<&str> = REPORT_FILES
            .into_iter()
            .filter(|f| is_optional(f))
            .collect();
        let expected: Vec<&str> = [PERCEPTION_FILE, MAPPED_FILE]
            .iter()
            .chain(&SOD_FILES)
            .chain(&TREND_FILES)
            .chain(&PEER_GAP_FILES)
            .copied()
            .collect();
        assert_eq!(optional, expected);
    }

    #[test]
    fn the_page_shows_every_chart_the_trend_and_the_peer_gaps() {
        let charts: Vec<&str> = CHART_FILES
            .iter()
            .chain(&SOD_FILES[1..])
            .chain(&TREND_FILES[1..])
            .chain(&PEER_GAP_FILES[1..])
            .copied()
            .collect();
        assert_eq!(charts, super::PAGE_CHARTS);
    }
}
