//! `liaison mail send-pending` killed mid-run: what it leaves claimed, what the
//! next run says about it, and what goes out twice.

use std::collections::BTreeMap;
use std::process::{Command, Stdio};
use std::time::Duration as StdDuration;

use diesel::prelude::*;
use liaison::mail::outbox::{CLAIM_BATCH, DEFAULT_SMTP_SESSIONS};
use liaison::storage::schema::outbox as outbox_table;
use liaison::storage::{self, outbox};

use super::*;
use crate::cli::stdout_of;
use crate::helpers::shipped_questionnaires;
use crate::smtp::TestSmtp;
use crate::test_db::TestDb;

const MAILS: usize = 3000;

fn send_pending_command(db: &TestDb, smtp: &TestSmtp) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_liaison"));
    command
        .args(["mail", "send-pending"])
        .env("LIAISON_DATABASE_URL", &db.url)
        .env("LIAISON_SMTP_URL", smtp.url())
        .env("LIAISON_LOG", "warn")
        .env("LIAISON_QUESTIONNAIRES_DIR", shipped_questionnaires());
    command
}

#[test]
fn a_killed_run_leaves_at_most_a_batch_per_session_which_the_next_run_names_and_resends_with_its_id()
 {
    for db in TestDb::all() {
        let pool = db.pool();
        let smtp = TestSmtp::start();
        let mail = invitation();
        storage::write_transaction(&mut pool.get().unwrap(), |conn| {
            for i in 0..MAILS {
                queue(conn, &format!("p{i}@cert.example"), &mail);
            }
            Ok::<_, diesel::result::Error>(())
        })
        .expect("queued");

        let mut run = send_pending_command(&db, &smtp)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts");
        smtp.wait_for(30, StdDuration::from_secs(120));
        run.kill().expect("killed");
        run.wait().expect("ended");

        let mut conn = pool.get().unwrap();
        let held = claims_after_a_kill(&mut conn);
        let sent = outbox::counts(&mut conn).unwrap().sent;
        assert!(
            sent < MAILS as i64,
            "{db}: the run was killed before the end"
        );
        assert!(
            held.len() <= DEFAULT_SMTP_SESSIONS.get() * CLAIM_BATCH,
            "{db}: a killed run left {} mails claimed",
            held.len()
        );

        // The next run sends the rest and says which mails the dead run holds till when.
        let stdout = stdout_of(&send_pending_command(&db, &smtp).output().expect("runs"));
        if let Some(until) = held.iter().map(|m| m.next_attempt_at).max() {
            let now = storage::now();
            let format = if until.date() == now.date() {
                "%H:%M UTC"
            } else {
                "%Y-%m-%d %H:%M UTC"
            };
            let expected = format!(
                "{} held by a lease (until {})",
                held.len(),
                until.format(format)
            );
            assert!(stdout.contains(&expected), "{db}: {stdout}");
        }

        // Once those leases have run out (moved back here, not waited for), a run sends them.
        diesel::update(outbox_table::table.filter(outbox_table::state.eq("sending")))
            .set(outbox_table::next_attempt_at.eq(storage::now() - chrono::Duration::seconds(1)))
            .execute(&mut conn)
            .expect("leases ended");
        stdout_of(&send_pending_command(&db, &smtp).output().expect("runs"));

        assert_eq!(
            outbox::counts(&mut conn).unwrap().sent,
            MAILS as i64,
            "{db}"
        );
        std::thread::sleep(StdDuration::from_millis(300));
        let mut copies: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for message in smtp.messages() {
            let recipient = message.recipients.join(",");
            copies
                .entry(recipient)
                .or_default()
                .push(message.message_id());
        }
        assert_eq!(copies.len(), MAILS, "{db}: every recipient got the mail");
        let twice: Vec<_> = copies.iter().filter(|(_, ids)| ids.len() > 1).collect();
        assert!(
            twice.len() <= held.len(),
            "{db}: {} mails went out twice, {} were held: {twice:?}",
            twice.len(),
            held.len()
        );
        for (recipient, ids) in twice {
            assert!(
                ids.len() == 2 && ids[0] == ids[1],
                "{db}: {recipient} got {ids:?}"
            );
        }
    }
}
