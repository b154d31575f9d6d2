//! Handing out a file of a campaign's current reports: which files may be asked for, which
//! of them hold a row per respondent, and reading one with its download audited; and the
//! reports page's one entry for all it shows, whose chart previews are read without one
//! each.

use std::path::Path;

use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::ids::CampaignId;
use crate::storage::DbConn;

use super::builds::ReportFolder;
use super::error::ReportError;
use super::files::{PAGE_CHARTS, REPORT_FILES};
use super::radars::RADAR_FOLDER;

/// Files with one row per answer or response: who said what.
pub const ROW_LEVEL_FILES: [&str; 2] = ["answers.csv", "scores.csv"];

/// A file of a campaign's reports that may be served. Only the stable names of
/// [`REPORT_FILES`] and radars named by a response id exist, so no name a request makes
/// up reaches the file system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFile {
    /// One of [`REPORT_FILES`].
    Named(&'static str),
    /// The radar of one response, in [`RADAR_FOLDER`].
    Radar(i64),
}

impl ReportFile {
    /// The report file called `name`, if there is one.
    pub fn named(name: &str) -> Option<ReportFile> {
        REPORT_FILES
            .into_iter()
            .find(|f| *f == name)
            .map(ReportFile::Named)
    }

    /// Whether the file tells who said what: the row-level tables, and every radar, which
    /// names the organisation whose scores it draws.
    pub fn is_row_level(self) -> bool {
        match self {
            ReportFile::Named(name) => ROW_LEVEL_FILES.contains(&name),
            ReportFile::Radar(_) => true,
        }
    }

    /// Its path inside a build, also what the audit log records as downloaded.
    pub fn path(self) -> String {
        match self {
            ReportFile::Named(name) => name.to_owned(),
            ReportFile::Radar(response) => format!("{RADAR_FOLDER}/{response}.png"),
        }
    }
}

/// Reads `file` from the current build of the campaign's reports under `out`; `None` when
/// it is not built. Blocking.
fn read_current(
    out: &Path,
    campaign: CampaignId,
    file: ReportFile,
) -> Result<Option<Vec<u8>>, ReportError> {
    let Some(dir) = ReportFolder::new(out, campaign.get()).current()? else {
        return Ok(None);
    };
    Ok(std::fs::read(dir.join(file.path())).ok())
}

/// Reads `file` from the current build of the campaign's reports under `out` and, when it
/// is there, records its download by `actor`; `None` when it is not built. Blocking.
pub fn download(
    conn: &mut DbConn,
    out: &Path,
    campaign: CampaignId,
    file: ReportFile,
    actor: &Actor,
) -> Result<Option<Vec<u8>>, ReportError> {
    let Some(body) = read_current(out, campaign, file)? else {
        return Ok(None);
    };
    let subject = AuditSubject::Report {
        campaign,
        file: file.path(),
    };
    audit::record(conn, actor, AuditAction::ReportDownload, &subject, None)?;
    Ok(Some(body))
}

/// Records that `actor` opened the campaign's reports page, showing the charts `shown`
/// of the current build: the one entry for everything the page shows.
pub fn record_view(
    conn: &mut DbConn,
    campaign: CampaignId,
    shown: &[&str],
    actor: &Actor,
) -> Result<(), ReportError> {
    let detail = if shown.is_empty() {
        "no chart shown".to_owned()
    } else {
        format!("charts shown: {}", shown.join(", "))
    };
    let subject = AuditSubject::Campaign(campaign);
    audit::record(
        conn,
        actor,
        AuditAction::ReportsView,
        &subject,
        Some(&detail),
    )?;
    Ok(())
}

/// Reads chart `name` (one of [`PAGE_CHARTS`], aggregates only) from the current build to
/// show on the reports page, without an entry of its own: the page that shows it recorded
/// its opening ([`record_view`]), while the chart's own download is audited as every
/// file's is. `None` when it is not built or is no chart. Blocking.
pub fn preview_chart(
    out: &Path,
    campaign: CampaignId,
    name: &str,
) -> Result<Option<(ReportFile, Vec<u8>)>, ReportError> {
    let Some(chart) = PAGE_CHARTS.into_iter().find(|c| *c == name) else {
        return Ok(None);
    };
    let file = ReportFile::Named(chart);
    Ok(read_current(out, campaign, file)?.map(|body| (file, body)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_listed_names_are_report_files() {
        assert_eq!(
            ReportFile::named("scores.csv"),
            Some(ReportFile::Named("scores.csv"))
        );
        assert_eq!(ReportFile::named("../secrets"), None);
        assert_eq!(ReportFile::named("radars/1.png"), None);
        assert_eq!(ReportFile::Radar(12).path(), "radars/12.png");
    }

    #[test]
    fn the_tables_of_rows_and_the_radars_are_row_level() {
        assert!(ReportFile::Named("answers.csv").is_row_level());
        assert!(ReportFile::Radar(3).is_row_level());
        assert!(!ReportFile::Named("aggregates.csv").is_row_level());
    }
}
