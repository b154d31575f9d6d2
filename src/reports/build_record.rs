//! What a build of a campaign's reports rests on: when it began (its folder is named by
//! that time, see `builds`), and, kept in its folder beside the files, how many submitted
//! responses it read and the provenance of their scores. The reports page and the API read
//! it to tell how old the reports are and how many submissions arrived since.
//!
//! The record holds no time of its own, so two builds of the same responses hold the same
//! files, whatever the time.

use std::path::Path;

use chrono::{DateTime, NaiveDateTime, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

use super::builds::build_started;
use super::error::ReportError;

/// The record's file in a build folder; not one of the files downloads offer.
pub const BUILD_RECORD: &str = "build.json";

/// What a build rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildRecord {
    /// Submitted responses the tables and charts were made from.
    pub submissions: usize,
    /// Where the scores come from (see `Provenance::line`).
    pub provenance: String,
}

/// What is known of the current build: everything when it has its record; only when it
/// was made for a build made before builds kept one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildInfo {
    /// When the build began, before it read the submitted responses: a response submitted
    /// later is not in it (one submitted while it began may be, and still counts as later).
    /// For a folder not named by a build, when it was last written.
    pub built_at: DateTime<Utc>,
    pub submissions: Option<usize>,
    pub provenance: Option<String>,
}

impl BuildInfo {
    /// `built_at` as the storage compares it with `submitted_at`: UTC, to the microsecond
    /// that timestamps are stored with.
    pub fn built_at_naive(&self) -> NaiveDateTime {
        self.built_at.naive_utc().trunc_subsecs(6)
    }
}

impl BuildRecord {
    /// Writes the record into the build folder `dir`.
    pub fn write(&self, dir: &Path) -> Result<(), ReportError> {
        let path = dir.join(BUILD_RECORD);
        let body = serde_json::to_vec_pretty(self).map_err(|e| ReportError::Write {
            path: path.clone(),
            reason: e.to_string(),
        })?;
        std::fs::write(&path, body).map_err(|e| ReportError::Write {
            path,
            reason: e.to_string(),
        })
    }
}

/// What is known of the build in folder `dir`. Blocking.
pub fn build_info(dir: &Path) -> Result<BuildInfo, ReportError> {
    let corrupt = |e: &dyn std::fmt::Display, path: &Path| {
        ReportError::Corrupt(format!("cannot read {}: {e}", path.display()))
    };
    let built_at = match build_started(dir) {
        Some(at) => at,
        None => std::fs::metadata(dir)
            .and_then(|m| m.modified())
            .map_err(|e| corrupt(&e, dir))?
            .into(),
    };
    let path = dir.join(BUILD_RECORD);
    let record: Option<BuildRecord> = match std::fs::read(&path) {
        Ok(body) => Some(serde_json::from_slice(&body).map_err(|e| corrupt(&e, &path))?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(corrupt(&e, &path)),
    };
    Ok(BuildInfo {
        built_at,
        submissions: record.as_ref().map(|r| r.submissions),
        provenance: record.map(|r| r.provenance),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_written_and_the_build_is_dated_by_its_folder_name() {
        let out = tempfile::tempdir().expect("a folder");
        let dir = out.path().join("20261206T093000.250000Z-41-0");
        std::fs::create_dir(&dir).expect("a build folder");
        let record = BuildRecord {
            submissions: 7,
            provenance: "csirt-maturity 1.0.0 scored with tier table".to_owned(),
        };
        record.write(&dir).expect("written");
        let info = build_info(&dir).expect("read");
        let at: DateTime<Utc> = "2026-12-06T09:30:00.25Z".parse().expect("a time");
        assert_eq!(info.built_at, at);
        assert_eq!(info.submissions, Some(7));
        assert_eq!(info.provenance.as_deref(), Some(record.provenance.as_str()));
    }

    #[test]
    fn a_folder_without_a_build_name_or_record_is_dated_by_when_it_was_written() {
        let dir = tempfile::tempdir().expect("a folder");
        let info = build_info(dir.path()).expect("read");
        assert_eq!(info.submissions, None);
        let age = Utc::now() - info.built_at;
        assert!(age.num_seconds().abs() < 60, "{age}");
    }
}
