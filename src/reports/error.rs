//! `ReportError`: everything that can go wrong while building a report or chart.

/// An error from the reports layer.
///
/// Messages name what failed, not who asked: the web layer decides what a
/// user gets to see.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The chart could not be drawn: bad input (too few axes, an unusable
    /// size) or a failure inside the drawing library.
    #[error("chart could not be drawn: {0}")]
    Chart(String),
    /// The embedded font could not be loaded into the drawing library.
    #[error("chart font could not be loaded: {0}")]
    Font(String),
    /// The drawn image could not be encoded.
    #[error("image could not be encoded: {0}")]
    Encode(String),
}
