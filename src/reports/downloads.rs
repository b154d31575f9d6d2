//! Handing out a file of a campaign's current reports: which files may be asked for, which
//! of them hold a row per respondent, and reading one with its download audited.

use std::path::Path;

use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::ids::CampaignId;
use crate::storage::DbConn;

use super::build::REPORT_FILES;
use super::builds::ReportFolder;
use super::error::ReportError;
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

/// Reads `file` from the current build of the campaign's reports under `out` and, when it
/// is there, records its download by `actor`; `None` when it is not built. Blocking.
pub fn download(
    conn: &mut DbConn,
    out: &Path,
    campaign: CampaignId,
    file: ReportFile,
    actor: &Actor,
) -> Result<Option<Vec<u8>>, ReportError> {
    let Some(dir) = ReportFolder::new(out, campaign.get()).current()? else {
        return Ok(None);
    };
    let Ok(body) = std::fs::read(dir.join(file.path())) else {
        return Ok(None);
    };
    let subject = AuditSubject::Report {
        campaign,
        file: file.path(),
    };
    audit::record(conn, actor, AuditAction::ReportDownload, &subject, None)?;
    Ok(Some(body))
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
