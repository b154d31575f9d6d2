//! PNG charts drawn with plotters into memory: the radar chart, plus the
//! canvas, palette and embedded font every chart shares.
//!
//! Drawing is CPU-bound and synchronous; callers on the async executor run it
//! in `web::block` or `spawn_blocking`.

mod canvas;
mod fonts;
pub mod radar;
mod text;

pub use radar::{RadarAxis, radar_png};
