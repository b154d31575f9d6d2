//! The outbox in batches: claiming several mails in one transaction, handing back
//! the ones a worker did not try, and recording a batch's deliveries at once.

use chrono::Duration;
use diesel::prelude::*;
use liaison::mail::OutboxState;
use liaison::mail::outbox::CLAIM_LEASE;
use liaison::storage::schema::outbox as outbox_table;
use liaison::storage::{self, outbox};

use super::*;
use crate::test_db::TestDb;

fn claim(conn: &mut DbConn, now: chrono::NaiveDateTime, count: usize) -> Vec<OutboxMail> {
    storage::write_transaction(conn, |conn| {
        outbox::claim_in(conn, now, now, CLAIM_LEASE, count)
    })
    .expect("a claim")
}

#[test]
fn a_batch_claim_takes_the_longest_waiting_mails_once_each_up_to_its_size() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let ids: Vec<i64> = (0..5)
            .map(|i| queue(&mut conn, &format!("p{i}@cert.example"), &invitation()))
            .collect();
        let now = storage::now();

        let first = claim(&mut conn, now, 3);
        let second = claim(&mut conn, now, 3);
        let third = claim(&mut conn, now, 3);

        let taken = |mails: &[OutboxMail]| mails.iter().map(|m| m.id).collect::<Vec<_>>();
        assert_eq!(taken(&first), ids[..3], "{db}");
        assert_eq!(taken(&second), ids[3..], "{db}");
        assert_eq!(third, [], "{db}");
        for mail in first.iter().chain(&second) {
            assert_eq!(
                (mail.state, mail.attempts),
                (OutboxState::Sending, 1),
                "{db}"
            );
            assert_eq!(mail.next_attempt_at, now + CLAIM_LEASE, "{db}");
        }
    }
}

#[test]
fn a_batch_claim_takes_mails_whose_lease_ran_out_beside_pending_ones_oldest_first() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let abandoned = queue(&mut conn, "a@cert.example", &invitation());
        let start = storage::now();
        assert_eq!(claim(&mut conn, start, 1).len(), 1, "{db}");
        let waiting = queue(&mut conn, "b@cert.example", &invitation());

        let after_lease = start + CLAIM_LEASE + Duration::seconds(1);
        let claimed = claim(&mut conn, after_lease, 5);

        let taken: Vec<(i64, i32)> = claimed.iter().map(|m| (m.id, m.attempts)).collect();
        assert_eq!(taken, [(waiting, 1), (abandoned, 2)], "{db}");
    }
}

#[test]
fn mails_handed_back_are_due_again_without_the_attempt_unless_another_claim_holds_them() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        for i in 0..2 {
            queue(&mut conn, &format!("p{i}@cert.example"), &invitation());
        }
        let start = storage::now();
        let claimed = claim(&mut conn, start, 2);
        // The second mail's lease ran out and another worker claimed it since.
        let later = start + CLAIM_LEASE + Duration::seconds(1);
        diesel::update(outbox_table::table.find(claimed[1].id))
            .set(outbox_table::next_attempt_at.eq(start - Duration::seconds(1)))
            .execute(&mut conn)
            .expect("the lease ends early");
        let retaken = claim(&mut conn, later, 1);
        assert_eq!(retaken[0].id, claimed[1].id, "{db}");

        let now = storage::now();
        storage::write_transaction(&mut conn, |conn| outbox::release_in(conn, &claimed, now))
            .expect("released");

        let first = outbox::get(&mut conn, claimed[0].id).unwrap();
        assert_eq!(
            (first.state, first.attempts, first.next_attempt_at),
            (OutboxState::Pending, 0, now),
            "{db}"
        );
        let second = outbox::get(&mut conn, claimed[1].id).unwrap();
        assert_eq!(
            (second.state, second.attempts, second.next_attempt_at),
            (OutboxState::Sending, 2, retaken[0].next_attempt_at),
            "{db}: the other worker's claim stands"
        );
    }
}

#[test]
fn a_batch_is_recorded_sent_even_when_one_of_its_mails_was_erased_meanwhile() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let ids: Vec<i64> = (0..3)
            .map(|i| queue(&mut conn, &format!("p{i}@cert.example"), &invitation()))
            .collect();
        let now = storage::now();
        claim(&mut conn, now, 3);
        diesel::delete(outbox_table::table.find(ids[1]))
            .execute(&mut conn)
            .expect("erased with its campaign");

        let marked = outbox::mark_all_sent(&mut conn, &ids, now).expect("recorded");

        assert_eq!(marked, 2, "{db}");
        for id in [ids[0], ids[2]] {
            let mail = outbox::get(&mut conn, id).unwrap();
            assert_eq!(
                (mail.state, mail.link_token),
                (OutboxState::Sent, None),
                "{db}"
            );
        }
    }
}

/// On PostgreSQL every statement is a round trip to the server: claiming a batch and
/// recording it sent take as many statements for many mails as for few.
#[test]
fn on_postgresql_a_batch_is_claimed_and_recorded_in_a_fixed_number_of_statements() {
    let Some(db) = TestDb::postgres() else {
        return;
    };
    let mut conn = db.conn();
    for i in 0..12 {
        queue(&mut conn, &format!("p{i}@cert.example"), &invitation());
    }
    let now = storage::now();
    let mut run = |count: usize| {
        let (mails, claiming) =
            crate::statements::statements_of(&mut conn, |conn| claim(conn, now, count));
        assert_eq!(mails.len(), count, "{db}");
        let ids: Vec<i64> = mails.iter().map(|m| m.id).collect();
        let (marked, recording) = crate::statements::statements_of(&mut conn, |conn| {
            outbox::mark_all_sent(conn, &ids, now)
        });
        assert_eq!(marked.expect("recorded"), count, "{db}");
        (claiming, recording)
    };
    let (few, many) = (run(2), run(10));
    assert_eq!(
        few.0.len(),
        many.0.len(),
        "claiming:\n{}",
        many.0.join("\n")
    );
    assert_eq!(
        few.1.len(),
        many.1.len(),
        "recording:\n{}",
        many.1.join("\n")
    );
}

/// And each of those is one statement of fixed text, prepared once per connection: diesel
/// prepares every `UPDATE` it builds anew, which on PostgreSQL is a round trip more on
/// every batch.
#[test]
fn on_postgresql_a_batch_is_claimed_in_one_statement_and_recorded_in_one_each_prepared_once() {
    let Some(db) = TestDb::postgres() else {
        return;
    };
    let mut conn = db.conn();
    for i in 0..6 {
        queue(&mut conn, &format!("p{i}@cert.example"), &invitation());
    }
    let now = storage::now();
    // A connection of its own, whose cache holds nothing yet.
    let mut fresh = db.conn();
    let mut batch = |count: usize| {
        let (mails, mut ran, mut kept) =
            crate::statements::statements_and_preparations_of(&mut fresh, |conn| {
                claim(conn, now, count)
            });
        assert_eq!(mails.len(), count, "{db}");
        let ids: Vec<i64> = mails.iter().map(|m| m.id).collect();
        let (marked, recording, recording_kept) =
            crate::statements::statements_and_preparations_of(&mut fresh, |conn| {
                outbox::mark_all_sent(conn, &ids, now)
            });
        assert_eq!(marked.expect("recorded"), count, "{db}");
        ran.extend(recording);
        kept.extend(recording_kept);
        (ran, kept)
    };
    let (_, kept_first) = batch(3);
    let (ran, kept_second) = batch(3);
    let control = ["BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"];
    let work: Vec<&String> = ran
        .iter()
        .filter(|sql| !control.iter().any(|c| sql.to_uppercase().starts_with(c)))
        .collect();
    assert_eq!(work.len(), 2, "one claim, one record:\n{ran:#?}");
    let prepared_again: Vec<&&String> = work
        .iter()
        .filter(|sql| !kept_first.contains(sql))
        .collect();
    assert!(
        prepared_again.is_empty() && kept_second.is_empty(),
        "a second batch prepared statements anew:\n{prepared_again:#?}\n{kept_second:#?}"
    );
}
