//! Reports: charts and exports built from scored assessments.

pub mod charts;
pub mod error;

pub use charts::{RadarAxis, radar_png};
pub use error::ReportError;
