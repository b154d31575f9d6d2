//! A campaign's radars on disk: `radars/<response id>.png`, one per response, and
//! `radars/index.json` saying whose each is. They are drawn in parallel into the fresh folder
//! of a build, which is swapped in whole (see [`crate::reports::builds`]), so a rebuild
//! never leaves a radar of an earlier build behind.

use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;

use serde::{Deserialize, Serialize};

use crate::campaigns::Tlp;
use crate::reports::ReportError;

use super::{REPORT_LANGUAGE, RadarHeading, ReportRadar, respondent_radar_png};

/// The folder, inside a campaign's report folder, that holds its radars.
pub const RADAR_FOLDER: &str = "radars";

/// The list of the radars in the folder; not a download of its own.
const INDEX_FILE: &str = "index.json";

/// Most radars a worker draws before it reports progress: small enough for a progress bar
/// to move steadily, large enough that reporting costs nothing next to drawing.
const MAX_CHUNK: usize = 64;

/// Whose a built radar is, as the index lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RadarEntry {
    pub response_id: i64,
    pub organisation: String,
    /// ISO 3166-1 alpha-2 of the organisation.
    pub country: String,
    /// The participant's audience: csirt, lea or judiciary.
    pub audience: String,
    /// The id of the questionnaire answered.
    pub questionnaire: String,
}

/// Where the radar of `response_id` lies in the report folder `campaign_dir`. The name is
/// made from a number, so no request can make it point outside the folder.
pub fn radar_path(campaign_dir: &Path, response_id: i64) -> PathBuf {
    campaign_dir
        .join(RADAR_FOLDER)
        .join(format!("{response_id}.png"))
}

/// The radars the last build wrote into `campaign_dir`, in response id order; none when it
/// drew none.
pub fn built_radars(campaign_dir: &Path) -> Result<Vec<RadarEntry>, ReportError> {
    let path = campaign_dir.join(RADAR_FOLDER).join(INDEX_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => {
            return Err(ReportError::Corrupt(format!(
                "cannot read {}: {e}",
                path.display()
            )));
        }
    };
    serde_json::from_slice(&bytes)
        .map_err(|e| ReportError::Corrupt(format!("{} is not a radar index: {e}", path.display())))
}

/// Draws every radar, spread over the available cores, into `campaign_dir/radars/`, which
/// must not exist yet: `campaign_dir` is a fresh build folder, swapped in whole once every
/// file is written. Returns the files written; `progress` hears how many of how many are
/// drawn, on the calling thread.
pub fn write_radars(
    campaign_dir: &Path,
    campaign: &str,
    tlp: Tlp,
    radars: &[ReportRadar],
    progress: &dyn Fn(usize, usize),
) -> Result<Vec<PathBuf>, ReportError> {
    let folder = campaign_dir.join(RADAR_FOLDER);
    std::fs::create_dir(&folder).map_err(|e| write_error(&folder, e))?;
    draw_all(&folder, campaign, tlp, radars, progress)?;
    // The index last: a folder with an index has every radar it lists.
    let entries: Vec<&RadarEntry> = radars.iter().map(|r| &r.entry).collect();
    let index = serde_json::to_vec(&entries)
        .map_err(|e| ReportError::Corrupt(format!("radar index: {e}")))?;
    let path = folder.join(INDEX_FILE);
    std::fs::write(&path, index).map_err(|e| write_error(&path, e))?;
    let mut files: Vec<PathBuf> = radars
        .iter()
        .map(|r| radar_path(campaign_dir, r.entry.response_id))
        .collect();
    files.push(path);
    Ok(files)
}

/// Draws the radars in chunks taken in turn by one worker per core; each finished chunk is
/// counted back to this thread, which alone calls `progress`.
fn draw_all(
    folder: &Path,
    campaign: &str,
    tlp: Tlp,
    radars: &[ReportRadar],
    progress: &dyn Fn(usize, usize),
) -> Result<(), ReportError> {
    let total = radars.len();
    progress(0, total);
    if total == 0 {
        return Ok(());
    }
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(total);
    let chunk = total.div_ceil(workers * 16).clamp(1, MAX_CHUNK);
    let (next, failed) = (&AtomicUsize::new(0), &AtomicBool::new(false));
    let (done, finished) = mpsc::channel::<usize>();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let done = done.clone();
                scope.spawn(move || -> Result<(), ReportError> {
                    while !failed.load(Ordering::Relaxed) {
                        let start = next.fetch_add(chunk, Ordering::Relaxed);
                        let Some(part) = radars.get(start..total.min(start + chunk)) else {
                            break;
                        };
                        if part.is_empty() {
                            break;
                        }
                        for radar in part {
                            draw_one(folder, campaign, tlp, radar).inspect_err(|_| {
                                failed.store(true, Ordering::Relaxed);
                            })?;
                        }
                        // Only progress: the receiver outlives every worker.
                        let _ = done.send(part.len());
                    }
                    Ok(())
                })
            })
            .collect();
        drop(done);
        let mut drawn = 0;
        for n in finished {
            drawn += n;
            progress(drawn, total);
        }
        handles
            .into_iter()
            .try_for_each(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
    })
}

fn draw_one(
    folder: &Path,
    campaign: &str,
    tlp: Tlp,
    radar: &ReportRadar,
) -> Result<(), ReportError> {
    let heading = RadarHeading {
        campaign,
        tlp,
        organisation: &radar.entry.organisation,
        questionnaire: &radar.questionnaire_title,
        provenance: &radar.provenance,
    };
    let png = respondent_radar_png(&heading, &radar.scores, REPORT_LANGUAGE)?;
    let path = folder.join(format!("{}.png", radar.entry.response_id));
    std::fs::write(&path, png).map_err(|e| write_error(&path, e))
}

fn write_error(path: &Path, e: std::io::Error) -> ReportError {
    ReportError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}
