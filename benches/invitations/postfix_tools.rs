//! Postfix's SMTP test programs: `smtp-sink`, a fast SMTP server that accepts and discards
//! every mail (and counts them), and `smtp-source`, a plain SMTP load generator (no
//! pipelining).

use std::fs::File;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// Where Debian puts them, in case `/usr/sbin` is not on a user's PATH.
const SBIN: &str = "/usr/sbin";

const INSTALL: &str = "smtp-sink and smtp-source come with Postfix; on Debian or Ubuntu: \
     sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y postfix \
     (the benchmark starts its own smtp-sink on a free port; the postfix service itself \
     need not run)";

/// The two programs, found.
pub struct Tools {
    sink: PathBuf,
    source: PathBuf,
}

impl Tools {
    /// Finds both on PATH (or in /usr/sbin), or says how to install them.
    pub fn find() -> anyhow::Result<Tools> {
        match (program("smtp-sink"), program("smtp-source")) {
            (Some(sink), Some(source)) => Ok(Tools { sink, source }),
            _ => bail!("smtp-sink and smtp-source are not on PATH. {INSTALL}"),
        }
    }

    /// Starts `smtp-sink` on a free loopback port and waits until it answers. It writes
    /// its running counters to `counters` (a file), which [`Sink::received`] reads.
    pub fn start_sink(&self, counters: &Path) -> anyhow::Result<Sink> {
        let address = free_loopback_address()?;
        let output = File::create(counters)
            .with_context(|| format!("cannot create {}", counters.display()))?;
        let mut command = Command::new(&self.sink);
        // Running counters on stdout, updated as each mail's end is received: what
        // arrived, counted by the receiver itself, for little more than a write each.
        command.arg("-c");
        // As root it must be told whom to run as once the socket is open.
        if is_root() {
            command.args(["-u", "nobody"]);
        }
        let child = command
            .arg(address.to_string())
            // The listen backlog.
            .arg("256")
            .stdout(output)
            .stderr(Stdio::inherit())
            .spawn()
            .with_context(|| format!("cannot start {}", self.sink.display()))?;
        let sink = Sink {
            child,
            address,
            counters: counters.to_path_buf(),
        };
        sink.wait_until_listening()?;
        Ok(sink)
    }

    /// Sends `count` copies of the mail in `message` (LF line ends; headers and body)
    /// to `sink` over `sessions` parallel SMTP sessions that stay connected, and returns
    /// how long that took.
    pub fn send(
        &self,
        sink: &Sink,
        message: &Path,
        count: usize,
        sessions: usize,
    ) -> anyhow::Result<Duration> {
        let started = Instant::now();
        let output = Command::new(&self.source)
            .args(["-d", "-N"])
            .args(["-s", &sessions.to_string()])
            .args(["-m", &count.to_string()])
            .args(["-f", "liaison@localhost", "-t", "desk@team.example.org"])
            .arg("-F")
            .arg(message)
            .arg(sink.address.to_string())
            .output()
            .with_context(|| format!("cannot run {}", self.source.display()))?;
        let elapsed = started.elapsed();
        if !output.status.success() {
            bail!(
                "smtp-source failed ({}): {}",
                output.status,
                String::from_utf8_lossy(&output.stderr).trim()
            );
        }
        Ok(elapsed)
    }
}

/// A running `smtp-sink`, stopped when dropped.
pub struct Sink {
    child: Child,
    pub address: SocketAddr,
    counters: PathBuf,
}

impl Sink {
    /// The `smtp_url` setting that sends to it.
    pub fn smtp_url(&self) -> String {
        format!("smtp://{}", self.address)
    }

    /// How many mails the sink has received so far, once the count has stopped moving
    /// (the senders have all had their "250 OK", but the sink may write its counter a
    /// moment after answering).
    pub fn received(&self) -> anyhow::Result<u64> {
        let mut last = self.count_now()?;
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            std::thread::sleep(Duration::from_millis(100));
            let now = self.count_now()?;
            if now == last || Instant::now() > deadline {
                return Ok(now);
            }
            last = now;
        }
    }

    /// The `mesg=N` of the last whole counter line (they end in `\r`), 0 before the first.
    fn count_now(&self) -> anyhow::Result<u64> {
        let text = std::fs::read_to_string(&self.counters)
            .with_context(|| format!("cannot read {}", self.counters.display()))?;
        let last_line = text.rsplit('\r').skip(1).find_map(|line| {
            let after = &line[line.find("mesg=")? + "mesg=".len()..];
            let digits = after.split(|c: char| !c.is_ascii_digit()).next()?;
            digits.parse().ok()
        });
        Ok(last_line.unwrap_or(0))
    }

    fn wait_until_listening(&self) -> anyhow::Result<()> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if TcpStream::connect(self.address).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        bail!("smtp-sink did not listen on {} within 10 s", self.address)
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn program(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(std::iter::once(PathBuf::from(SBIN)))
        .map(|dir| dir.join(name))
        .find(|candidate| candidate.is_file())
}

/// A loopback port that was free a moment ago.
fn free_loopback_address() -> anyhow::Result<SocketAddr> {
    let listener = TcpListener::bind("127.0.0.1:0").context("no free loopback port")?;
    Ok(listener.local_addr()?)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.trim_ascii() == b"0")
}
