//! Where a campaign's reports lie on disk, so that a reader always sees one complete build.
//!
//! Each build is written into a fresh folder `<out>/.builds/<campaign>/<build>/`. The stable
//! name `<out>/<campaign>` is a symbolic link to the current build; a finished build is put
//! in place by renaming a new link over the old one, which is atomic, and only then is the
//! old build removed. A build that fails or is killed part way leaves the link untouched.
//! One lock file per campaign, held for the whole build, keeps a second build out, and the
//! folders a killed build left behind are removed under that lock by the next build.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::error::ReportError;

/// The hidden folder, inside the reports folder, that holds every campaign's builds.
pub const BUILDS_FOLDER: &str = ".builds";

/// The lock file in a campaign's builds folder; held (not merely present) during a build.
const LOCK_FILE: &str = "lock";

/// The new link, made beside the builds and then renamed over the stable name.
const NEXT_LINK: &str = "next-link";

/// The report folder of one campaign under a reports folder `out`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportFolder {
    out: PathBuf,
    campaign: i64,
}

impl ReportFolder {
    pub fn new(out: &Path, campaign: i64) -> ReportFolder {
        ReportFolder {
            out: out.to_path_buf(),
            campaign,
        }
    }

    /// `<out>/<campaign>`: the stable name people and scripts use, a link to the current build.
    pub fn link(&self) -> PathBuf {
        self.out.join(self.campaign.to_string())
    }

    /// `<out>/.builds/<campaign>`: the builds, finished or not, and the lock file.
    fn builds(&self) -> PathBuf {
        self.out.join(BUILDS_FOLDER).join(self.campaign.to_string())
    }

    /// The folder of the current complete build; `None` before the first one. Resolve it
    /// once per request and read every file from what it returns: all of them then come
    /// from the same build, even while another build is swapped in.
    pub fn current(&self) -> Result<Option<PathBuf>, ReportError> {
        let link = self.link();
        let unreadable = |e: std::io::Error| {
            ReportError::Corrupt(format!("cannot read {}: {e}", link.display()))
        };
        match std::fs::symlink_metadata(&link) {
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(unreadable(e)),
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&link).map_err(unreadable)?;
                Ok(Some(self.out.join(target)))
            }
            // Written before builds were swapped in whole; readable until the next build.
            Ok(meta) if meta.is_dir() => Ok(Some(link)),
            Ok(_) => Err(ReportError::Corrupt(format!(
                "{} is neither a link to a build nor a folder",
                link.display()
            ))),
        }
    }

    /// The build folder the link points at, by name; `None` when there is none.
    fn current_name(&self) -> Option<std::ffi::OsString> {
        std::fs::read_link(self.link())
            .ok()
            .and_then(|t| t.file_name().map(ToOwned::to_owned))
    }
}

/// A build being written: holds the campaign's lock until it is published or dropped.
/// Dropped unpublished (an error part way), it removes its folder and changes nothing.
#[derive(Debug)]
pub struct NewBuild {
    folder: ReportFolder,
    dir: PathBuf,
    published: bool,
    // Last field: released only after `drop` has removed an unpublished folder.
    _lock: File,
}

impl NewBuild {
    /// Takes the campaign's lock (refusing with [`ReportError::Busy`] while another build
    /// holds it), removes what earlier builds left behind, and makes a fresh, empty folder.
    pub fn start(folder: ReportFolder) -> Result<NewBuild, ReportError> {
        let builds = folder.builds();
        std::fs::create_dir_all(&builds).map_err(|e| write_error(&builds, e))?;
        let lock_path = builds.join(LOCK_FILE);
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|e| write_error(&lock_path, e))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(ReportError::Busy(folder.campaign)),
            Err(TryLockError::Error(e)) => return Err(write_error(&lock_path, e)),
        }
        adopt_plain_folder(&folder)?;
        remove_leftovers(&folder)?;
        let dir = builds.join(build_name());
        std::fs::create_dir(&dir).map_err(|e| write_error(&dir, e))?;
        Ok(NewBuild {
            folder,
            dir,
            published: false,
            _lock: lock,
        })
    }

    /// The fresh folder to write every file of the build into.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Makes this build the current one in one step, then removes the one it replaces.
    /// Returns the stable folder, `<out>/<campaign>`.
    pub fn publish(mut self) -> Result<PathBuf, ReportError> {
        let name = self.dir.file_name().map(ToOwned::to_owned);
        let target = Path::new(BUILDS_FOLDER)
            .join(self.folder.campaign.to_string())
            .join(name.unwrap_or_default());
        swap_link(&self.folder, &target)?;
        self.published = true;
        // The new build is in place whatever happens now; what is not removed here is
        // removed by the next build.
        if let Err(e) = remove_leftovers(&self.folder) {
            tracing::warn!(error = %e, "an earlier report build could not be removed");
        }
        Ok(self.folder.link())
    }
}

impl Drop for NewBuild {
    fn drop(&mut self) {
        if !self.published {
            // Best effort: the error that stopped the build is the one worth reporting, and
            // the next build removes whatever is left.
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

/// Points the stable name at `target` (relative to the reports folder, so the folder can
/// be moved) by renaming a new link over it: readers see the old build or the new one.
fn swap_link(folder: &ReportFolder, target: &Path) -> Result<(), ReportError> {
    let next = folder.builds().join(NEXT_LINK);
    remove_entry(&next)?;
    std::os::unix::fs::symlink(target, &next).map_err(|e| write_error(&next, e))?;
    let link = folder.link();
    std::fs::rename(&next, &link).map_err(|e| write_error(&link, e))?;
    // The rename itself reaches the disk with the folder's entry.
    if let Ok(out) = File::open(&folder.out) {
        let _ = out.sync_all();
    }
    Ok(())
}

/// A reports folder written before builds were swapped in whole has `<out>/<campaign>` as
/// a plain folder: it becomes a build like any other (without the hidden `.radars-*`
/// scratch folders of interrupted radar swaps), so the link can take its place.
fn adopt_plain_folder(folder: &ReportFolder) -> Result<(), ReportError> {
    let link = folder.link();
    match std::fs::symlink_metadata(&link) {
        Ok(meta) if meta.is_dir() => {}
        _ => return Ok(()),
    }
    let entries = std::fs::read_dir(&link).map_err(|e| write_error(&link, e))?;
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(".radars-") {
            remove_entry(&entry.path())?;
        }
    }
    let name = format!("adopted-{}", build_name());
    let adopted = folder.builds().join(&name);
    std::fs::rename(&link, &adopted).map_err(|e| write_error(&link, e))?;
    let target = Path::new(BUILDS_FOLDER)
        .join(folder.campaign.to_string())
        .join(name);
    swap_link(folder, &target)
}

/// Removes every build of the campaign but the current one: builds it replaced, and
/// half-written ones of builds that failed or were killed. Call it only under the lock.
fn remove_leftovers(folder: &ReportFolder) -> Result<(), ReportError> {
    let builds = folder.builds();
    let current = folder.current_name();
    let entries = std::fs::read_dir(&builds).map_err(|e| write_error(&builds, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| write_error(&builds, e))?;
        let name = entry.file_name();
        if name == LOCK_FILE || Some(&name) == current.as_ref() {
            continue;
        }
        remove_entry(&entry.path())?;
    }
    Ok(())
}

/// Removes a folder with its contents, or a file or link; nothing there is fine.
fn remove_entry(path: &Path) -> Result<(), ReportError> {
    let removed = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(()),
        Err(e) => Err(e),
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
    };
    match removed {
        Err(e) if e.kind() != ErrorKind::NotFound => Err(write_error(path, e)),
        _ => Ok(()),
    }
}

/// How a build's name writes the time it began.
const BUILD_TIME: &str = "%Y%m%dT%H%M%S%.6fZ";

/// A name no earlier build has: the time, the process and a count within it.
fn build_name() -> String {
    static BUILDS: AtomicUsize = AtomicUsize::new(0);
    format!(
        "{}-{}-{}",
        chrono::Utc::now().format(BUILD_TIME),
        std::process::id(),
        BUILDS.fetch_add(1, Ordering::Relaxed)
    )
}

/// When the build in folder `dir` began, read from its name; `None` for a folder not
/// named by a build. An adopted folder tells when it was adopted.
pub fn build_started(dir: &Path) -> Option<chrono::DateTime<chrono::Utc>> {
    let name = dir.file_name()?.to_str()?;
    let name = name.strip_prefix("adopted-").unwrap_or(name);
    let (time, _) = name.split_once('-')?;
    let at = chrono::NaiveDateTime::parse_from_str(time, BUILD_TIME).ok()?;
    Some(at.and_utc())
}

fn write_error(path: &Path, e: std::io::Error) -> ReportError {
    ReportError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

#[cfg(test)]
mod tests;
