//! The `liaison` binary as a user runs it.

use std::path::Path;
use std::process::Command;

use crate::helpers::shipped_questionnaires;
use crate::service::copy_dir;

/// `liaison campaign create` arguments for a campaign named `name` of both cooperation
/// questionnaires, closing at the end of January 2099.
pub fn campaign_create(name: &str) -> [&str; 10] {
    [
        "campaign",
        "create",
        "--name",
        name,
        "--questionnaire",
        "csirt-le-cooperation-csirt",
        "--questionnaire",
        "csirt-le-cooperation-lea",
        "--closes",
        "2099-01-31",
    ]
}

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
    assert_eq!(lines.len(), 5, "{stdout}");
    assert!(
        lines[1].starts_with("csirt-le-cooperation-judiciary 1.1.0  audience judiciary"),
        "{}",
        lines[1]
    );
    assert_eq!(
        lines[3],
        "csirt-maturity 1.1.0  audience csirt  45 questions  languages en"
    );
    assert_eq!(
        lines[4],
        "nis2-csirt 1.0.0  audience csirt  26 questions  languages en"
    );
    assert!(
        lines[0].starts_with("csirt-le-cooperation-csirt 1.4.0  audience csirt"),
        "{}",
        lines[0]
    );
    assert!(lines[0].ends_with("languages en, de"), "{}", lines[0]);
    assert!(lines[1].ends_with("languages en, de, fr"), "{}", lines[1]);
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

/// Runs the binary against a settings environment, as a user with a config would.
pub(crate) fn liaison_with(env: &[(&str, String)], args: &[&str]) -> std::process::Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_liaison"));
    command
        .args(args)
        .env("LIAISON_QUESTIONNAIRES_DIR", shipped_questionnaires());
    // The default `reports` folder is the working folder's, which a demo run from the
    // README fills: unless the test names a folder, reports go beside its SQLite file.
    let named = env.iter().any(|(key, _)| *key == "LIAISON_REPORTS_DIR");
    let sqlite_file = env
        .iter()
        .find(|(key, _)| *key == "LIAISON_DATABASE_URL")
        .and_then(|(_, url)| url.strip_prefix("sqlite://"));
    if let (false, Some(file)) = (named, sqlite_file) {
        command.env(
            "LIAISON_REPORTS_DIR",
            std::path::Path::new(file).with_file_name("reports"),
        );
    }
    for (key, value) in env {
        command.env(key, value);
    }
    command.output().expect("the binary runs")
}

/// The standard output of a command that must have succeeded; both streams otherwise.
pub(crate) fn stdout_of(output: &std::process::Output) -> String {
    assert!(
        output.status.success(),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_campaign_is_created_filled_from_the_sample_csv_and_invited_over_real_smtp_from_the_cli() {
    let dir = tempfile::tempdir().expect("tempdir");
    let smtp = crate::smtp::TestSmtp::start();
    let database = format!("sqlite://{}", dir.path().join("cli.sqlite").display());
    let env = [
        ("LIAISON_DATABASE_URL", database.clone()),
        ("LIAISON_SMTP_URL", smtp.url()),
        ("LIAISON_BASE_URL", "https://liaison.example.org".to_owned()),
        ("LIAISON_LOG", "warn".to_owned()),
    ];
    let created = stdout_of(&liaison_with(&env, &campaign_create("Cooperation 2027")));
    assert!(created.starts_with("created campaign 1\n"), "{created}");

    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/participants-sample.csv");
    let sample = sample.to_str().expect("utf-8 path");
    let imported = stdout_of(&liaison_with(
        &env,
        &["participants", "import", "--campaign", "1", sample],
    ));
    let rows = std::fs::read_to_string(sample)
        .expect("the sample")
        .lines()
        .count()
        - 1;
    assert!(
        imported.contains(&format!("{rows} participant(s) added, 0 already present")),
        "{imported}"
    );
    let again = stdout_of(&liaison_with(
        &env,
        &["participants", "import", "--campaign", "1", sample],
    ));
    assert!(
        again.contains(&format!("0 participant(s) added, {rows} already present")),
        "{again}"
    );

    let invited = stdout_of(&liaison_with(&env, &["invite", "--campaign", "1"]));
    assert!(
        invited.contains(&format!("{rows} invitation(s) queued")),
        "{invited}"
    );
    let sent = stdout_of(&liaison_with(&env, &["mail", "send-pending"]));
    assert!(
        sent.contains(&format!("{rows} sent, 0 to be retried, 0 failed")),
        "{sent}"
    );

    let messages = smtp.wait_for(rows, std::time::Duration::from_secs(10));
    let pool = liaison::storage::connect(&database, 1).expect("the database");
    let mut conn = pool.get().expect("a connection");
    for message in &messages {
        let parsed = message.parse();
        let start = parsed
            .text
            .find("https://liaison.example.org/r/")
            .expect("a link")
            + "https://liaison.example.org/r/".len();
        let token: String = parsed.text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        let opened = liaison::invitations::open(&mut conn, &token, chrono::Utc::now().date_naive())
            .expect("lookup")
            .expect("the link opens an invitation");
        assert_eq!(vec![opened.participant.email], message.recipients);
    }
}

#[test]
fn cli_mistakes_get_one_clear_message_and_a_failing_exit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let env = [(
        "LIAISON_DATABASE_URL",
        format!("sqlite://{}", dir.path().join("cli.sqlite").display()),
    )];
    let cases: [(&[&str], &str); 5] = [
        (
            &[
                "campaign",
                "create",
                "--name",
                "Q1\nsecond line",
                "--questionnaire",
                "csirt-maturity",
                "--closes",
                "2099-01-31",
            ],
            "name: \"Q1\\nsecond line\" contains a line break",
        ),
        (
            &[
                "campaign",
                "create",
                "--name",
                "X",
                "--questionnaire",
                "nope",
                "--closes",
                "2099-01-31",
            ],
            "unknown questionnaire \"nope\"",
        ),
        (&["invite", "--campaign", "42"], "campaign 42 not found"),
        (
            &[
                "participants",
                "import",
                "--campaign",
                "1",
                "/no/such/file.csv",
            ],
            "cannot read /no/such/file.csv",
        ),
        (
            &[
                "campaign",
                "create",
                "--name",
                "X",
                "--questionnaire",
                "csirt-maturity",
                "--closes",
                "2001-01-01",
            ],
            "2001-01-01 has already passed",
        ),
    ];
    for (args, expected) in cases {
        let output = liaison_with(&env, args);
        assert!(!output.status.success(), "{args:?} should fail");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    let bad_url = liaison_with(
        &[("LIAISON_SMTP_URL", "smtp//nowhere".to_owned())],
        &["mail", "send-pending"],
    );
    assert!(!bad_url.status.success());
    let stderr = String::from_utf8_lossy(&bad_url.stderr);
    assert!(stderr.contains("smtp_url"), "{stderr}");
}

/// The `.png` files in a campaign's radar folder.
fn radar_pngs(out: &Path, campaign: i64) -> usize {
    std::fs::read_dir(out.join(campaign.to_string()).join("radars"))
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.file_name().to_string_lossy().ends_with(".png"))
                .count()
        })
        .unwrap_or(0)
}

#[test]
fn report_draws_a_radar_per_response_and_no_radars_skips_them_and_clears_old_ones() {
    let db = crate::test_db::TestDb::sqlite();
    let campaign = crate::downloads::seeded(&mut db.conn());
    let out = tempfile::tempdir().expect("tempdir");
    let env = [
        ("LIAISON_DATABASE_URL", db.url.clone()),
        ("LIAISON_LOG", "warn".to_owned()),
    ];
    let report = |extra: &[&str]| {
        let id = campaign.to_string();
        let mut args = vec![
            "report",
            "--campaign",
            &id,
            "--out",
            out.path().to_str().expect("utf-8 path"),
        ];
        args.extend(extra);
        stdout_of(&liaison_with(&env, &args))
    };

    let with = report(&[]);
    assert!(with.contains("radars: 4 radar(s)"), "{with}");
    assert_eq!(radar_pngs(out.path(), campaign), 4);

    let without = report(&["--no-radars"]);
    assert!(
        without.starts_with(&format!("campaign {campaign}: 11 file(s) written")),
        "{without}"
    );
    assert!(!without.contains("radar(s)"), "{without}");
    assert!(
        !out.path()
            .join(campaign.to_string())
            .join("radars")
            .exists(),
        "the radars of the earlier build are gone"
    );
    assert!(
        out.path()
            .join(campaign.to_string())
            .join("scores.csv")
            .is_file()
    );
}
