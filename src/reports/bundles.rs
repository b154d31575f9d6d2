//! Downloads made of a whole build of a campaign's reports: every file as one ZIP archive,
//! and the tables (the trend's too, when there is one) as one workbook. Each is made when
//! asked, from the build current at that moment, into a temporary file that vanishes once
//! sent; each follows the rule of single files (no row-level file for one who may not read rows) and is audited the same.

use std::fs::File;
use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::campaigns::Tlp;
use crate::ids::CampaignId;
use crate::storage::DbConn;

use super::archive::{bundle_name, write_archive};
use super::builds::ReportFolder;
use super::data::CSV_FILES;
use super::downloads::ReportFile;
use super::error::ReportError;
use super::files::REPORT_FILES;
use super::radars::built_radars;
use super::trend::TREND_FILES;
use super::workbook::write_workbook;

/// A download made from a build, ready to send.
#[derive(Debug)]
pub struct Bundle {
    /// The name to save it under, with the campaign and its TLP label.
    pub name: String,
    /// An unnamed temporary file, read from its start.
    pub file: File,
    pub len: u64,
}

/// The files of the build in `dir` that the archive holds for one who may (`rows`) or may
/// not read row-level files: the report files, and the per-respondent radars only for the
/// former. Blocking.
pub fn archive_files(dir: &Path, rows: bool) -> Result<Vec<String>, ReportError> {
    let mut files: Vec<String> = REPORT_FILES
        .into_iter()
        .map(ReportFile::Named)
        .filter(|f| rows || !f.is_row_level())
        .map(ReportFile::path)
        .collect();
    if rows {
        let radars = built_radars(dir)?;
        files.extend(
            radars
                .into_iter()
                .map(|r| ReportFile::Radar(r.response_id).path()),
        );
    }
    Ok(files)
}

/// The tables of the build in `dir` the workbook holds, one sheet each, by the same rule:
/// the campaign's tables, then the trend when the build has one.
pub fn workbook_tables(dir: &Path, rows: bool) -> Vec<&'static str> {
    let trend = TREND_FILES[0];
    let peer_gaps = crate::reports::PEER_GAP_FILES[0];
    CSV_FILES
        .into_iter()
        .filter(|name| rows || !ReportFile::Named(name).is_row_level())
        .chain(dir.join(trend).is_file().then_some(trend))
        .chain(dir.join(peer_gaps).is_file().then_some(peer_gaps))
        .collect()
}

/// The folder of the campaign's current build and the name of its `extension` bundle;
/// `None` before the first build.
fn current_build(
    out: &Path,
    campaign: CampaignId,
    tlp: Tlp,
    extension: &str,
) -> Result<Option<(PathBuf, String)>, ReportError> {
    let dir = ReportFolder::new(out, campaign.get()).current()?;
    Ok(dir.map(|dir| (dir, bundle_name(campaign, tlp, extension))))
}

/// Every file of the campaign's current build that `actor` may have (`rows`: whether they
/// may read row-level files), as one ZIP archive; `None` before the first build. The
/// download is audited with what the archive holds. Blocking.
pub fn download_archive(
    conn: &mut DbConn,
    out: &Path,
    campaign: CampaignId,
    tlp: Tlp,
    rows: bool,
    actor: &Actor,
) -> Result<Option<Bundle>, ReportError> {
    let Some((dir, name)) = current_build(out, campaign, tlp, "zip")? else {
        return Ok(None);
    };
    let folder = name.trim_end_matches(".zip");
    let files = archive_files(&dir, rows)?;
    let (file, held) = write_archive(&dir, folder, &files, temporary()?)?;
    let radars = held
        .iter()
        .filter(|f| f.ends_with(".png") && f.contains('/'));
    let radars = radars.count();
    let named: Vec<&str> = held
        .iter()
        .filter(|f| !f.contains('/'))
        .map(String::as_str)
        .collect();
    let mut detail = format!("{name}: {}", named.join(", "));
    if radars > 0 {
        detail.push_str(&format!(", {radars} radars"));
    }
    sent(conn, campaign, detail, actor, file, name).map(Some)
}

/// The tables of the campaign's current build that `actor` may have as one workbook, one
/// sheet each; `None` before the first build. The download is audited. Blocking.
pub fn download_workbook(
    conn: &mut DbConn,
    out: &Path,
    campaign: CampaignId,
    tlp: Tlp,
    rows: bool,
    actor: &Actor,
) -> Result<Option<Bundle>, ReportError> {
    let Some((dir, name)) = current_build(out, campaign, tlp, "xlsx")? else {
        return Ok(None);
    };
    let tables = workbook_tables(&dir, rows);
    let mut file = temporary()?;
    write_workbook(&dir, &tables, &mut file)?;
    let detail = format!("{name}: {}", tables.join(", "));
    sent(conn, campaign, detail, actor, file, name).map(Some)
}

/// Records the download and rewinds the file for sending.
fn sent(
    conn: &mut DbConn,
    campaign: CampaignId,
    detail: String,
    actor: &Actor,
    mut file: File,
    name: String,
) -> Result<Bundle, ReportError> {
    let fail = |e: std::io::Error| ReportError::Bundle(e.to_string());
    let len = file.seek(SeekFrom::End(0)).map_err(fail)?;
    file.rewind().map_err(fail)?;
    let subject = AuditSubject::Report {
        campaign,
        file: detail,
    };
    audit::record(conn, actor, AuditAction::ReportDownload, &subject, None)?;
    Ok(Bundle { name, file, len })
}

/// A file with no name, removed by the system when closed, so nothing is left behind
/// whatever happens to the request.
fn temporary() -> Result<File, ReportError> {
    tempfile::tempfile().map_err(|e| ReportError::Bundle(format!("temporary file: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_the_right_to_read_rows_no_row_level_file_is_bundled() {
        let dir = tempfile::tempdir().expect("a folder");
        let files = archive_files(dir.path(), false).expect("files");
        assert!(
            !files
                .iter()
                .any(|f| f == "answers.csv" || f == "scores.csv")
        );
        assert!(files.iter().any(|f| f == "aggregates.csv"));
        assert!(files.iter().any(|f| f == "non_answers.csv"));
        assert!(files.iter().all(|f| !f.starts_with("radars/")));
        assert_eq!(
            workbook_tables(dir.path(), false),
            ["aggregates.csv", "non_answers.csv"]
        );
        assert_eq!(
            workbook_tables(dir.path(), true),
            [
                "answers.csv",
                "scores.csv",
                "aggregates.csv",
                "non_answers.csv"
            ]
        );
        std::fs::write(dir.path().join("trend.csv"), "# TLP\n").expect("written");
        assert_eq!(
            workbook_tables(dir.path(), false),
            ["aggregates.csv", "non_answers.csv", "trend.csv"]
        );
        let all = archive_files(dir.path(), true).expect("files");
        assert_eq!(all, REPORT_FILES.map(str::to_owned));
    }
}
