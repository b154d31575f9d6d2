//! Reports and peer review on every backend: an agreed level counts in place of the
//! self-assessed one, and peer_gaps.csv counts self − peer per parameter only from k
//! organisations up.

use std::path::Path;

use liaison::accounts::{Analyst, Role};
use liaison::audit::Actor;
use liaison::peer_review::{self, NewPeerReviewer};
use liaison::reports::peer_gaps::{PEER_GAP_FILES, peer_gaps};
use liaison::reports::recommendations::questionnaires_for;
use liaison::reports::{ReportOptions, build_campaign_reports};
use liaison::scoring::level_parameters;
use liaison::storage::campaigns::get_campaign;
use liaison::storage::peer_review::NewLevel;
use liaison::storage::report_rows::submitted_rows;
use liaison::storage::{DbConn, analysts, responses};

use crate::fixtures::{CampaignBuilder, MATURITY, catalogue, questionnaire};
use crate::storage::trend_rounds::team;
use crate::test_db::TestDb;

const BASE: &str = "http://127.0.0.1:8080";

struct Reviewed {
    campaign: i64,
    responses: Vec<i64>,
    reviewer: Analyst,
}

fn every_level(level: i32) -> Vec<NewLevel> {
    level_parameters(questionnaire(MATURITY))
        .map(|q| NewLevel {
            question_id: q.id().to_owned(),
            level,
            justification: "As the evidence shows.".to_owned(),
        })
        .collect()
}

/// Three Austrian teams at level 1 everywhere; the first `reviewed` of them consented and
/// were given to a German peer, who found level 3 everywhere.
fn reviewed(conn: &mut DbConn, reviewed: usize) -> Reviewed {
    let built = CampaignBuilder::new("Maturity")
        .questionnaire(MATURITY)
        .participants([
            team("desk@cert-a.example", "CERT A", 1.0).country("AT"),
            team("desk@cert-b.example", "CERT B", 1.0).country("AT"),
            team("desk@cert-c.example", "CERT C", 1.0).country("AT"),
        ])
        .build(conn);
    let campaign = built.id();
    let ids: Vec<i64> = built
        .participants
        .iter()
        .map(|p| p.response.expect("a response").get())
        .collect();
    let row = analysts::create_analyst(conn, "admin@example.org", "x", Role::Admin).expect("admin");
    let admin = Analyst::new(&row, []);
    let new = NewPeerReviewer {
        email: "peer@cert.de",
        country: "DE",
        organisation: "A German CSIRT",
    };
    let row = peer_review::create_peer_reviewer(conn, &admin, &new, BASE).expect("peer");
    let peer = Analyst::new(&row, []).as_peer_reviewer();
    for id in ids.iter().take(reviewed) {
        let invitation = responses::get(conn, *id).expect("response").invitation_id;
        peer_review::give_consent(conn, *id, invitation).expect("consent");
        peer_review::give_response(conn, &admin, *id, peer.id(), BASE).expect("given");
        peer_review::record_peer_levels(conn, &peer, *id, &every_level(3)).expect("levels");
    }
    let row =
        analysts::create_analyst(conn, "lead@example.org", "x", Role::Analyst).expect("analyst");
    analysts::assign_campaign(conn, row.id, campaign).expect("assigned");
    analysts::set_reviewer(conn, row.id, campaign, true).expect("reviewer");
    Reviewed {
        campaign,
        responses: ids,
        reviewer: Analyst::new(&row, [campaign]),
    }
}

fn build(conn: &mut DbConn, campaign: i64, out: &Path) -> Vec<String> {
    let details = get_campaign(conn, campaign).expect("campaign");
    let options = ReportOptions {
        radars: false,
        ..ReportOptions::new(3)
    };
    build_campaign_reports(
        conn,
        catalogue(),
        &details,
        options,
        out,
        &|_| {},
        &Actor::Cli,
    )
    .expect("built")
    .iter()
    .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
    .collect()
}

fn line_of(out: &Path, campaign: i64, file: &str, organisation: &str) -> String {
    let text = std::fs::read_to_string(out.join(campaign.to_string()).join(file)).expect("file");
    text.lines()
        .find(|l| l.contains(organisation))
        .expect("a row of the organisation")
        .to_owned()
}

#[test]
fn a_reports_tier_follows_the_agreed_level_of_a_peer_reviewed_response() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let w = reviewed(&mut conn, 1);
        let out = tempfile::tempdir().expect("a folder");
        build(&mut conn, w.campaign, out.path());
        let before = line_of(out.path(), w.campaign, "scores.csv", "CERT A");
        assert!(!before.contains("advanced"), "{db}: {before}");
        peer_review::record_agreed_levels(&mut conn, &w.reviewer, w.responses[0], &every_level(4))
            .expect("agreed");
        build(&mut conn, w.campaign, out.path());
        let after = line_of(out.path(), w.campaign, "scores.csv", "CERT A");
        assert!(after.contains("advanced"), "{db}: {after}");
        let other = line_of(out.path(), w.campaign, "scores.csv", "CERT B");
        assert!(!other.contains("advanced"), "{db}: {other}");
    }
}

#[test]
fn peer_gaps_are_suppressed_under_k_organisations_and_counted_from_k() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let w = reviewed(&mut conn, 1);
        let rows = submitted_rows(&mut conn, w.campaign).expect("rows");
        let qs = questionnaires_for(&mut conn, catalogue(), &rows).expect("questionnaires");
        let gaps = peer_gaps(&mut conn, &rows, &qs, 3).expect("gaps");
        assert!(!gaps.is_empty(), "{db}");
        assert!(gaps.iter().all(|g| g.counts.is_none()), "{db}: {gaps:?}");
        let out = tempfile::tempdir().expect("a folder");
        let files = build(&mut conn, w.campaign, out.path());
        assert!(files.iter().any(|f| f == PEER_GAP_FILES[0]), "{db}");
        let csv = std::fs::read_to_string(
            out.path()
                .join(w.campaign.to_string())
                .join(PEER_GAP_FILES[0]),
        )
        .expect("csv");
        assert!(
            csv.lines().nth(1) == Some("parameter,difference,organisations"),
            "{csv}"
        );
        assert!(csv.lines().skip(2).all(|l| l.ends_with(',')), "{db}: {csv}");
    }
    for db in TestDb::all() {
        let mut conn = db.conn();
        let w = reviewed(&mut conn, 3);
        let rows = submitted_rows(&mut conn, w.campaign).expect("rows");
        let qs = questionnaires_for(&mut conn, catalogue(), &rows).expect("questionnaires");
        let gaps = peer_gaps(&mut conn, &rows, &qs, 3).expect("gaps");
        assert!(!gaps.is_empty(), "{db}");
        for g in &gaps {
            // Self 1, peer 3: all three organisations at −2 (index 2 of −4 … +4).
            assert_eq!(g.counts, Some([0, 0, 3, 0, 0, 0, 0, 0, 0]), "{db}: {g:?}");
        }
    }
}

#[test]
fn a_campaign_without_peer_levels_has_no_peer_gap_files() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let w = reviewed(&mut conn, 0);
        let out = tempfile::tempdir().expect("a folder");
        let files = build(&mut conn, w.campaign, out.path());
        assert!(!files.iter().any(|f| f.starts_with("peer_gaps")), "{db}");
    }
}
