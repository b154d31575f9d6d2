//! `liaison serve` as a child process: on an existing database with everything logged (the
//! log tests), or with `--demo` on a database of its own, as the README's run command
//! starts it (the demo walkthrough).

use std::path::Path;
use std::process::{Child, Command};
use std::time::Duration;

use super::shipped_questionnaires;

/// How long the server may take to say where it listens: `--demo` seeds two campaigns and
/// builds their reports first, unoptimised in a test build, maybe on a busy machine.
const START_TIMEOUT: Duration = Duration::from_secs(300);

/// A running `liaison serve`, its stdout and stderr going to files.
pub struct Binary {
    child: Child,
    /// `http://127.0.0.1:{port}`.
    pub address: String,
    stdout: tempfile::NamedTempFile,
    stderr: tempfile::NamedTempFile,
    /// The working folder, which holds the reports (and the demo's database).
    pub dir: tempfile::TempDir,
}

impl Binary {
    /// The server on `database_url`, logging everything every crate logs at `trace`,
    /// the `log` crate's records included.
    pub fn start(database_url: &str) -> Binary {
        Binary::spawn(database_url, false, "trace")
    }

    /// `serve --demo` on a new SQLite database in its own folder.
    pub fn start_demo() -> Binary {
        Binary::spawn("", true, "warn")
    }

    fn spawn(database_url: &str, demo: bool, log_level: &str) -> Binary {
        let dir = tempfile::tempdir().expect("a working folder");
        let stderr = tempfile::NamedTempFile::new().expect("a log file");
        // A file, not a pipe: a pipe nobody reads would stop the server once it is full.
        let stdout = tempfile::NamedTempFile::new().expect("an output file");
        let database_url = if demo {
            format!("sqlite://{}", dir.path().join("liaison.sqlite").display())
        } else {
            database_url.to_owned()
        };
        let mut command = Command::new(env!("CARGO_BIN_EXE_liaison"));
        command.arg("serve");
        if demo {
            command.arg("--demo");
        }
        let mut child = command
            // No liaison.toml of the developer's is picked up from here.
            .current_dir(dir.path())
            .env_remove("DATABASE_URL")
            .env("LIAISON_DATABASE_URL", &database_url)
            .env("LIAISON_HOST", "127.0.0.1")
            .env("LIAISON_PORT", "0")
            .env("LIAISON_BASE_URL", "http://127.0.0.1")
            .env("LIAISON_QUESTIONNAIRES_DIR", shipped_questionnaires())
            .env("LIAISON_REPORTS_DIR", dir.path())
            .env("LIAISON_MAIL_POLL_SECONDS", "0")
            .env("RUST_LOG", log_level)
            .stdout(stdout.reopen().expect("the output file"))
            .stderr(stderr.reopen().expect("the log file"))
            .spawn()
            .expect("the binary starts");
        let address = listening_address(&mut child, stdout.path());
        Binary {
            child,
            address,
            stdout,
            stderr,
            dir,
        }
    }

    /// Everything the server printed so far.
    pub fn printed(&self) -> String {
        std::fs::read_to_string(self.stdout.path()).expect("the output is readable")
    }

    /// The `n`-th respondent link the server printed (from 0), pointed at where it
    /// listens: the settings' base URL has no port, so the link's path goes after the
    /// server's address.
    pub fn printed_link(&self, n: usize) -> String {
        let printed = self.printed();
        let path = printed
            .lines()
            .filter_map(|l| l.trim().strip_prefix("respondent link: http://127.0.0.1"))
            .nth(n)
            .unwrap_or_else(|| panic!("no respondent link {n} in:\n{printed}"));
        format!("{}{path}", self.address)
    }

    /// The prosecutor's link of the demo's cooperation campaign, pointed at where the
    /// server listens.
    pub fn printed_prosecutor_link(&self) -> String {
        let printed = self.printed();
        let path = printed
            .lines()
            .find_map(|l| {
                l.trim()
                    .strip_prefix("prosecutor's link (in French): http://127.0.0.1")
            })
            .unwrap_or_else(|| panic!("no prosecutor's link in:\n{printed}"));
        format!("{}{path}", self.address)
    }

    /// Stops the server and returns everything it logged.
    pub fn stop(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        std::fs::read_to_string(self.stderr.path()).expect("the log is readable")
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits for the line saying where the server listens, printed once it is ready.
fn listening_address(child: &mut Child, stdout: &Path) -> String {
    let started = std::time::Instant::now();
    while started.elapsed() < START_TIMEOUT {
        let printed = std::fs::read_to_string(stdout).unwrap_or_default();
        let address = printed
            .lines()
            .find_map(|l| l.strip_prefix("Liaison is listening on "));
        if let Some(address) = address {
            return address.to_owned();
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("the binary stopped ({status}): {printed}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the binary did not say where it listens within {START_TIMEOUT:?}");
}
