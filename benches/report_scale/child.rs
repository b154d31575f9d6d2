//! Running one command as a child process: its wall-clock time and its own peak
//! resident memory, read from `wait4` so earlier children do not count.

use std::fs::File;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

/// What one finished run took.
pub struct Run {
    pub wall: Duration,
    /// Peak resident set size in bytes.
    pub peak_rss: u64,
    /// What the child printed on standard output.
    pub stdout: String,
}

/// Runs `command` to completion with its output captured under `logs` (as `<name>.out`
/// and `<name>.err`); a failure shows what the child wrote on standard error.
pub fn run(mut command: Command, logs: &Path, name: &str) -> anyhow::Result<Run> {
    let out_path = logs.join(format!("{name}.out"));
    let err_path = logs.join(format!("{name}.err"));
    let out =
        File::create(&out_path).with_context(|| format!("creating {}", out_path.display()))?;
    let err =
        File::create(&err_path).with_context(|| format!("creating {}", err_path.display()))?;
    command
        .stdin(Stdio::null())
        .stdout(Stdio::from(out))
        .stderr(Stdio::from(err));
    let started = Instant::now();
    let child = command
        .spawn()
        .with_context(|| format!("starting {:?}", command.get_program()))?;
    let (status, peak_rss) = wait_with_usage(child.id())?;
    let wall = started.elapsed();
    let stdout = std::fs::read_to_string(&out_path).unwrap_or_default();
    if status != 0 {
        let stderr = std::fs::read_to_string(&err_path).unwrap_or_default();
        bail!("{name} failed (wait status {status}):\n{stdout}{stderr}");
    }
    Ok(Run {
        wall,
        peak_rss,
        stdout,
    })
}

/// Reaps `pid` and returns its wait status (0 for a clean exit) and peak RSS in bytes.
fn wait_with_usage(pid: u32) -> anyhow::Result<(i32, u64)> {
    let pid = libc::pid_t::try_from(pid)?;
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero `rusage` is a valid value of the plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own unreaped child, and both pointers point at live locals
        // of the types `wait4` writes.
        let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if reaped == pid {
            break;
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error).context("waiting for the child process");
        }
    }
    // Linux reports ru_maxrss in KiB.
    let peak = u64::try_from(usage.ru_maxrss).unwrap_or(0) * 1024;
    Ok((status, peak))
}
