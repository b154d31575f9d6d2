//! Builds swapped in whole: the link, the lock and the clean-up of what a crash leaves.

use std::path::Path;

use super::*;

fn fresh_out() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"))
}

/// Publishes a build of campaign 7 with `files` (name, text).
fn publish(out: &Path, files: &[(&str, &str)]) -> PathBuf {
    let build = NewBuild::start(ReportFolder::new(out, 7)).unwrap_or_else(|e| panic!("{e}"));
    write_all(build.dir(), files);
    build.publish().unwrap_or_else(|e| panic!("{e}"))
}

fn write_all(dir: &Path, files: &[(&str, &str)]) {
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
}

fn current(out: &Path) -> PathBuf {
    ReportFolder::new(out, 7)
        .current()
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("a build is current"))
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{e}"))
}

/// The names in the campaign's builds folder, sorted.
fn builds_left(out: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(out.join(BUILDS_FOLDER).join("7"))
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{e}"));
    names.sort();
    names
}

#[test]
fn before_the_first_build_there_is_no_current_build() {
    let out = fresh_out();
    assert_eq!(ReportFolder::new(out.path(), 7).current().ok(), Some(None));
}

#[test]
fn a_published_build_replaces_the_previous_one_whole_and_the_old_one_is_removed() {
    let out = fresh_out();
    let stable = publish(out.path(), &[("a.csv", "first"), ("b.png", "first")]);
    assert_eq!(stable, out.path().join("7"));
    assert_eq!(
        read(&stable, "a.csv"),
        "first",
        "the stable name reads the build"
    );
    let first = current(out.path());

    publish(out.path(), &[("a.csv", "second")]);
    let second = current(out.path());
    assert_ne!(first, second);
    assert_eq!(read(&second, "a.csv"), "second");
    assert!(!second.join("b.png").exists(), "nothing of the first build");
    assert!(!first.exists(), "the replaced build is removed");
    assert_eq!(builds_left(out.path()).len(), 2, "the lock and one build");
}

#[test]
fn a_build_that_fails_part_way_leaves_the_previous_build_visible_and_unchanged() {
    let out = fresh_out();
    publish(out.path(), &[("a.csv", "old"), ("b.png", "old")]);
    let before = current(out.path());

    let build = NewBuild::start(ReportFolder::new(out.path(), 7)).unwrap_or_else(|e| panic!("{e}"));
    write_all(build.dir(), &[("a.csv", "new")]);
    let half = build.dir().to_path_buf();
    drop(build); // what `?` does when a later step fails

    assert_eq!(current(out.path()), before);
    assert_eq!(read(&before, "a.csv"), "old");
    assert_eq!(read(&before, "b.png"), "old");
    assert!(!half.exists(), "the half-written build is removed");
}

#[test]
fn what_a_killed_build_left_is_removed_by_the_next_build() {
    let out = fresh_out();
    publish(out.path(), &[("a.csv", "old")]);
    let builds = out.path().join(BUILDS_FOLDER).join("7");
    // A build killed while writing, and one killed between making its link and renaming it.
    let killed = builds.join("20260101T000000.000000Z-1-0");
    std::fs::create_dir_all(killed.join("radars")).unwrap_or_else(|e| panic!("{e}"));
    write_all(&killed, &[("a.csv", "half")]);
    std::os::unix::fs::symlink("nowhere", builds.join(NEXT_LINK)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read(&current(out.path()), "a.csv"), "old");

    publish(out.path(), &[("a.csv", "new")]);
    assert!(!killed.exists());
    assert_eq!(builds_left(out.path()).len(), 2, "the lock and one build");
    assert_eq!(read(&out.path().join("7"), "a.csv"), "new");
}

#[test]
fn a_second_build_of_the_same_campaign_is_refused_while_the_first_runs() {
    let out = fresh_out();
    let first = NewBuild::start(ReportFolder::new(out.path(), 7)).unwrap_or_else(|e| panic!("{e}"));
    let second = NewBuild::start(ReportFolder::new(out.path(), 7));
    assert!(matches!(second, Err(ReportError::Busy(7))), "{second:?}");
    assert!(first.dir().exists(), "the refused build removed nothing");
    assert!(NewBuild::start(ReportFolder::new(out.path(), 8)).is_ok());
    first.publish().unwrap_or_else(|e| panic!("{e}"));
    assert!(NewBuild::start(ReportFolder::new(out.path(), 7)).is_ok());
}

#[test]
fn a_plain_folder_of_an_earlier_version_stays_readable_until_a_build_replaces_it() {
    let out = fresh_out();
    let plain = out.path().join("7");
    let scratch = plain.join(".radars-new-41-0");
    std::fs::create_dir_all(&scratch).unwrap_or_else(|e| panic!("{e}"));
    write_all(&plain, &[("a.csv", "plain")]);
    write_all(&scratch, &[("1.png", "half")]);
    assert_eq!(read(&current(out.path()), "a.csv"), "plain");

    let build = NewBuild::start(ReportFolder::new(out.path(), 7)).unwrap_or_else(|e| panic!("{e}"));
    let adopted = current(out.path());
    assert_eq!(
        read(&adopted, "a.csv"),
        "plain",
        "still visible during the build"
    );
    assert!(!adopted.join(".radars-new-41-0").exists());
    write_all(build.dir(), &[("a.csv", "new")]);
    build.publish().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(read(&plain, "a.csv"), "new");
    assert!(!adopted.exists());
}
