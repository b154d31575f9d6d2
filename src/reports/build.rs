//! Every report of a campaign in one go: the CSV tables, then the charts, the trend across
//! rounds (for a campaign that follows others) and the per-respondent radars drawn from the
//! same scored data, written into a fresh build folder
//! that then becomes `<out>/<campaign id>/` in one step (see [`super::builds`]).

use std::path::{Path, PathBuf};

use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::ids::CampaignId;
use crate::questionnaire::Catalogue;
use crate::storage::campaigns::CampaignDetails;
use crate::storage::{DbConn, report_rows};

use super::build_record::BuildRecord;
use super::builds::{NewBuild, ReportFolder};
use super::campaign_charts::{gap_chart, heatmap_chart, means_chart, progress_chart, tier_chart};
use super::charts::ChartTitle;
use super::data::{self, ReportSettings};
use super::error::ReportError;
use super::mapped;
use super::peer_gaps;
use super::perception::{self, PerceptionSection};
use super::radars;
use super::recommendations::DutiesSection;
use super::recommendations::{self, ReportLabel};
use super::sod::Sod;
use super::trend::{self, CurrentRound};

/// Draws one chart when called, so each is made only when its turn comes.
type DrawChart<'a> = Box<dyn Fn() -> Result<Vec<u8>, ReportError> + 'a>;

/// What a build makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportOptions {
    /// Groups of fewer organisations than this are suppressed, unless the campaign has a
    /// threshold of its own (which then applies instead).
    pub k: usize,
    /// Whether to draw one radar per response; a very large campaign may do without
    /// them, since they cost far more than every other file together.
    pub radars: bool,
}

impl ReportOptions {
    /// Every report, radars included, with the threshold `k`.
    pub fn new(k: usize) -> Self {
        ReportOptions { k, radars: true }
    }
}

/// How far a build has got, as it tells its caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress<'a> {
    /// A step begins: scoring, one file, or a group of files.
    Step(&'a str),
    /// `drawn` of `total` per-respondent radars are written; first told with `drawn` 0.
    Radars { drawn: usize, total: usize },
}

/// Builds the CSVs, charts, recommendations report and (unless `options` says otherwise)
/// the per-respondent radars of `campaign` into `out/<campaign id>/`, telling `progress`
/// before each step and as the radars are drawn. Readers see the previous build, whole,
/// until this one is complete; a build that fails leaves it as it was. Returns the files
/// under their stable names, `out/<campaign id>/…`. A published build is audited as made
/// by `actor`.
pub fn build_campaign_reports(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    campaign: &CampaignDetails,
    options: ReportOptions,
    out: &Path,
    progress: &dyn Fn(Progress<'_>),
    actor: &Actor,
) -> Result<Vec<PathBuf>, ReportError> {
    let step = |name: &str| progress(Progress::Step(name));
    let c = &campaign.campaign;
    // Kept for earlier rounds of a trend that have no threshold of their own.
    let configured_k = options.k;
    // A campaign's own threshold overrides the configured one for all of its reports.
    let options = ReportOptions {
        k: c.privacy_k_or(options.k),
        ..options
    };
    let build = NewBuild::start(ReportFolder::new(out, c.id))?;
    let dir = build.dir().to_path_buf();
    step("scoring the submitted responses");
    let settings = ReportSettings {
        k: options.k,
        ..ReportSettings::new(&c.name, c.tlp)
    };
    // Loaded once for the tables, the recommendations and the radars alike.
    let mut rows = timed("reading rows", || report_rows::submitted_rows(conn, c.id))?;
    let questionnaires = recommendations::questionnaires_for(conn, catalogue, &rows)?;
    // Self against peer is read from the answers as given, before agreed levels replace them.
    let gaps = timed("peer gaps", || {
        peer_gaps::peer_gaps(conn, &rows, &questionnaires, options.k)
    })?;
    // Agreed levels after a peer review count in place of the self-assessed ones.
    timed("agreed levels", || {
        super::agreed::with_agreed_levels(conn, &mut rows, &questionnaires)
    })?;
    let data = timed("tables", || {
        data::build_from_rows(&rows, &questionnaires, settings, chrono::Utc::now())
    })?;
    // Charts count organisations, not responses: one body may answer through several people.
    let organisations = rows
        .responses
        .iter()
        .map(|r| r.organisation_id)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let title = |subject: &str| ChartTitle {
        campaign: c.name.clone(),
        tlp: c.tlp.to_string(),
        n: organisations,
        subject: subject.to_owned(),
        k: options.k,
        provenance: data.provenance.line(),
    };
    let invited: i64 = report_rows::invitation_counts(conn, c.id)?
        .iter()
        .map(|(_, n)| n)
        .sum();
    step(
        "answers.csv, scores.csv, aggregates.csv, non_answers.csv and the charts, beside the rest",
    );
    // The tables and charts need no database: a second core writes them meanwhile.
    let mut files = std::thread::scope(|scope| -> Result<Vec<PathBuf>, ReportError> {
        let drawn =
            scope.spawn(|| tables_and_charts(&data, &rows.responses, invited, &title, &dir));
        let mut rest = || -> Result<Vec<PathBuf>, ReportError> {
            let mut files = Vec::new();
            step("recommendations.md, recommendations.html");
            let label = ReportLabel {
                campaign: c.name.clone(),
                tlp: c.tlp,
                tlp_line: data.tlp_line(),
                generated: data.generated_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                k: options.k,
            };
            let mut report = timed("recommendations", || {
                recommendations::from_rows(&rows, &questionnaires, label)
            })?;
            let perception = data.perception_gaps()?;
            report.perception = PerceptionSection::of(&perception, recommendations::LANGUAGE);
            let sod = timed("division of duties", || {
                Sod::of(&rows, &questionnaires, options.k)
            });
            report.duties = DutiesSection::of(&sod);
            report.basis = crate::storage::submissions::report_basis(conn, c.id)?.sentence();
            files.extend(report.write(&dir)?);
            step("perception_gaps.csv (for a campaign with mirrored cooperation questionnaires)");
            files.extend(perception::write_perception(
                &perception,
                &data.tlp_line(),
                &dir,
            )?);
            step("mapped.csv (for a campaign whose questionnaire maps onto another)");
            files.extend(timed("mapped", || {
                mapped::write_mapped(
                    conn,
                    catalogue,
                    &rows,
                    &questionnaires,
                    &data.tlp_line(),
                    &dir,
                )
            })?);
            step("sod.csv, sod.png (for a campaign asking the division of duties)");
            files.extend(sod.write(
                &data.tlp_line(),
                &title("Division of duties: agreement with the reference and between sides"),
                &dir,
            )?);
            step("trend.csv, trend.png (for a campaign that follows another)");
            let current = CurrentRound {
                campaign: c,
                rows: &rows,
                questionnaires: &questionnaires,
                k: options.k,
            };
            files.extend(timed("trend", || {
                trend::write_trend(
                    conn,
                    catalogue,
                    &current,
                    configured_k,
                    data.generated_at,
                    &dir,
                )
            })?);
            step("peer_gaps.csv, peer_gaps.png (for a campaign with peer-reviewed responses)");
            files.extend(peer_gaps::write_peer_gaps(
                &gaps,
                &data.tlp_line(),
                &title("Self − peer level per parameter"),
                &dir,
            )?);
            Ok(files)
        };
        let rest = rest();
        let drawn = drawn
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        let mut files = drawn?;
        files.extend(rest?);
        Ok(files)
    })?;
    if options.radars {
        let radars = radars::report_radars(&data, &questionnaires)?;
        let told = |drawn, total| progress(Progress::Radars { drawn, total });
        files.extend(radars::write_radars(&dir, &c.name, c.tlp, &radars, &told)?);
    }
    BuildRecord {
        submissions: rows.responses.len(),
        provenance: data.provenance.line(),
    }
    .write(&dir)?;
    let stable = build.publish()?;
    let subject = AuditSubject::Campaign(CampaignId(c.id));
    audit::record(conn, actor, AuditAction::ReportsBuild, &subject, None)?;
    Ok(files
        .into_iter()
        .map(|f| {
            f.strip_prefix(&dir)
                .map_or(f.clone(), |name| stable.join(name))
        })
        .collect())
}

/// The CSV tables and the campaign's charts, written into `dir`.
fn tables_and_charts(
    data: &data::ReportData,
    responses: &[report_rows::ResponseRow],
    invited: i64,
    title: &(dyn Fn(&str) -> ChartTitle + Sync),
    dir: &Path,
) -> Result<Vec<PathBuf>, ReportError> {
    let mut files = timed("csv files", || data::write_csvs(data, dir))?;
    let charts: [(&str, DrawChart<'_>); 5] = [
        (
            "tiers.png",
            Box::new(|| tier_chart(data, &title("Tier distribution"))),
        ),
        (
            "means.png",
            Box::new(|| means_chart(data, &title("Mean score by audience"))),
        ),
        (
            "heatmap.png",
            Box::new(|| heatmap_chart(data, &title("Median level per parameter and country"))),
        ),
        (
            "gap.png",
            Box::new(|| {
                gap_chart(
                    data,
                    &title("Perception gaps: CSIRTs, law enforcement, judiciary"),
                )
            }),
        ),
        (
            "progress.png",
            Box::new(|| progress_chart(responses, invited, &title("Submissions over time"))),
        ),
    ];
    for (name, draw) in charts {
        let path = dir.join(name);
        let png = timed(name, draw)?;
        std::fs::write(&path, png).map_err(|e| write_error(&path, e))?;
        files.push(path);
    }
    Ok(files)
}

/// Runs one step of a build and logs how long it took (at debug level: `LIAISON_LOG=debug`).
pub(super) fn timed<T>(step: &str, run: impl FnOnce() -> T) -> T {
    let started = std::time::Instant::now();
    let out = run();
    tracing::debug!(
        step,
        ms = started.elapsed().as_millis() as u64,
        "report step"
    );
    out
}

fn write_error(path: &Path, e: std::io::Error) -> ReportError {
    ReportError::Write {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}
