//! Printing times, rates and verdicts as aligned lines.

use std::time::Duration;

pub fn line(what: &str, took: Duration, runs: usize, answers: usize, rss: Option<u64>) {
    let rate = answers as f64 / secs(took);
    let memory = rss
        .map(|r| format!("   peak RSS {}", mib(r)))
        .unwrap_or_default();
    println!(
        "{what:<28} {:>8.2} s (best of {runs}) {:>7.2} M answers/s{memory}",
        secs(took),
        rate / 1e6
    );
}

pub fn verdict(what: &str, value: String, target: String, met: bool) {
    let word = if met { "met" } else { "MISSED" };
    println!("{what:<28} {value:>10}   target {target:<10} {word}");
}

pub fn secs(d: Duration) -> f64 {
    d.as_secs_f64().max(1e-9)
}

pub fn mib(bytes: u64) -> String {
    format!("{} MiB", bytes / (1 << 20))
}
