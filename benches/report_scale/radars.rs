//! Per-respondent radar charts: how many Liaison draws and writes per second on one
//! thread, through the function the report and the result page draw them with, against
//! matplotlib drawing the same radars in `benches/report_scale.py`.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::Context;
use diesel::prelude::*;

use liaison::campaigns::Tlp;
use liaison::questionnaire::Catalogue;
use liaison::reports::{Provenance, RadarHeading, RadarScores, respondent_radar_png};
use liaison::scoring::assess;
use liaison::storage::responses::load_answers;
use liaison::storage::schema::{invitations, organisations, participants, responses};
use liaison::storage::{self};

use super::Options;
use super::child;
use super::contenders::{common_args, fresh, python_ready, script};
use super::dataset::{CAMPAIGN_NAME, Dataset, QUESTIONNAIRE};
use super::print::secs;

/// Draws the radars of responses 1..=`sample` into `out` and returns how long the
/// drawing and writing took; loading and scoring them beforehand is not timed.
pub fn liaison_radars(
    db: &Path,
    catalogue_dir: &Path,
    sample: usize,
    out: &Path,
) -> anyhow::Result<Duration> {
    let catalogue = Catalogue::load(catalogue_dir).map_err(|e| anyhow::anyhow!("{e}"))?;
    let questionnaire = catalogue
        .get(QUESTIONNAIRE)
        .with_context(|| format!("questionnaire {QUESTIONNAIRE} is not in the catalogue"))?;
    let pool = storage::connect(&db.to_string_lossy(), 1)?;
    let mut conn = pool.get()?;
    let last = i64::try_from(sample)?;
    let who: Vec<(i64, String)> = responses::table
        .inner_join(
            invitations::table.inner_join(participants::table.inner_join(organisations::table)),
        )
        .filter(responses::id.le(last))
        .order(responses::id)
        .select((responses::id, organisations::name))
        .load(&mut *conn)?;
    let mut charts = Vec::with_capacity(who.len());
    for (id, organisation) in who {
        let answers = load_answers(&mut conn, id)?;
        let assessment = assess(questionnaire, questionnaire.default_tier_table(), &answers);
        charts.push((
            id,
            organisation,
            RadarScores::of(questionnaire.model(), &assessment),
        ));
    }
    std::fs::create_dir_all(out)?;
    let title = questionnaire.title().get("en");
    let provenance = Provenance::of([questionnaire]).line();
    let started = Instant::now();
    for (id, organisation, scores) in &charts {
        let heading = RadarHeading {
            campaign: CAMPAIGN_NAME,
            tlp: Tlp::Amber,
            organisation,
            questionnaire: title,
            provenance: &provenance,
        };
        let png = respondent_radar_png(&heading, scores, "en")?;
        let path = out.join(format!("{id}.png"));
        std::fs::write(&path, png).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(started.elapsed())
}

/// Radars per second, Liaison on one thread against matplotlib, printed.
pub fn compare(
    options: &Options,
    data: &Dataset,
    catalogue: &Path,
    work: &Path,
    logs: &Path,
) -> anyhow::Result<()> {
    let sample = options.radars.min(data.responses);
    let out = work.join("radars-liaison");
    fresh(&out)?;
    let ours = liaison_radars(&data.path, catalogue, sample, &out)?;
    let ours_rate = sample as f64 / secs(ours);
    println!("radars: {sample} per-respondent charts, one thread, drawing and writing PNGs");
    println!("  {:<28} {ours_rate:>8.0} /s", "Liaison (plotters)");
    if !python_ready(&options.python) {
        println!("  matplotlib: skipped");
        return Ok(());
    }
    let out = work.join("radars-pandas");
    fresh(&out)?;
    let mut command = Command::new(&options.python);
    command
        .arg(script())
        .arg("radars")
        .args(common_args(data, catalogue))
        .arg("--sample")
        .arg(sample.to_string())
        .arg("--out")
        .arg(&out);
    let run = child::run(command, logs, "radars")?;
    let seconds: f64 = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("drawing seconds: "))
        .context("the radar baseline did not print its drawing time")?
        .trim()
        .parse()?;
    let theirs_rate = sample as f64 / seconds;
    println!("  {:<28} {theirs_rate:>8.0} /s", "matplotlib (Agg)");
    println!(
        "  {:<28} {:>8.1}x",
        "Liaison / matplotlib",
        ours_rate / theirs_rate
    );
    Ok(())
}
