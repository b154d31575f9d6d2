//! The `liaison` binary as a user runs it.

use std::process::Command;

use crate::helpers::shipped_questionnaires;
use crate::service::copy_dir;

fn liaison(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_liaison"))
        .args(args)
        .env_remove("LIAISON_QUESTIONNAIRES_DIR")
        .output()
        .expect("the binary runs")
}

#[test]
fn questionnaires_check_prints_a_line_per_shipped_questionnaire() {
    let dir = shipped_questionnaires();
    let output = liaison(&["questionnaires", "check", dir.to_str().expect("utf-8 path")]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert_eq!(
        lines[2],
        "csirt-maturity 1.0.0  audience csirt  45 questions  languages en"
    );
    assert!(
        lines[0].starts_with("csirt-le-cooperation-csirt 1.0.0  audience csirt"),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with("languages en, de"), "{}", lines[0]);
}

#[test]
fn questionnaires_check_names_the_problem_in_a_broken_file_and_fails() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&shipped_questionnaires(), dir.path());
    let file = dir
        .path()
        .join("csirt-le-cooperation-lea/questionnaire.toml");
    let text = std::fs::read_to_string(&file).expect("read");
    let broken = text.replacen("dimension = \"legal\"", "dimension = \"lawful\"", 1);
    assert_ne!(text, broken, "the fixture has a legal question");
    std::fs::write(&file, broken).expect("write");
    let output = liaison(&[
        "questionnaires",
        "check",
        dir.path().to_str().expect("utf-8 path"),
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("csirt-le-cooperation-lea/questionnaire.toml: question "),
        "{stderr}"
    );
    assert!(stderr.contains(": unknown dimension \"lawful\" (expected behavioural, legal, organisational, technical or judiciary)"), "{stderr}");
}
