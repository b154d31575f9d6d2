//! PNG charts drawn with plotters into memory: the per-respondent radar
//! chart, the campaign charts (tier distribution, category means, parameter
//! heatmap, perception gap, response progress, trend across rounds), and the canvas, palette,
//! title frame and embedded font they share.
//!
//! Drawing is CPU-bound and synchronous; callers on the async executor run it
//! in `web::block` or `spawn_blocking`.

mod axis;
mod canvas;
mod fonts;
mod frame;
pub mod gap;
pub mod heatmap;
mod legend;
mod matrix;
pub mod means;
mod palette;
pub mod peer_gaps;
pub mod progress;
pub mod radar;
#[cfg(test)]
mod testing;
mod text;
pub mod tiers;
pub mod trend;

pub use frame::ChartTitle;
pub use gap::{GapRow, perception_gap_png};
pub use heatmap::{heatmap_png, share_heatmap_png};
pub use means::{Series, category_means_png};
pub use peer_gaps::peer_gaps_png;
pub use progress::{ProgressSeries, progress_png};
pub use radar::{RadarAxis, RadarReference, radar_png, radar_png_with_reference};
pub use tiers::{TierGroup, tier_distribution_png};
pub use trend::{RoundState, TrendPanel, trend_png};
