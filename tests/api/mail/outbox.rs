//! The outbox table: claims, leases, transactions and counts.

use chrono::Duration;
use diesel::Connection;
use liaison::mail::OutboxState;
use liaison::mail::outbox::CLAIM_LEASE;
use liaison::storage::{self, outbox};

use super::*;
use crate::test_db::TestDb;

#[test]
fn two_claims_never_get_the_same_mail() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let first = queue(&mut conn, "one@cert.example", &invitation());
        let second = queue(&mut conn, "two@cert.example", &invitation());
        let now = storage::now();

        let a = outbox::claim_next(&mut conn, now, CLAIM_LEASE).unwrap();
        let b = outbox::claim_next(&mut conn, now, CLAIM_LEASE).unwrap();
        let c = outbox::claim_next(&mut conn, now, CLAIM_LEASE).unwrap();

        assert_eq!(
            a.map(|m| (m.id, m.state, m.attempts)),
            Some((first, OutboxState::Sending, 1)),
            "{db}"
        );
        assert_eq!(b.map(|m| m.id), Some(second), "{db}");
        assert_eq!(c, None, "{db}");
    }
}

#[test]
fn a_mail_whose_worker_died_is_claimed_again_once_its_lease_runs_out() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let id = queue(&mut conn, "alex@cert.example", &invitation());
        let now = storage::now();
        let claimed = outbox::claim_next(&mut conn, now, CLAIM_LEASE).unwrap();
        assert!(claimed.is_some(), "{db}");

        let during_lease = now + CLAIM_LEASE - Duration::seconds(1);
        let after_lease = now + CLAIM_LEASE + Duration::seconds(1);

        assert_eq!(
            outbox::claim_next(&mut conn, during_lease, CLAIM_LEASE).unwrap(),
            None,
            "{db}"
        );
        let again = outbox::claim_next(&mut conn, after_lease, CLAIM_LEASE).unwrap();
        assert_eq!(again.map(|m| (m.id, m.attempts)), Some((id, 2)), "{db}");
    }
}

#[test]
fn a_mail_queued_in_a_transaction_that_rolls_back_is_never_sent() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let rolled_back = conn.transaction::<(), diesel::result::Error, _>(|conn| {
            queue(conn, "alex@cert.example", &invitation());
            Err(diesel::result::Error::RollbackTransaction)
        });

        assert!(rolled_back.is_err());
        assert_eq!(outbox::list(&mut conn, None).unwrap(), [], "{db}");
        assert_eq!(outbox::due_count(&mut conn, storage::now()).unwrap(), 0);
    }
}

#[test]
fn counts_and_due_count_follow_the_mails_through_their_states() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        for i in 0..3 {
            queue(&mut conn, &format!("p{i}@cert.example"), &invitation());
        }
        let now = storage::now();
        assert_eq!(outbox::due_count(&mut conn, now).unwrap(), 3, "{db}");

        let a = outbox::claim_next(&mut conn, now, CLAIM_LEASE)
            .unwrap()
            .unwrap();
        outbox::mark_sent(&mut conn, a.id, now).unwrap();
        let b = outbox::claim_next(&mut conn, now, CLAIM_LEASE)
            .unwrap()
            .unwrap();
        outbox::mark_retry(
            &mut conn,
            b.id,
            "transient: 421 busy",
            now + Duration::hours(1),
        )
        .unwrap();
        let c = outbox::claim_next(&mut conn, now, CLAIM_LEASE)
            .unwrap()
            .unwrap();

        let counts = outbox::counts(&mut conn).unwrap();
        assert_eq!(
            (counts.sent, counts.pending, counts.sending, counts.failed),
            (1, 1, 1, 0),
            "{db}"
        );
        assert_eq!(outbox::due_count(&mut conn, now).unwrap(), 0);
        assert_eq!(
            outbox::due_count(&mut conn, now + Duration::hours(2)).unwrap(),
            1
        );
        outbox::mark_failed(&mut conn, c.id, "permanent: 550 no").unwrap();
        let pending = outbox::list(&mut conn, Some(OutboxState::Pending)).unwrap();
        assert_eq!(pending.iter().map(|m| m.id).collect::<Vec<_>>(), [b.id]);
        assert_eq!(outbox::list(&mut conn, None).unwrap().len(), 3);
    }
}

mod upgrade {
    use diesel::RunQueryDsl;
    use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};
    use liaison::mail::OutboxState;
    use liaison::storage::{DbConn, outbox};

    use crate::test_db::TestDb;

    const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
    const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");
    /// The migration that moved link tokens out of the bodies.
    const TOKENS_MOVED_OUT: &str = "20261206000004";

    fn applied(conn: &mut DbConn) -> Vec<String> {
        let versions = match conn {
            DbConn::Pg(pg) => pg.applied_migrations(),
            DbConn::Sqlite(sqlite) => sqlite.applied_migrations(),
        };
        versions
            .expect("the applied migrations")
            .iter()
            .map(|v| v.to_string().replace('-', ""))
            .collect()
    }

    /// Reverts migrations, newest first, until the one moving tokens out is undone.
    fn back_to_before_it(conn: &mut DbConn) {
        while applied(conn).iter().any(|v| v == TOKENS_MOVED_OUT) {
            match conn {
                DbConn::Pg(pg) => pg.revert_last_migration(POSTGRES).map(drop),
                DbConn::Sqlite(sqlite) => sqlite.revert_last_migration(SQLITE).map(drop),
            }
            .expect("a migration reverts");
        }
    }

    fn migrate(conn: &mut DbConn) {
        match conn {
            DbConn::Pg(pg) => pg.run_pending_migrations(POSTGRES).map(drop),
            DbConn::Sqlite(sqlite) => sqlite.run_pending_migrations(SQLITE).map(drop),
        }
        .expect("the migrations run");
    }

    #[test]
    fn upgrading_moves_the_tokens_of_mails_queued_before_out_of_their_bodies() {
        const TOKEN_SENT: &str = "SentSentSentSentSentSentSentSentSentSentSen";
        const TOKEN_WAITING: &str = "WaitWaitWaitWaitWaitWaitWaitWaitWaitWait-_1";
        for db in TestDb::all() {
            let mut conn = db.conn();
            back_to_before_it(&mut conn);
            for (state, token) in [("sent", TOKEN_SENT), ("pending", TOKEN_WAITING)] {
                let link = format!("https://liaison.example.org/r/{token}");
                diesel::sql_query(format!(
                    "INSERT INTO outbox (kind, recipient, subject, body_text, body_html, state, \
                     attempts, next_attempt_at, created_at) VALUES ('invitation', \
                     '{state}@cert.example', 'Invitation', 'Open {link}\nThanks', \
                     '<a href=\"{link}\">{link}</a>', '{state}', 0, CURRENT_TIMESTAMP, \
                     CURRENT_TIMESTAMP)"
                ))
                .execute(&mut *conn)
                .expect("a mail queued before the upgrade");
            }

            migrate(&mut conn);

            let mails = outbox::list(&mut conn, None).expect("the outbox");
            assert_eq!(mails.len(), 2, "{db}");
            for mail in &mails {
                for body in [&mail.body_text, &mail.body_html] {
                    assert!(
                        !body.contains(TOKEN_SENT) && !body.contains(TOKEN_WAITING),
                        "{db}: {body}"
                    );
                    assert!(body.contains("/r/{{link_token}}"), "{db}: {body}");
                }
                assert!(mail.message_id.ends_with("@liaison.invalid>"), "{db}");
            }
            assert_ne!(mails[0].message_id, mails[1].message_id, "{db}");
            let sent = &mails[0];
            assert_eq!(
                (sent.state, sent.link_token.as_deref()),
                (OutboxState::Sent, None),
                "{db}"
            );
            let waiting = &mails[1];
            assert_eq!(waiting.link_token.as_deref(), Some(TOKEN_WAITING), "{db}");
            assert_eq!(
                waiting.text_to_send(),
                format!("Open https://liaison.example.org/r/{TOKEN_WAITING}\nThanks"),
                "{db}"
            );
        }
    }
}
