//! Reports: charts and exports built from scored assessments.

mod build;
pub mod charts;
pub mod data;
pub mod error;
pub mod recommendations;

pub use build::{CHART_FILES, REPORT_FILES, build_campaign_reports};
pub use charts::{
    ChartTitle, GapRow, ProgressSeries, RadarAxis, TierGroup, category_means_png, heatmap_png,
    perception_gap_png, progress_png, radar_png, tier_distribution_png,
};
pub use error::ReportError;
pub use recommendations::RECOMMENDATION_FILES;
