//! The series of rounds campaigns form, and the response an organisation submitted in
//! the nearest earlier one, on every backend.

use liaison::participants::OrganisationKind;
use liaison::storage::campaigns::{earlier_response, loops, rounds, set_follows};

use crate::fixtures::{
    CampaignBuilder, MATURITY, ParticipantBuilder, ResponseBuilder, every_answer, questionnaire,
};
use crate::test_db::TestDb;

#[test]
fn rounds_run_oldest_first_and_a_loop_ends_where_it_would_repeat() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let ids: Vec<i64> = ["2024", "2025", "2026"]
            .iter()
            .map(|year| {
                CampaignBuilder::new(year)
                    .questionnaire(MATURITY)
                    .build(&mut conn)
                    .id()
            })
            .collect();
        set_follows(&mut conn, ids[2], Some(ids[1])).expect("set");
        set_follows(&mut conn, ids[1], Some(ids[0])).expect("set");
        let series = |conn: &mut _, id| -> Vec<i64> {
            rounds(conn, id)
                .expect("rounds")
                .iter()
                .map(|d| d.campaign.id)
                .collect()
        };
        assert_eq!(series(&mut conn, ids[2]), ids, "{db}");
        assert_eq!(series(&mut conn, ids[0]), [ids[0]], "{db}");
        assert!(!loops(&mut conn, ids[2]).expect("read"), "{db}");

        set_follows(&mut conn, ids[0], Some(ids[2])).expect("set");
        assert!(loops(&mut conn, ids[1]).expect("read"), "{db}");
        assert_eq!(series(&mut conn, ids[2]), [ids[0], ids[1], ids[2]], "{db}");
        assert!(
            set_follows(&mut conn, 999, None).is_err(),
            "{db}: no such campaign"
        );
    }
}

#[test]
fn the_earlier_response_is_the_organisations_submitted_one_of_the_nearest_round() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let q = questionnaire(MATURITY);
        let submitted = |level| ResponseBuilder::submitted(every_answer(q, level, "AT"));
        let team = |email: &str, org: &str| ParticipantBuilder::new(email).organisation(org);
        let first = CampaignBuilder::new("2024")
            .questionnaire(MATURITY)
            .participant(team("a@x.example.org", "Team X").response(submitted(1.0)))
            .participant(team("a@y.example.org", "Team Y").response(submitted(1.0)))
            .build(&mut conn);
        // In 2025 Team X only left a draft, under another address; Team Y submitted.
        let second = CampaignBuilder::new("2025")
            .questionnaire(MATURITY)
            .participant(
                team("b@x.example.org", "Team X")
                    .response(ResponseBuilder::draft(every_answer(q, 2.0, "AT"))),
            )
            .participant(team("b@y.example.org", "Team Y").response(submitted(2.0)))
            .build(&mut conn);
        // Team Y's address is someone else's in 2026: organisations match, not addresses.
        let third = CampaignBuilder::new("2026")
            .questionnaire(MATURITY)
            .participant(team("a@y.example.org", "Team Z"))
            .build(&mut conn);
        set_follows(&mut conn, second.id(), Some(first.id())).expect("set");
        set_follows(&mut conn, third.id(), Some(second.id())).expect("set");

        let organisation = |name: &str| {
            liaison::storage::organisations::find_organisation(
                &mut db.conn(),
                &liaison::storage::organisations::NewOrganisation {
                    name,
                    kind: OrganisationKind::Csirt,
                    country: "AT",
                },
            )
            .expect("read")
            .expect("stored")
            .id
        };
        let (x, y, z) = (
            organisation("Team X"),
            organisation("Team Y"),
            organisation("Team Z"),
        );
        let found = |conn: &mut _, org| {
            earlier_response(conn, third.id(), org, MATURITY)
                .expect("read")
                .map(|e| (e.campaign.campaign.id, e.response.id))
        };
        let x_2024 = first.participants[0].response_id();
        let y_2025 = second.participants[1].response_id();
        assert_eq!(found(&mut conn, x), Some((first.id(), x_2024)), "{db}");
        assert_eq!(found(&mut conn, y), Some((second.id(), y_2025)), "{db}");
        assert_eq!(found(&mut conn, z), None, "{db}");
        let other = earlier_response(&mut conn, third.id(), x, "csirt-le-cooperation-csirt");
        assert!(
            other.expect("read").is_none(),
            "{db}: another questionnaire"
        );
        assert!(
            earlier_response(&mut conn, first.id(), x, MATURITY)
                .expect("read")
                .is_none(),
            "{db}: a first round"
        );
    }
}
