//! The rules of `liaison::peer_review`, through storage, on SQLite and PostgreSQL.

use std::collections::BTreeMap;

use liaison::accounts::{Analyst, Role};
use liaison::mail::OutboxKind;
use liaison::peer_review::{
    self, LevelForm, NewPeerReviewer, PeerReviewError, compare, parse_levels,
};
use liaison::questionnaire::TierId;
use liaison::scoring::{assess_scores, level_parameters};
use liaison::storage::peer_review::{self as stored, LevelKind, NewLevel};
use liaison::storage::{DbConn, analysts, campaign_responses, outbox, responses};

use crate::fixtures::{
    CampaignBuilder, MATURITY, ParticipantBuilder, ResponseBuilder, parameter_answers,
    questionnaire,
};
use crate::test_db::TestDb;

const BASE: &str = "http://127.0.0.1:8080";

struct World {
    admin: Analyst,
    campaign: i64,
    /// Submitted, by a team of Austria.
    submitted: i64,
    /// A draft, by a team of Austria.
    draft: i64,
}

fn world(conn: &mut DbConn) -> World {
    let q = questionnaire(MATURITY);
    let answers = parameter_answers(q, |_| "2");
    let built = CampaignBuilder::new("Maturity")
        .questionnaire(MATURITY)
        .participant(
            ParticipantBuilder::new("desk@cert.at")
                .country("AT")
                .response(ResponseBuilder::submitted(answers.clone())),
        )
        .participant(
            ParticipantBuilder::new("desk@cert.be")
                .country("AT")
                .response(ResponseBuilder::draft(answers)),
        )
        .build(conn);
    let row = analysts::create_analyst(conn, "admin@example.org", "x", Role::Admin).expect("admin");
    World {
        admin: Analyst::new(&row, []),
        campaign: built.id(),
        submitted: built.participants[0].response.expect("submitted").get(),
        draft: built.participants[1].response.expect("draft").get(),
    }
}

fn peer(conn: &mut DbConn, admin: &Analyst, email: &str, country: &str) -> Analyst {
    let new = NewPeerReviewer {
        email,
        country,
        organisation: "A national CSIRT",
    };
    let row = peer_review::create_peer_reviewer(conn, admin, &new, BASE).expect("peer");
    Analyst::new(&row, []).as_peer_reviewer()
}

fn consent(conn: &mut DbConn, response: i64) {
    let invitation = responses::get(conn, response)
        .expect("response")
        .invitation_id;
    peer_review::give_consent(conn, response, invitation).expect("consent");
}

fn levels(level: i32) -> Vec<NewLevel> {
    vec![NewLevel {
        question_id: "O-1".into(),
        level,
        justification: "The charter was shown.".into(),
    }]
}

#[test]
fn a_peer_reviewer_account_is_an_analyst_row_with_a_country() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let w = world(&mut conn);
        let p = peer(&mut conn, &w.admin, "peer@cert.de", "de");
        let row = stored::peer_reviewer(&mut conn, p.id())
            .expect("read")
            .expect("peer");
        assert_eq!(row.country, "DE", "{db}");
        assert!(p.is_peer_reviewer());
        assert_eq!(p.rights_on(w.campaign.into()), None, "{db}");
        let listed = stored::list_peer_reviewers(&mut conn).expect("list");
        assert_eq!(listed.len(), 1, "{db}");
    }
}

#[test]
fn only_an_admin_creates_a_peer_reviewer() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let w = world(&mut conn);
        let row = analysts::create_analyst(&mut conn, "ana@example.org", "x", Role::Analyst)
            .expect("analyst");
        let analyst = Analyst::new(&row, [w.campaign]);
        let new = NewPeerReviewer {
            email: "peer@cert.de",
            country: "DE",
            organisation: "CERT",
        };
        let err = peer_review::create_peer_reviewer(&mut conn, &analyst, &new, BASE);
        assert!(matches!(err, Err(PeerReviewError::NotAdmin)), "{db}");
    }
}

#[test]
fn a_response_is_given_to_a_peer_of_another_country_after_consent() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let w = world(&mut conn);
        let p = peer(&mut conn, &w.admin, "peer@cert.de", "DE");
        consent(&mut conn, w.submitted);
        let given = peer_review::give_response(&mut conn, &w.admin, w.submitted, p.id(), BASE);
        assert!(given.expect("given"), "{db}");
        let again = peer_review::give_response(&mut conn, &w.admin, w.submitted, p.id(), BASE);
        assert!(!again.expect("given again"), "{db}");
        let mine = stored::responses_of_peer(&mut conn, p.id()).expect("mine");
        assert_eq!(mine, vec![w.submitted], "{db}");
        let mails: Vec<_> = outbox::list(&mut conn, None)
            .expect("outbox")
            .into_iter()
            .filter(|m| m.kind == OutboxKind::PeerReview)
            .collect();
        assert_eq!(mails.len(), 1, "one mail, not one per giving: {db}");
        assert_eq!(mails[0].recipient, "peer@cert.de", "{db}");
        let link = format!("{BASE}/peer/responses/{}", w.submitted);
        assert!(mails[0].body_text.contains(&link), "{db}");
    }
}

#[test]
fn a_peer_of_the_same_country_is_refused() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let w = world(&mut conn);
        let p = peer(&mut conn, &w.admin, "peer@cert.at", "AT");
        consent(&mut conn, w.submitted);
        let err = peer_review::give_response(&mut conn, &w.admin, w.submitted, p.id(), BASE);
        assert!(
            matches!(err, Err(PeerReviewError::SameCountry(_))),
            "{db}: {err:?}"
        );
        assert!(
            stored::responses_of_peer(&mut conn, p.id())
                .expect("mine")
                .is_empty()
        );
    }
}

#[test]
fn a_response_without_the_teams_consent_is_not_given_to_peers() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let w = world(&mut conn);
        let p = peer(&mut conn, &w.admin, "peer@cert.de", "DE");
        let err = peer_review::give_response(&mut conn, &w.admin, w.submitted, p.id(), BASE);
        assert!(
            matches!(err, Err(PeerReviewError::NoConsent)),
            "{db}: {err:?}"
        );
    }
}

#[test]
fn a_withdrawn_consent_no_longer_lets_peers_in() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let w = world(&mut conn);
        let p = peer(&mut conn, &w.admin, "peer@cert.de", "DE");
        consent(&mut conn, w.submitted);
        let invitation = responses::get(&mut conn, w.submitted)
            .expect("r")
            .invitation_id;
        peer_review::withdraw_consent(&mut conn, w.submitted, invitation).expect("withdrawn");
        let err = peer_review::give_response(&mut conn, &w.admin, w.submitted, p.id(), BASE);
        assert!(
            matches!(err, Err(PeerReviewError::NoConsent)),
            "{db}: {err:?}"
        );
    }
}

#[test]
fn a_draft_is_neither_consented_nor_given_to_peers() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let w = world(&mut conn);
        let p = peer(&mut conn, &w.admin, "peer@cert.de", "DE");
        let invitation = responses::get(&mut conn, w.draft).expect("r").invitation_id;
        let err = peer_review::give_consent(&mut conn, w.draft, invitation);
        assert!(
            matches!(err, Err(PeerReviewError::NotSubmitted)),
            "{db}: {err:?}"
        );
        let err = peer_review::give_response(&mut conn, &w.admin, w.draft, p.id(), BASE);
        assert!(
            matches!(err, Err(PeerReviewError::NotSubmitted)),
            "{db}: {err:?}"
        );
    }
}

#[test]
fn a_peer_records_levels_only_on_a_response_given_to_it() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let w = world(&mut conn);
        let p = peer(&mut conn, &w.admin, "peer@cert.de", "DE");
        let other = peer(&mut conn, &w.admin, "peer@cert.fr", "FR");
        consent(&mut conn, w.submitted);
        peer_review::give_response(&mut conn, &w.admin, w.submitted, p.id(), BASE).expect("given");
        let err = peer_review::record_peer_levels(&mut conn, &other, w.submitted, &levels(3));
        assert!(
            matches!(err, Err(PeerReviewError::UnknownResponse(_))),
            "{db}: {err:?}"
        );
        peer_review::record_peer_levels(&mut conn, &p, w.submitted, &levels(3)).expect("saved");
        peer_review::record_peer_levels(&mut conn, &p, w.submitted, &levels(1)).expect("again");
        let now = stored::current_levels(&mut conn, w.submitted, LevelKind::Peer).expect("now");
        assert_eq!(now["O-1"].level, 1, "{db}");
        assert_eq!(now["O-1"].recorded_by, "peer@cert.de", "{db}");
        let history = stored::level_history(&mut conn, w.submitted, LevelKind::Peer);
        assert_eq!(history.expect("history").len(), 2, "{db}");
    }
}

#[test]
fn a_nis2_campaign_needs_peers_from_two_other_countries_before_levels() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let w = world(&mut conn);
        stored::set_peer_review_nis2(&mut conn, w.campaign, true).expect("nis2");
        let de = peer(&mut conn, &w.admin, "peer@cert.de", "DE");
        let de2 = peer(&mut conn, &w.admin, "other@cert.de", "DE");
        let fr = peer(&mut conn, &w.admin, "peer@cert.fr", "FR");
        consent(&mut conn, w.submitted);
        for p in [&de, &de2] {
            peer_review::give_response(&mut conn, &w.admin, w.submitted, p.id(), BASE)
                .expect("given");
        }
        let err = peer_review::record_peer_levels(&mut conn, &de, w.submitted, &levels(3));
        assert!(
            matches!(err, Err(PeerReviewError::TooFewCountries(1))),
            "{db}: {err:?}"
        );
        peer_review::give_response(&mut conn, &w.admin, w.submitted, fr.id(), BASE).expect("given");
        peer_review::record_peer_levels(&mut conn, &de, w.submitted, &levels(3)).expect("saved");
    }
}

#[test]
fn only_the_campaigns_reviewer_records_agreed_levels() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let w = world(&mut conn);
        let p = peer(&mut conn, &w.admin, "peer@cert.de", "DE");
        consent(&mut conn, w.submitted);
        peer_review::give_response(&mut conn, &w.admin, w.submitted, p.id(), BASE).expect("given");
        peer_review::record_peer_levels(&mut conn, &p, w.submitted, &levels(3)).expect("saved");
        let row = analysts::create_analyst(&mut conn, "ana@example.org", "x", Role::Analyst)
            .expect("analyst");
        analysts::assign_campaign(&mut conn, row.id, w.campaign).expect("assigned");
        let analyst = Analyst::new(&row, [w.campaign]);
        let err = peer_review::record_agreed_levels(&mut conn, &analyst, w.submitted, &levels(2));
        assert!(
            matches!(err, Err(PeerReviewError::NotReviewer)),
            "{db}: {err:?}"
        );
        analysts::set_reviewer(&mut conn, row.id, w.campaign, true).expect("reviewer");
        peer_review::record_agreed_levels(&mut conn, &analyst, w.submitted, &levels(2))
            .expect("agreed");
        let agreed = stored::current_levels(&mut conn, w.submitted, LevelKind::Agreed);
        assert_eq!(agreed.expect("agreed")["O-1"].level, 2, "{db}");
    }
}

#[test]
fn a_level_without_a_justification_or_out_of_range_is_refused() {
    let q = questionnaire(MATURITY);
    let form = |pairs: &[(&str, &str)]| -> LevelForm {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    };
    let missing = parse_levels(q, &form(&[("level.O-1", "3")]), "level", true);
    assert_eq!(missing.expect_err("no why")[0].0, "justification.O-1");
    let high = form(&[("level.O-1", "5"), ("justification.O-1", "seen")]);
    assert_eq!(
        parse_levels(q, &high, "level", true).expect_err("5")[0].0,
        "level.O-1"
    );
    let long = "x".repeat(peer_review::MAX_JUSTIFICATION_CHARS + 1);
    let long = form(&[("level.O-1", "2"), ("justification.O-1", &long)]);
    assert!(parse_levels(q, &long, "level", true).is_err());
    let good = form(&[("level.O-1", "2"), ("justification.O-1", "seen")]);
    assert_eq!(
        parse_levels(q, &good, "level", true).expect("good").len(),
        1
    );
    assert!(parse_levels(q, &form(&[]), "level", true).is_err());
}

#[test]
fn self_peer_and_agreed_tiers_are_those_of_the_levels_scored_afresh() {
    let q = questionnaire(MATURITY);
    let answers = parameter_answers(q, |_| "4");
    let peer: BTreeMap<String, i32> = level_parameters(q)
        .map(|p| (p.id().to_owned(), 0))
        .collect();
    let agreed: BTreeMap<String, i32> = level_parameters(q)
        .map(|p| (p.id().to_owned(), 2))
        .collect();
    let cmp = compare(q, &answers, &peer, &agreed).expect("compared");
    // Independently: every parameter at 4 is advanced, every one at 0 is not yet basic.
    assert_eq!(cmp.own_tier, Some(Some(TierId::Advanced)));
    assert_eq!(cmp.peer_tier, Some(None));
    let all_two = parameter_answers(q, |_| "2");
    let expected = assess_scores(q, q.default_tier_table(), &all_two)
        .tier
        .map(|t| t.reached);
    assert_eq!(cmp.agreed_tier, expected);
    assert_eq!(cmp.rows.len(), level_parameters(q).count());
    assert!(
        cmp.rows
            .iter()
            .all(|r| r.own == Some(4.0) && r.peer == Some(0))
    );
    assert!(compare(q, &answers, &BTreeMap::new(), &agreed).is_none());
}

#[test]
fn the_placed_response_names_the_country_the_rules_compare() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let w = world(&mut conn);
        let placed = campaign_responses::placed(&mut conn, w.submitted).expect("read");
        assert_eq!(placed.expect("placed").country, "AT", "{db}");
    }
}
