//! Reports: charts and exports built from scored assessments.

pub mod agreed;
pub mod archive;
mod build;
pub mod build_record;
pub mod builds;
pub mod bundles;
mod campaign_charts;
pub mod cells;
pub mod charts;
pub mod data;
pub mod downloads;
pub mod error;
mod files;
pub(crate) mod labels;
pub mod mapped;
pub mod peer_gaps;
pub mod peers;
pub mod perception;
pub mod provenance;
pub mod radars;
pub mod recommendations;
pub mod sod;
pub mod trend;
pub mod workbook;

pub use build::{Progress, ReportOptions, build_campaign_reports};
pub use build_record::{BuildInfo, BuildRecord, build_info};
pub use builds::ReportFolder;
pub use charts::{
    ChartTitle, GapRow, ProgressSeries, RadarAxis, RadarReference, TierGroup, category_means_png,
    heatmap_png, perception_gap_png, progress_png, radar_png, tier_distribution_png,
};
pub use downloads::{ROW_LEVEL_FILES, ReportFile};
pub use error::ReportError;
pub use files::{
    CHART_FILES, PAGE_CHARTS, REPORT_FILE_DESCRIPTIONS, REPORT_FILES, describe, is_optional,
};
pub use labels::{audience_label, category_label, dimension_label};
pub use peer_gaps::PEER_GAP_FILES;
pub use provenance::Provenance;
pub use radars::{
    RADAR_FOLDER, RadarEntry, RadarHeading, RadarScores, respondent_radar_png,
    respondent_radar_with_reference,
};
pub use recommendations::RECOMMENDATION_FILES;
pub use trend::TREND_FILES;
