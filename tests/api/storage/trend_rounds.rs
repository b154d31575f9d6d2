//! The rounds of a series and their submitted rows on every backend: an organisation is the
//! same row in each round, whoever answered for it.

use liaison::storage::{DbConn, StorageError, campaigns as stored, report_rows};

use crate::fixtures::{
    self, CampaignBuilder, MATURITY, ParticipantBuilder, ResponseBuilder, every_answer,
};
use crate::test_db::TestDb;

/// Makes campaign `later` the next round of `earlier`, as the campaign form does. Loops
/// are made on purpose here, which the form would refuse.
pub(crate) fn follow(conn: &mut DbConn, later: i64, earlier: i64) {
    stored::set_follows(conn, later, Some(earlier)).expect("follows_id set");
}

/// The campaigns of the series `campaign` ends, oldest first.
fn rounds_of(
    conn: &mut DbConn,
    campaign: i64,
) -> Result<Vec<liaison::storage::campaigns::Campaign>, StorageError> {
    Ok(stored::rounds(conn, campaign)?
        .into_iter()
        .map(|round| round.campaign)
        .collect())
}

/// A team of organisation `organisation`, answered by `email`, submitted at `level`.
pub(crate) fn team(email: &str, organisation: &str, level: f64) -> ParticipantBuilder {
    let q = fixtures::questionnaire(MATURITY);
    ParticipantBuilder::new(email)
        .organisation(organisation)
        .response(ResponseBuilder::submitted(every_answer(q, level, "AT")))
}

#[test]
fn a_series_runs_from_the_first_round_to_the_campaign_and_its_rows_match_by_organisation() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let first = CampaignBuilder::new("Maturity 2024")
            .questionnaire(MATURITY)
            .participants([
                team("desk@cert-a.example", "CERT A", 1.0),
                team("desk@cert-b.example", "CERT B", 2.0),
            ])
            .build(&mut conn)
            .id();
        // CERT A's contact changed; CERT C is new.
        let second = CampaignBuilder::new("Maturity 2025")
            .questionnaire(MATURITY)
            .participants([
                team("new-head@cert-a.example", "CERT A", 3.0),
                team("desk@cert-c.example", "CERT C", 2.0),
            ])
            .build(&mut conn)
            .id();
        let third = CampaignBuilder::new("Maturity 2026")
            .questionnaire(MATURITY)
            .build(&mut conn)
            .id();
        follow(&mut conn, second, first);
        follow(&mut conn, third, second);

        let names = |rounds: Vec<liaison::storage::campaigns::Campaign>| -> Vec<String> {
            rounds.into_iter().map(|c| c.name).collect()
        };
        let series = rounds_of(&mut conn, third).expect("the series");
        assert_eq!(
            names(series),
            ["Maturity 2024", "Maturity 2025", "Maturity 2026"],
            "{db}"
        );
        let series = rounds_of(&mut conn, first).expect("a first round");
        assert_eq!(names(series), ["Maturity 2024"], "{db}");

        let organisation = |rows: &report_rows::CampaignRows, name: &str| {
            rows.responses
                .iter()
                .find(|r| r.organisation == name)
                .map(|r| r.organisation_id)
                .unwrap_or_else(|| panic!("{name} answered"))
        };
        let rows: Vec<_> = rounds_of(&mut conn, third)
            .expect("the series")
            .iter()
            .map(|c| report_rows::submitted_rows(&mut conn, c.id).expect("the round's rows"))
            .collect();
        assert_eq!(rows[0].responses.len(), 2, "{db}");
        assert_eq!(rows[1].responses.len(), 2, "{db}");
        assert!(rows[2].responses.is_empty(), "{db}");
        assert_eq!(
            organisation(&rows[0], "CERT A"),
            organisation(&rows[1], "CERT A"),
            "{db}: one organisation across rounds"
        );
        assert!(!rows[1].answers.is_empty(), "{db}");
    }
}

#[test]
fn a_loop_of_rounds_ends_the_series_and_an_unknown_campaign_is_not_found() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let a = CampaignBuilder::new("A").build(&mut conn).id();
        let b = CampaignBuilder::new("B").build(&mut conn).id();
        follow(&mut conn, a, b);
        follow(&mut conn, b, a);
        let series = rounds_of(&mut conn, b).expect("a series");
        let ids: Vec<i64> = series.iter().map(|c| c.id).collect();
        assert_eq!(ids, [a, b], "{db}");
        let missing = rounds_of(&mut conn, b + 100);
        assert!(
            matches!(missing, Err(StorageError::NotFound { .. })),
            "{db}"
        );
    }
}
