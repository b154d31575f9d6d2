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
    /// The rows a report is built from could not be read.
    #[error("report data could not be read: {0}")]
    Storage(#[from] crate::storage::StorageError),
    /// A stored answer or questionnaire does not have the shape scoring expects.
    #[error("report data is inconsistent: {0}")]
    Corrupt(String),
    /// A table operation failed inside the data-frame library.
    #[error("report table could not be computed: {0}")]
    Table(String),
    /// Another build of the campaign's reports holds its lock.
    #[error(
        "the reports of campaign {0} are being built by another request or process; \
         try again when it has finished"
    )]
    Busy(i64),
    /// A download made from a build (the archive, the workbook) could not be put together.
    #[error("the download could not be made: {0}")]
    Bundle(String),
    /// A report file could not be written.
    #[error("cannot write {path}: {reason}")]
    Write {
        path: std::path::PathBuf,
        reason: String,
    },
}
