//! Delegations on both backends: created with a token hash only, found by it, listed,
//! taken back, finished, closed by a submit, and their colleagues erased by retention.

use liaison::delegations;
use liaison::invitations::{Token, hash_token};
use liaison::storage::delegations::{self as stored, NewDelegation};
use liaison::storage::{self, DbConn};

use crate::fixtures::{
    CampaignBuilder, MATURITY, ParticipantBuilder, ResponseBuilder, every_answer, questionnaire,
};
use crate::test_db::TestDb;

/// A campaign with one draft response; its campaign and invitation ids.
fn draft(conn: &mut DbConn) -> (i64, i64) {
    let q = questionnaire(MATURITY);
    let built = CampaignBuilder::new("Delegation")
        .questionnaire(MATURITY)
        .participant(
            ParticipantBuilder::new("contact@one.example.org")
                .response(ResponseBuilder::draft(every_answer(q, 2.0, "AT"))),
        )
        .build(conn);
    let response = built.participants[0].response_id();
    let invitation = storage::responses::get(conn, response)
        .expect("the response")
        .invitation_id;
    (built.id(), invitation)
}

fn delegate(conn: &mut DbConn, invitation: i64, email: &str, sections: &str) -> (String, i64) {
    let token = Token::generate();
    let made = stored::create(
        conn,
        &NewDelegation {
            invitation_id: invitation,
            email,
            name: Some("Kim"),
            sections,
            token_hash: &token.hash(),
            created_at: storage::now(),
        },
    )
    .expect("created");
    (token.as_str().to_owned(), made.id)
}

#[test]
fn a_delegation_is_found_by_its_token_hash_only_while_open() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let (_, invitation) = draft(&mut conn);
        let (token, id) = delegate(&mut conn, invitation, "deputy@one.example.org", r#"["s2"]"#);
        let found = stored::find_by_token_hash(&mut conn, &hash_token(&token))
            .expect("a lookup")
            .expect("found");
        assert_eq!(found.id, id, "{db}");
        assert_ne!(found.token_hash, token, "{db}: only the hash is kept");
        assert_eq!(found.section_ids(), vec!["s2".to_owned()], "{db}");
        assert!(
            delegations::open(&mut conn, &token)
                .expect("open")
                .is_some(),
            "{db}"
        );
        assert!(
            delegations::open(&mut conn, "guess")
                .expect("open")
                .is_none(),
            "{db}"
        );
        assert_eq!(
            stored::list_for_invitation(&mut conn, invitation)
                .expect("a list")
                .len(),
            1,
            "{db}"
        );
    }
}

#[test]
fn taking_back_finishing_and_submitting_each_end_a_delegation_once() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let (_, invitation) = draft(&mut conn);
        let (back, back_id) = delegate(&mut conn, invitation, "a@one.example.org", "[]");
        let (done, done_id) = delegate(&mut conn, invitation, "b@one.example.org", "[]");
        let (closed, _) = delegate(&mut conn, invitation, "c@one.example.org", "[]");
        let at = storage::now();
        assert!(
            stored::revoke(&mut conn, invitation, back_id, at).expect("revoke"),
            "{db}"
        );
        assert!(
            !stored::revoke(&mut conn, invitation, back_id, at).expect("revoke"),
            "{db}"
        );
        assert!(
            !stored::revoke(&mut conn, invitation + 1, done_id, at).expect("revoke"),
            "{db}: another contact's"
        );
        assert!(
            stored::mark_done(&mut conn, invitation, done_id, at).expect("done"),
            "{db}"
        );
        assert!(
            !stored::mark_done(&mut conn, invitation, back_id, at).expect("done"),
            "{db}"
        );
        assert_eq!(
            stored::close_open(&mut conn, invitation, at).expect("close"),
            1,
            "{db}"
        );
        for token in [back, done, closed] {
            assert!(
                delegations::open(&mut conn, &token)
                    .expect("open")
                    .is_none(),
                "{db}"
            );
        }
        let states: Vec<_> = stored::list_for_invitation(&mut conn, invitation)
            .expect("a list")
            .iter()
            .map(|d| delegations::standing(d, false))
            .collect();
        assert_eq!(
            states,
            [
                delegations::Standing::TakenBack,
                delegations::Standing::Done,
                delegations::Standing::Closed
            ],
            "{db}"
        );
    }
}

#[test]
fn retention_erases_the_colleagues_addresses_and_names() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let (campaign, invitation) = draft(&mut conn);
        delegate(&mut conn, invitation, "deputy@one.example.org", "[]");
        assert_eq!(
            stored::erase_people(&mut conn, campaign).expect("erase"),
            1,
            "{db}"
        );
        assert_eq!(
            stored::erase_people(&mut conn, campaign).expect("erase"),
            0,
            "{db}"
        );
        let left = stored::list_for_invitation(&mut conn, invitation).expect("a list");
        assert_eq!(left[0].email, None, "{db}");
        assert_eq!(left[0].name, None, "{db}");
    }
}
