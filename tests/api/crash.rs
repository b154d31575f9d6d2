//! Crash tests: the real `liaison serve` process killed with SIGKILL in the middle of
//! respondents' saves and of sending mail, then started again on the same database.
//! Nothing acknowledged may be lost, nothing may be left half done.

mod mail;
mod saves;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use liaison::storage::outbox;

use crate::helpers::{link_token, shipped_questionnaires};
use crate::test_db::TestDb;

/// How long a server may take to start (migrations on a busy machine included).
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// The settings every process of a crash test shares, as `LIAISON_…` variables.
pub fn base_env(db: &TestDb, dir: &Path) -> Vec<(&'static str, String)> {
    vec![
        ("LIAISON_DATABASE_URL", db.url.clone()),
        (
            "LIAISON_QUESTIONNAIRES_DIR",
            shipped_questionnaires().display().to_string(),
        ),
        (
            "LIAISON_REPORTS_DIR",
            dir.join("reports").display().to_string(),
        ),
        ("LIAISON_LOG", "warn".to_owned()),
        ("LIAISON_PORT", "0".to_owned()),
        ("LIAISON_MAIL_POLL_SECONDS", "0".to_owned()),
        ("LIAISON_SMTP_URL", "smtp://127.0.0.1:1".to_owned()),
        ("LIAISON_MAIL_RETRY_SECONDS", "1".to_owned()),
    ]
}

/// Runs a CLI command of the real binary and returns its standard output; fails the test
/// when it fails.
pub fn cli<S: AsRef<std::ffi::OsStr> + std::fmt::Debug>(
    env: &[(&str, String)],
    args: &[S],
) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .args(args)
        .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
        .output()
        .expect("the binary runs");
    assert!(
        output.status.success(),
        "liaison {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Creates campaign 1 (`csirt-maturity`) with `n` CSIRT participants and queues their
/// invitations, all through the CLI; returns each participant's address and link token.
/// `n` 0 creates the campaign alone.
pub fn seed_invited(
    db: &TestDb,
    env: &[(&str, String)],
    dir: &Path,
    n: usize,
) -> Vec<(String, String)> {
    let create = [
        "campaign",
        "create",
        "--name",
        "Crash",
        "--questionnaire",
        "csirt-maturity",
        "--closes",
        "2099-12-31",
    ];
    cli(env, &create);
    if n == 0 {
        return Vec::new();
    }
    let mut csv = String::from("email,name,organisation,type,country,language\n");
    for i in 0..n {
        csv.push_str(&format!(
            "desk-{i}@csirt{i}.example.org,Desk {i},CSIRT {i},csirt,AT,en\n"
        ));
    }
    let file = dir.join("participants.csv");
    std::fs::write(&file, csv).expect("the participants file");
    let file = file.to_str().expect("a UTF-8 path");
    cli(env, &["participants", "import", "--campaign", "1", file]);
    cli(env, &["invite", "--campaign", "1"]);
    links(db)
}

/// Every mail's recipient and the token of the link it carries, in queue order.
pub fn links(db: &TestDb) -> Vec<(String, String)> {
    outbox::list(&mut db.conn(), None)
        .expect("the outbox")
        .into_iter()
        .map(|m| (m.recipient.clone(), link_token(&m.text_to_send())))
        .collect()
}

/// A running `liaison serve`, killed with SIGKILL when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:<port>`
    pub address: String,
}

impl Server {
    /// Starts `liaison serve` and waits until it listens.
    pub fn start(env: &[(&str, String)], dir: &Path) -> Server {
        Server::start_with(env, dir, &[])
    }

    /// Starts `liaison serve <args>` and waits until it listens.
    pub fn start_with(env: &[(&str, String)], dir: &Path, args: &[&str]) -> Server {
        let log = dir.join(format!("serve-{}.log", unique()));
        let mut child = Command::new(env!("CARGO_BIN_EXE_liaison"))
            .arg("serve")
            .args(args)
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).expect("a log file"))
            .spawn()
            .expect("the server starts");
        let stdout = child.stdout.take().expect("a piped stdout");
        let (tx, rx) = mpsc::channel();
        // Reads to the end, so the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(address) = line.strip_prefix("Liaison is listening on ") {
                    let _ = tx.send(address.trim().to_owned());
                }
            }
        });
        let Ok(address) = rx.recv_timeout(START_TIMEOUT) else {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "the server did not start: {}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        };
        Server { child, address }
    }

    /// SIGKILL: no shutdown, no flushing, no rollback but the database's own.
    pub fn kill(mut self) {
        self.child.kill().expect("SIGKILL is delivered");
        self.child.wait().expect("the server is reaped");
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn unique() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    N.fetch_add(1, Ordering::Relaxed)
}
