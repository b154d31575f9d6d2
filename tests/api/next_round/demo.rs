//! The demo's previous round: the maturity campaign follows a closed round of a year
//! before, which the demo respondent's organisation answered, and seeding again adds
//! nothing.

use chrono::{Duration, Utc};
use liaison::campaigns::CampaignState;
use liaison::storage::campaigns::{list_campaigns, rounds};
use liaison::storage::participants::list_participants;

use crate::fixtures::catalogue;
use crate::test_db::TestDb;

#[test]
fn the_demo_maturity_campaign_follows_a_closed_round_of_a_year_before() {
    let db = TestDb::sqlite();
    let mut conn = db.conn();
    // As the app does when it starts.
    liaison::storage::questionnaires::record_catalogue(&mut conn, catalogue())
        .expect("the questionnaires are recorded");
    let seeded = liaison::demo::seed_with_links(&mut conn, catalogue(), "http://127.0.0.1")
        .expect("the demo seeds");
    let maturity = &seeded[0].details;
    assert_eq!(
        maturity.campaign.id, 1,
        "the current campaigns keep their ids"
    );
    let series = rounds(&mut conn, maturity.campaign.id).expect("the rounds");
    assert_eq!(series.len(), 2);
    let earlier = &series[0].campaign;
    assert_eq!(earlier.state, CampaignState::Closed);
    let a_year_ago = Utc::now().naive_utc() - Duration::days(365);
    let closed = earlier.closed_at.expect("closed");
    assert!((closed - a_year_ago).num_days().abs() <= 1, "{closed}");
    assert!(earlier.created_at < closed);

    // The demo respondent answers for an organisation that submitted a year before.
    let demo = list_participants(&mut conn, maturity.campaign.id)
        .expect("participants")
        .into_iter()
        .find(|p| p.email.starts_with("demo-respondent-"))
        .expect("the demo respondent");
    let found = liaison::rounds::earlier_round(
        &mut conn,
        catalogue(),
        maturity.campaign.id,
        demo.organisation_id,
        "csirt-maturity",
    )
    .expect("read")
    .expect("an earlier response of the demo organisation");
    assert_eq!(found.campaign.campaign.id, earlier.id);
    assert!(!found.answers.is_empty());

    // Maturity, cooperation, NIS2 readiness and the earlier maturity round.
    let count = list_campaigns(&mut conn).expect("campaigns").len();
    assert_eq!(count, 4);
    liaison::demo::seed(&mut conn, catalogue()).expect("seeds again");
    assert_eq!(list_campaigns(&mut conn).expect("campaigns").len(), count);
}
