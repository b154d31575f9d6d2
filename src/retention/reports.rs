//! Report files written before an erasure hold what it erased: `answers.csv` carries every
//! answer, personal free text included. So each erased campaign that has reports gets them
//! built again from what is left, and the build they replace is removed with its files.

use std::path::{Path, PathBuf};

use crate::audit::Actor;
use crate::questionnaire::Catalogue;
use crate::reports::{RADAR_FOLDER, ReportError, ReportFolder, ReportOptions};
use crate::storage::DbConn;
use crate::storage::campaigns::get_campaign;

use super::Erased;

/// Where reports live and the threshold they are built with: the configured
/// `reports_dir` and `privacy_k`.
#[derive(Debug, Clone)]
pub struct ReportsDir {
    pub dir: PathBuf,
    pub privacy_k: usize,
}

/// Builds again the current reports of each erased campaign that has some (with radars
/// when the build it replaces had them), audited as done by `actor`; the ids of the
/// campaigns rebuilt. A campaign never built has nothing to rebuild.
pub fn rebuild_reports(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    erased: &[Erased],
    reports: &ReportsDir,
    actor: &Actor,
) -> Result<Vec<i64>, ReportError> {
    let mut rebuilt = Vec::new();
    for campaign in erased {
        let Some(current) = ReportFolder::new(&reports.dir, campaign.campaign).current()? else {
            continue;
        };
        let options = ReportOptions {
            radars: had_radars(&current),
            ..ReportOptions::new(reports.privacy_k)
        };
        let details = get_campaign(conn, campaign.campaign)?;
        crate::reports::build_campaign_reports(
            conn,
            catalogue,
            &details,
            options,
            &reports.dir,
            &|_| {},
            actor,
        )?;
        rebuilt.push(campaign.campaign);
    }
    Ok(rebuilt)
}

fn had_radars(build: &Path) -> bool {
    build.join(RADAR_FOLDER).is_dir()
}
