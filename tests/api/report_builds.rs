//! Report builds are swapped in whole: a build that fails part way, or a `liaison report`
//! killed at any moment, leaves the previous complete build visible, and the next build
//! removes what the broken one left.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use liaison::audit::Actor;
use liaison::questionnaire::Catalogue;
use liaison::reports::builds::BUILDS_FOLDER;
use liaison::reports::{
    Progress, ReportError, ReportFolder, ReportOptions, build_campaign_reports,
};
use liaison::storage::DbConn;
use liaison::storage::campaigns::get_campaign;

use crate::downloads::{csirt, seeded};
use crate::fixtures::{MATURITY, ResponseBuilder, parameter_answers, questionnaire};
use crate::helpers::shipped_questionnaires;
use crate::test_db::TestDb;

/// Every file of one build, by path inside it, with the time of the build taken out of
/// the text files, and that time.
#[derive(Debug, PartialEq)]
struct Build {
    generated: String,
    files: BTreeMap<String, Vec<u8>>,
}

const GENERATED: &str = "generated ";

/// The campaign's current build as a reader sees it. Fails unless every text file names the
/// same time of build.
fn current(out: &Path, campaign: i64) -> Build {
    let dir = ReportFolder::new(out, campaign)
        .current()
        .expect("the link is readable")
        .expect("a build is current");
    let mut files = BTreeMap::new();
    let mut stamps = Vec::new();
    collect(&dir, &dir, &mut files, &mut stamps);
    stamps.sort();
    stamps.dedup();
    assert_eq!(stamps.len(), 1, "one time of build in {dir:?}: {stamps:?}");
    Build {
        generated: stamps.remove(0),
        files,
    }
}

fn collect(
    root: &Path,
    dir: &Path,
    files: &mut BTreeMap<String, Vec<u8>>,
    stamps: &mut Vec<String>,
) {
    for entry in std::fs::read_dir(dir).expect("the build folder is readable") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            collect(root, &path, files, stamps);
            continue;
        }
        let bytes = std::fs::read(&path).expect("a readable file");
        let bytes = match String::from_utf8(bytes) {
            Ok(text) => without_stamps(&text, stamps).into_bytes(),
            Err(e) => e.into_bytes(),
        };
        let name = path.strip_prefix(root).expect("inside the build");
        files.insert(name.to_string_lossy().into_owned(), bytes);
    }
}

/// `text` with each "generated <time>" replaced by a mark; the times go to `stamps`.
fn without_stamps(text: &str, stamps: &mut Vec<String>) -> String {
    let mut parts = text.split(GENERATED);
    let mut out = parts.next().unwrap_or_default().to_owned();
    for part in parts {
        let stamp: String = part.chars().take(20).collect();
        out.push_str("generated <time>");
        out.push_str(part.get(stamp.len()..).unwrap_or_default());
        stamps.push(stamp);
    }
    out
}

/// The builds of the campaign that are not the current one (nor the lock file).
fn unfinished(out: &Path, campaign: i64) -> Vec<PathBuf> {
    let current = ReportFolder::new(out, campaign)
        .current()
        .expect("the link is readable");
    let builds = out.join(BUILDS_FOLDER).join(campaign.to_string());
    std::fs::read_dir(builds)
        .expect("the builds folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "lock") && Some(p) != current.as_ref())
        .collect()
}

/// One more AT CSIRT submits everything at level 2.
fn another_team(conn: &mut DbConn, campaign: i64, name: &str) {
    let questionnaire = questionnaire(MATURITY);
    let answers = parameter_answers(questionnaire, |_| "2");
    csirt(name)
        .response(ResponseBuilder::submitted(answers))
        .add_to(conn, campaign, questionnaire);
}

fn build(
    conn: &mut DbConn,
    campaign: i64,
    out: &Path,
    progress: &dyn Fn(Progress<'_>),
) -> Result<Vec<PathBuf>, ReportError> {
    let catalogue = Catalogue::load(&shipped_questionnaires()).expect("shipped questionnaires");
    let details = get_campaign(conn, campaign).expect("the campaign");
    build_campaign_reports(
        conn,
        &catalogue,
        &details,
        ReportOptions::new(3),
        out,
        progress,
        &Actor::Cli,
    )
}

#[test]
fn a_report_build_that_fails_part_way_leaves_the_previous_build_visible_and_unchanged() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let campaign = seeded(&mut conn);
        let out = tempfile::tempdir().expect("a reports folder");
        build(&mut conn, campaign, out.path(), &|_| {}).expect("the first build");
        let before = current(out.path(), campaign);
        another_team(&mut conn, campaign, "Team Late");

        // Half way, the new build's folder becomes a file: every later write fails.
        let sabotage = |step: Progress<'_>| {
            if step == Progress::Step("recommendations.md, recommendations.html") {
                for half in unfinished(out.path(), campaign) {
                    std::fs::remove_dir_all(&half).expect("remove");
                    std::fs::write(&half, "in the way").expect("write");
                }
            }
        };
        let failed = build(&mut conn, campaign, out.path(), &sabotage);
        assert!(
            matches!(failed, Err(ReportError::Write { .. })),
            "{:?}: {failed:?}",
            db.backend
        );
        assert!(
            current(out.path(), campaign) == before,
            "{:?}: the previous build is visible and unchanged",
            db.backend
        );

        let files = build(&mut conn, campaign, out.path(), &|_| {}).expect("the next build");
        assert!(
            files
                .iter()
                .all(|f| f.starts_with(out.path().join(campaign.to_string())))
        );
        assert_eq!(unfinished(out.path(), campaign), Vec::<PathBuf>::new());
        assert_ne!(current(out.path(), campaign).files, before.files);
    }
}

fn liaison_report(db: &TestDb, campaign: i64, out: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_liaison"));
    command
        .args(["report", "--campaign", &campaign.to_string(), "--out"])
        .arg(out)
        .env("LIAISON_QUESTIONNAIRES_DIR", shipped_questionnaires())
        .env("LIAISON_DATABASE_URL", &db.url)
        .env("LIAISON_LOG", "warn")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

#[test]
fn killing_liaison_report_at_any_moment_leaves_the_old_or_the_new_build_whole() {
    let db = TestDb::sqlite();
    let mut conn = db.conn();
    let campaign = seeded(&mut conn);
    for n in 0..8 {
        another_team(&mut conn, campaign, &format!("Extra {n}"));
    }
    let (out, reference) = (tempfile::tempdir(), tempfile::tempdir());
    let (out, reference) = (out.expect("a folder"), reference.expect("a folder"));
    let status = liaison_report(&db, campaign, out.path()).status();
    assert!(status.is_ok_and(|s| s.success()), "the first build");
    let old = current(out.path(), campaign);

    // The data change, so that the old and the new build differ; a whole new build for
    // reference, timed to spread the kills over a build.
    another_team(&mut conn, campaign, "Team Late");
    let started = Instant::now();
    let status = liaison_report(&db, campaign, reference.path()).status();
    assert!(status.is_ok_and(|s| s.success()), "the reference build");
    let whole = started.elapsed();
    let new = current(reference.path(), campaign);
    assert_ne!(old.files, new.files);

    let mut interrupted = 0;
    for i in 1..=8u32 {
        let mut child = liaison_report(&db, campaign, out.path())
            .spawn()
            .expect("the binary starts");
        std::thread::sleep(whole * i / 9 + Duration::from_millis(u64::from(i)));
        // SIGKILL: nothing of the build's own clean-up runs.
        let _ = child.kill();
        let _ = child.wait();
        let seen = current(out.path(), campaign);
        assert!(
            seen == old || seen.files == new.files,
            "kill {i}: the visible build is neither the old one nor a whole new one"
        );
        interrupted += usize::from(!unfinished(out.path(), campaign).is_empty());
    }
    eprintln!("{interrupted} of 8 kills left an unfinished build behind");

    let status = liaison_report(&db, campaign, out.path()).status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "the build after the kills"
    );
    assert_eq!(unfinished(out.path(), campaign), Vec::<PathBuf>::new());
    assert_eq!(current(out.path(), campaign).files, new.files);
}
