//! Settings as a user gives them to the real binary: `LIAISON_…` variables, the settings
//! file and `serve --port`.

use std::net::TcpListener;
use std::process::Command;

use serde_json::json;

use crate::crash::{Server, base_env, cli, links, seed_invited};
use crate::test_db::TestDb;

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

#[test]
fn an_unknown_liaison_variable_is_refused_once_by_its_name() {
    let dir = tempfile::tempdir().expect("a folder");
    let db = TestDb::sqlite();
    let output = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .args(["analyst", "list"])
        .envs(base_env(&db, dir.path()))
        .env("LIAISON_BIN", "/usr/bin/liaison")
        .output()
        .expect("the binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.matches("unknown setting LIAISON_BIN").count(),
        1,
        "{stderr}"
    );
    assert!(
        stderr.contains("LIAISON_PORT"),
        "lists the known ones: {stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn an_unknown_key_of_the_settings_file_is_refused_with_the_file_named() {
    let dir = tempfile::tempdir().expect("a folder");
    let db = TestDb::sqlite();
    let file = dir.path().join("liaison.toml");
    std::fs::write(&file, "prot = 9000\n").expect("the settings file");
    let output = Command::new(env!("CARGO_BIN_EXE_liaison"))
        .args([
            "--config",
            file.to_str().expect("a UTF-8 path"),
            "analyst",
            "list",
        ])
        .envs(base_env(&db, dir.path()))
        .output()
        .expect("the binary runs");
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("unknown setting `prot` in {}", file.display())),
        "{stderr}"
    );
}

/// The link of the first invitation the CLI queues with `env` (and the settings `file`).
fn first_link(extra: &[(&'static str, String)], file: Option<&str>) -> String {
    let dir = tempfile::tempdir().expect("a folder");
    let db = TestDb::sqlite();
    let mut env = base_env(&db, dir.path());
    env.retain(|(k, _)| *k != "LIAISON_PORT");
    env.extend(extra.iter().cloned());
    if let Some(text) = file {
        std::fs::write(dir.path().join("liaison.toml"), text).expect("the settings file");
    }
    let config = dir.path().join("liaison.toml");
    let config = config.to_str().expect("a UTF-8 path");
    let with_config = |args: &[&str]| -> Vec<String> {
        ["--config", config]
            .iter()
            .chain(args)
            .map(|a| (*a).to_owned())
            .collect()
    };
    cli(
        &env,
        &with_config(&[
            "campaign",
            "create",
            "--name",
            "Links",
            "--questionnaire",
            "csirt-maturity",
            "--closes",
            "2099-12-31",
        ]),
    );
    let csv = dir.path().join("p.csv");
    std::fs::write(&csv, "email,name,organisation,type,country,language\ndesk@csirt.example.org,Desk,CSIRT,csirt,AT,en\n").expect("csv");
    cli(
        &env,
        &with_config(&[
            "participants",
            "import",
            "--campaign",
            "1",
            csv.to_str().expect("utf-8"),
        ]),
    );
    cli(&env, &with_config(&["invite", "--campaign", "1"]));
    let mail = liaison::storage::outbox::list(&mut db.conn(), None).expect("the outbox");
    let text = &mail.first().expect("an invitation").text_to_send();
    let start = text.find("http").expect("a link");
    text[start..]
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn the_base_url_follows_the_port_of_the_environment_or_the_file_unless_it_is_set() {
    let port = free_port();
    let from_env = first_link(&[("LIAISON_PORT", port.to_string())], None);
    assert!(
        from_env.starts_with(&format!("http://127.0.0.1:{port}/r/")),
        "{from_env}"
    );
    let from_file = first_link(&[], Some(&format!("port = {port}\n")));
    assert!(
        from_file.starts_with(&format!("http://127.0.0.1:{port}/r/")),
        "{from_file}"
    );
    let explicit = first_link(
        &[
            ("LIAISON_PORT", port.to_string()),
            ("LIAISON_BASE_URL", "https://survey.example.org".to_owned()),
        ],
        None,
    );
    assert!(
        explicit.starts_with("https://survey.example.org/r/"),
        "{explicit}"
    );
}

#[tokio::test]
async fn serve_port_moves_the_links_it_sends_and_liaison_port_does_too() {
    for flag in [true, false] {
        let dir = tempfile::tempdir().expect("a folder");
        let db = TestDb::sqlite();
        let port = free_port();
        let mut env = base_env(&db, dir.path());
        env.retain(|(k, _)| *k != "LIAISON_PORT");
        seed_invited(&db, &env, dir.path(), 0);
        let csv = dir.path().join("p.csv");
        std::fs::write(&csv, "email,name,organisation,type,country,language\ndesk@csirt.example.org,Desk,CSIRT,csirt,AT,en\n").expect("csv");
        cli(
            &env,
            &[
                "participants",
                "import",
                "--campaign",
                "1",
                csv.to_str().expect("utf-8"),
            ],
        );
        let mut input = std::process::Command::new(env!("CARGO_BIN_EXE_liaison"));
        input
            .args(["analyst", "add", "--admin", "ops@example.org"])
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())));
        let added = run_with_stdin(input, "a long password for the test\n");
        assert!(
            added.status.success(),
            "{}",
            String::from_utf8_lossy(&added.stderr)
        );
        let token = cli(
            &env,
            &["analyst", "token", "--name", "t", "ops@example.org"],
        );
        let token = token.lines().last().unwrap_or_default().trim().to_owned();
        let server = if flag {
            Server::start_with(&env, dir.path(), &["--port", &port.to_string()])
        } else {
            env.push(("LIAISON_PORT", port.to_string()));
            Server::start(&env, dir.path())
        };
        assert_eq!(server.address, format!("http://127.0.0.1:{port}"));
        let sent = reqwest::Client::new()
            .post(format!("{}/api/v1/campaigns/1/invitations", server.address))
            .bearer_auth(&token)
            .json(&json!(null))
            .send()
            .await
            .expect("sent");
        assert_eq!(sent.status(), 200);
        let (_, token) = links(&db).pop().expect("an invitation");
        let mail = liaison::storage::outbox::list(&mut db.conn(), None).expect("the outbox");
        let link = format!("http://127.0.0.1:{port}/r/{token}");
        assert!(
            mail[0].text_to_send().contains(&link),
            "flag {flag}: {}",
            mail[0].text_to_send()
        );
    }
}

fn run_with_stdin(mut command: Command, input: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = command
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("a stdin")
        .write_all(input.as_bytes())
        .expect("written");
    child.wait_with_output().expect("it ends")
}
