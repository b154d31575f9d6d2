//! Delegating while something else happens to the same response, on both backends: the
//! rules of `liaison::delegations::delegate` are checked against what is stored inside its
//! own transaction, not against the page the contact loaded.

use std::sync::mpsc;
use std::time::Duration;

use liaison::delegations::{self, Contact, DelegationError, Refusal, Request};
use liaison::mail::OutboxKind;
use liaison::storage::campaigns::Campaign;
use liaison::storage::delegations as stored;
use liaison::storage::{self, DbConn, outbox, write_transaction};

use crate::fixtures::{
    CampaignBuilder, MATURITY, ParticipantBuilder, ResponseBuilder, every_answer, questionnaire,
};
use crate::test_db::TestDb;

const CONTACT: &str = "contact@one.example.org";

/// A campaign whose one contact has `response`, or has not started; the campaign and the
/// contact's invitation id.
fn contact_with(conn: &mut DbConn, response: Option<ResponseBuilder>) -> (Campaign, i64) {
    use diesel::prelude::*;
    use liaison::storage::schema::{invitations, participants};
    let mut participant = ParticipantBuilder::new(CONTACT);
    if let Some(response) = response {
        participant = participant.response(response);
    }
    let built = CampaignBuilder::new("Delegation races")
        .questionnaire(MATURITY)
        .participant(participant)
        .build(conn);
    let invitation = invitations::table
        .inner_join(participants::table)
        .filter(participants::campaign_id.eq(built.id()))
        .select(invitations::id)
        .first::<i64>(conn)
        .expect("the contact's invitation");
    let campaign = storage::campaigns::get_campaign(conn, built.id())
        .expect("the campaign")
        .campaign;
    (campaign, invitation)
}

fn contact(campaign: &Campaign, invitation_id: i64) -> Contact<'_> {
    Contact {
        invitation_id,
        email: CONTACT,
        name: "Duty Desk",
        organisation: "Team One",
        questionnaire: questionnaire(MATURITY),
        language: "en",
        campaign,
        base_url: "http://127.0.0.1",
    }
}

fn section_one(email: &str) -> Request<'_> {
    Request {
        email,
        name: "",
        sections: &[1],
    }
}

fn delegation_mails(conn: &mut DbConn) -> usize {
    outbox::list(conn, None)
        .expect("the outbox")
        .iter()
        .filter(|m| m.kind == OutboxKind::Delegation)
        .count()
}

#[test]
fn a_response_submitted_since_the_page_was_loaded_hands_nothing_out() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let q = questionnaire(MATURITY);
        let submitted = ResponseBuilder::submitted(every_answer(q, 2.0, "AT"));
        let (campaign, invitation) = contact_with(&mut conn, Some(submitted));
        let refused = delegations::delegate(
            &mut conn,
            &contact(&campaign, invitation),
            &section_one("deputy@one.example.org"),
            storage::now(),
        );
        assert!(
            matches!(refused, Err(DelegationError::Refused(Refusal::NotDraft))),
            "{db}: {refused:?}"
        );
        let stored = stored::list_for_invitation(&mut conn, invitation).expect("a list");
        assert!(stored.is_empty(), "{db}");
        assert_eq!(delegation_mails(&mut conn), 0, "{db}");
    }
}

#[test]
fn the_same_section_delegated_twice_at_once_goes_to_one_colleague() {
    for db in TestDb::all() {
        let pool = db.pool();
        let mut first = pool.get().expect("a first connection");
        let mut second = pool.get().expect("a second connection");
        // Not started yet: no response row to hold, only the invitation.
        let (campaign, invitation) = contact_with(&mut first, None);
        let contact = &contact(&campaign, invitation);
        let first = &mut first;
        let (made, release) = (mpsc::channel(), mpsc::channel::<()>());
        let (made_tx, made_rx) = made;
        let (release_tx, release_rx) = release;
        let later = std::thread::scope(|s| {
            // The first delegation is written but not committed while the second is asked.
            let holder = s.spawn(move || {
                write_transaction(first, |conn| {
                    let d = delegations::delegate(
                        conn,
                        contact,
                        &section_one("one@one.example.org"),
                        storage::now(),
                    );
                    made_tx.send(()).expect("told");
                    release_rx.recv().expect("released");
                    d
                })
            });
            made_rx.recv().expect("the first is written");
            let asker = s.spawn(|| {
                delegations::delegate(
                    &mut second,
                    contact,
                    &section_one("two@one.example.org"),
                    storage::now(),
                )
            });
            std::thread::sleep(Duration::from_millis(300));
            release_tx.send(()).expect("release");
            holder
                .join()
                .expect("the first")
                .expect("the first is made");
            asker.join().expect("the second")
        });
        assert!(
            matches!(
                later,
                Err(DelegationError::Refused(Refusal::AlreadyDelegated(1)))
            ),
            "{db}: {later:?}"
        );
        let conn = &mut second;
        let open: Vec<_> = stored::list_for_invitation(conn, invitation)
            .expect("a list")
            .into_iter()
            .filter(|d| d.is_open())
            .collect();
        assert_eq!(open.len(), 1, "{db}");
        assert_eq!(delegation_mails(conn), 1, "{db}");
    }
}

#[test]
fn a_save_through_a_link_taken_back_since_its_page_was_loaded_writes_nothing() {
    use liaison::ids::{DelegationId, InvitationId};
    use liaison::responses::{self, Actor, Respondent, ResponseError};
    for db in TestDb::all() {
        let mut conn = db.conn();
        let q = questionnaire(MATURITY);
        let (campaign, invitation) = contact_with(&mut conn, None);
        let contact = contact(&campaign, invitation);
        let request = section_one("deputy@one.example.org");
        let loaded = delegations::delegate(&mut conn, &contact, &request, storage::now())
            .expect("delegated");
        let who = Respondent {
            invitation: InvitationId(invitation),
            questionnaire: q,
            language: "en",
        };
        let answers = every_answer(q, 3.0, "AT");
        let actor = Actor::Delegate(DelegationId(loaded.id));
        let save = |conn: &mut DbConn| {
            responses::save_section(conn, &who, 0, &answers, actor, storage::now())
        };
        let saved: Result<_, ResponseError> = delegations::while_open(&mut conn, &loaded, save);
        assert!(saved.expect("saved").is_some(), "{db}: open, so saved");
        assert!(
            delegations::take_back(&mut conn, invitation, loaded.id, storage::now())
                .expect("taken back"),
            "{db}"
        );
        let before = storage::responses::find_for_invitation(&mut conn, invitation)
            .expect("a lookup")
            .expect("started");
        let stored_answers = |conn: &mut DbConn| {
            storage::responses::load_answers(conn, before.id)
                .expect("answers")
                .len()
        };
        let answered = stored_answers(&mut conn);
        let late: Result<_, ResponseError> = delegations::while_open(&mut conn, &loaded, |conn| {
            responses::save_section(conn, &who, 1, &answers, actor, storage::now())
        });
        assert!(late.expect("no error").is_none(), "{db}: taken back");
        assert_eq!(stored_answers(&mut conn), answered, "{db}: nothing written");
    }
}
