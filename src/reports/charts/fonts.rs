//! The chart font: DejaVu Sans, shipped in `assets/fonts/` and embedded in the
//! binary so charts never depend on fonts installed on the host.

use std::sync::OnceLock;

use plotters::style::{FontStyle, register_font};

use crate::reports::ReportError;

/// The family name charts draw text with.
///
/// The embedded font is registered under plotters' generic sans-serif name so
/// that any plotters default (captions, axis labels) finds it too.
pub(crate) const FAMILY: &str = "sans-serif";

static REGULAR: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/DejaVuSans.ttf"
));
static BOLD: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/fonts/DejaVuSans-Bold.ttf"
));

/// Registers the embedded font with plotters, once per process.
///
/// plotters keeps fonts in a process-wide table, so the first chart pays for
/// parsing and every later call only reads the remembered outcome.
pub(crate) fn ensure_registered() -> Result<(), ReportError> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            register_font(FAMILY, FontStyle::Normal, REGULAR)
                .map_err(|_| "DejaVuSans.ttf is not a usable font".to_owned())?;
            register_font(FAMILY, FontStyle::Bold, BOLD)
                .map_err(|_| "DejaVuSans-Bold.ttf is not a usable font".to_owned())
        })
        .clone()
        .map_err(ReportError::Font)
}
