//! Two `liaison serve` processes on one database, both with the mail worker on,
//! sending to one SMTP server: each mail arrives once, and respondents load and
//! save through either.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration as StdDuration, Instant};

use liaison::storage::outbox;

use crate::helpers::{link_token, shipped_questionnaires};
use crate::respondent::{Respondent, field_names};
use crate::smtp::TestSmtp;
use crate::test_db::TestDb;

const PARTICIPANTS: usize = 150;

/// The settings every process gets, as environment variables.
fn environment(db: &TestDb, smtp: &TestSmtp, reports: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("LIAISON_DATABASE_URL", db.url.clone()),
        ("LIAISON_SMTP_URL", smtp.url()),
        ("LIAISON_HOST", "127.0.0.1".to_owned()),
        ("LIAISON_BASE_URL", "https://liaison.example.org".to_owned()),
        ("LIAISON_MAIL_POLL_SECONDS", "1".to_owned()),
        ("LIAISON_REPORTS_DIR", reports.display().to_string()),
        (
            "LIAISON_QUESTIONNAIRES_DIR",
            shipped_questionnaires().display().to_string(),
        ),
        // Everything the service logs, to show that no link token is among it.
        ("LIAISON_LOG", "debug".to_owned()),
    ]
}

/// A `liaison serve` process, killed when dropped.
struct Server {
    child: Child,
    address: String,
    log: std::path::PathBuf,
}

impl Server {
    async fn start(env: &[(&str, String)], folder: &Path, name: &str) -> Server {
        let port = crate::smtp::unused_port();
        let log = folder.join(format!("{name}.log"));
        let file = std::fs::File::create(&log).expect("a log file");
        let child = Command::new(env!("CARGO_BIN_EXE_liaison"))
            .args(["serve", "--port", &port.to_string()])
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdout(file.try_clone().expect("a second handle"))
            .stderr(file)
            .spawn()
            .expect("the binary starts");
        let server = Server {
            child,
            address: format!("http://127.0.0.1:{port}"),
            log,
        };
        let deadline = Instant::now() + StdDuration::from_secs(60);
        loop {
            let health = reqwest::get(format!("{}/health", server.address)).await;
            if health.is_ok_and(|r| r.status() == 200) {
                return server;
            }
            assert!(Instant::now() < deadline, "{name} did not start");
            tokio::time::sleep(StdDuration::from_millis(100)).await;
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn liaison(env: &[(&str, String)], args: &[&str]) -> String {
    let output: Output = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .args(args)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .env("LIAISON_LOG", "warn")
        .stdin(Stdio::null())
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Saves section 1 through one server and loads it through the other.
async fn save_on_one_and_load_on_the_other(from: &Server, to: &Server, token: &str) {
    let path = format!("/r/{token}");
    let saver = Respondent::at(&from.address, &path, 1);
    let saved = saver.answer_levels(1, "3", "save").await;
    assert_eq!(saved.status(), 303, "saved through {}", from.address);
    let loader = Respondent::at(&to.address, &path, 1);
    let html = loader.text("/s/1").await;
    assert_eq!(
        html.matches("\" checked>").count(),
        field_names(&html).len(),
        "{} shows what {} saved",
        to.address,
        from.address
    );
}

#[tokio::test]
async fn two_serve_processes_on_one_database_send_each_mail_once_and_both_serve_respondents() {
    for db in TestDb::all() {
        db.pool(); // migrated once, before either server starts
        let smtp = TestSmtp::start();
        let folder = tempfile::tempdir().expect("a folder");
        let env = environment(&db, &smtp, folder.path());
        let a = Server::start(&env, folder.path(), "a").await;
        let b = Server::start(&env, folder.path(), "b").await;

        let csv = folder.path().join("participants.csv");
        let mut rows = String::from("email,name,organisation,type,country,language\n");
        for i in 0..PARTICIPANTS {
            rows.push_str(&format!(
                "p{i}@csirt.example.org,Desk {i},Team {i},csirt,AT,en\n"
            ));
        }
        std::fs::write(&csv, rows).expect("the CSV");
        let create = [
            "campaign",
            "create",
            "--name",
            "Two servers",
            "--questionnaire",
            "csirt-maturity",
            "--closes",
            "2099-01-31",
        ];
        assert!(liaison(&env, &create).starts_with("created campaign 1\n"));
        let csv = csv.to_str().expect("a UTF-8 path");
        liaison(&env, &["participants", "import", "--campaign", "1", csv]);
        liaison(&env, &["invite", "--campaign", "1"]);

        let received = smtp.wait_for(PARTICIPANTS, StdDuration::from_secs(120));
        let mut conn = db.conn();
        let deadline = Instant::now() + StdDuration::from_secs(60);
        while outbox::counts(&mut conn).expect("counts").sent < PARTICIPANTS as i64 {
            assert!(
                Instant::now() < deadline,
                "{db}: not every mail recorded as sent"
            );
            tokio::time::sleep(StdDuration::from_millis(100)).await;
        }
        // Both workers poll every second: a mail sent twice would have arrived by now.
        tokio::time::sleep(StdDuration::from_secs(3)).await;
        let received = smtp.messages().len().max(received.len());
        let mut arrived: BTreeMap<(String, String), usize> = BTreeMap::new();
        for message in smtp.messages() {
            let key = (message.message_id(), message.recipients.join(","));
            *arrived.entry(key).or_default() += 1;
        }
        assert_eq!(received, PARTICIPANTS, "{db}: mails arrived");
        assert_eq!(arrived.len(), PARTICIPANTS, "{db}: distinct mails");
        assert!(arrived.values().all(|n| *n == 1), "{db}: {arrived:?}");
        let stored: Vec<(String, String)> = outbox::list(&mut conn, None)
            .expect("the outbox")
            .into_iter()
            .map(|m| (m.message_id, m.recipient))
            .collect();
        assert_eq!(
            arrived.keys().cloned().collect::<Vec<_>>(),
            {
                let mut stored = stored;
                stored.sort();
                stored
            },
            "{db}: each mail arrived with its stored Message-ID"
        );

        let tokens: Vec<String> = smtp.messages()[..2]
            .iter()
            .map(|m| link_token(&m.parse().text))
            .collect();
        save_on_one_and_load_on_the_other(&a, &b, &tokens[0]).await;
        save_on_one_and_load_on_the_other(&b, &a, &tokens[1]).await;

        for server in [&a, &b] {
            let log = std::fs::read_to_string(&server.log).expect("the log");
            assert!(log.contains("Liaison is listening"), "{log}");
            for token in &tokens {
                assert!(!log.contains(token.as_str()), "{db}: a link token in {log}");
            }
        }
    }
}
