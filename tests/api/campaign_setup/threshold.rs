//! A campaign's own privacy threshold is the one its reports apply, whatever the
//! configured one: three organisations show under k = 3 and are suppressed under k = 4.

use liaison::audit::Actor;
use liaison::reports::{ReportOptions, build_campaign_reports};
use liaison::storage::campaigns::{CampaignSettings, get_campaign, set_settings};

use crate::fixtures::{
    CampaignBuilder, MATURITY, ParticipantBuilder, ResponseBuilder, every_answer, questionnaire,
};
use crate::test_db::TestDb;

#[test]
fn a_campaigns_own_threshold_overrides_the_configured_one_in_its_reports() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let teams = ["a", "b", "c"].map(|t| {
            let answers = every_answer(questionnaire(MATURITY), 3.0, "AT");
            ParticipantBuilder::new(&format!("desk@{t}.example.org"))
                .response(ResponseBuilder::submitted(answers))
        });
        let built = CampaignBuilder::new("Threshold")
            .questionnaire(MATURITY)
            .participants(teams)
            .build(&mut conn);
        let out = tempfile::tempdir().expect("a folder");
        let mut suppressed = Vec::new();
        for own in [None, Some(4)] {
            let settings = CampaignSettings {
                privacy_k: own,
                languages: None,
                retention_days: None,
                review_required: None,
            };
            set_settings(&mut conn, built.id(), &settings).expect("set");
            let details = get_campaign(&mut conn, built.id()).expect("the campaign");
            build_campaign_reports(
                &mut conn,
                crate::fixtures::catalogue(),
                &details,
                ReportOptions::new(3),
                out.path(),
                &|_| {},
                &Actor::Cli,
            )
            .expect("built");
            let dir = out.path().join(built.id().to_string());
            suppressed.push(austrian_csirts_suppressed(&dir));
        }
        assert_eq!(suppressed, [false, true], "{db}");
    }
}

/// Whether the first aggregate of the Austrian CSIRTs is suppressed.
fn austrian_csirts_suppressed(dir: &std::path::Path) -> bool {
    let text = std::fs::read_to_string(dir.join("aggregates.csv")).expect("aggregates.csv");
    let (_, table) = text.split_once('\n').expect("a TLP line, then the table");
    let mut reader = csv::Reader::from_reader(table.as_bytes());
    let header = reader.headers().expect("a header").clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (audience, country, suppressed) =
        (column("audience"), column("country"), column("suppressed"));
    let row = reader
        .records()
        .map(|r| r.expect("a record"))
        .find(|r| &r[audience] == "csirt" && &r[country] == "AT")
        .expect("the Austrian CSIRTs' row");
    &row[suppressed] == "true"
}
