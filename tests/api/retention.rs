//! Retention: once a campaign's period has passed, nothing personal is left in any table,
//! while organisations, countries and scored answers stay and the reports still build.

mod cli;
mod pages;

use std::path::{Path, PathBuf};

use chrono::Duration;
use liaison::audit::Actor;
use liaison::ids::{InvitationId, ResponseId};
use liaison::invitations::hash_token;
use liaison::questionnaire::Answer;
use liaison::retention::{self, Mode, ReportsDir};
use liaison::storage::{self, audit, invitations, responses};
use serde_json::json;

use crate::fixtures::{ResponseBuilder, catalogue, every_answer, questionnaire};
use crate::helpers::{TestApp, deliver, every_cell, holding, link_token, log_in, spawn_app_with};
use crate::smtp::TestSmtp;
use crate::test_db::TestDb;

const COOPERATION: &str = "csirt-le-cooperation-csirt";

/// The participants of the campaign that is erased: address, name, organisation, country.
const PEOPLE: [(&str, &str, &str, &str); 4] = [
    (
        "alice.quartermaine@cert-alpha.example.org",
        "Alice Quartermaine",
        "CERT Alpha",
        "BE",
    ),
    (
        "bruno.vantongerloo@cert-beta.example.org",
        "Bruno Vantongerloo",
        "CERT Beta",
        "FR",
    ),
    (
        "carla.oyelaran@cert-gamma.example.org",
        "Carla Oyelaran",
        "CERT Gamma",
        "DE",
    ),
    (
        "dmitri.kowalczyk@cert-delta.example.org",
        "Dmitri Kowalczyk",
        "CERT Delta",
        "NL",
    ),
];

/// The personal free-text answer the first participant gives.
const PERSONAL_TEXT: &str = "Our new liaison officer, Inspector Ottoline Fairweather-Nkemelu";

/// The participant of the campaign whose period has not passed.
const KEPT: (&str, &str) = ("keeper.persson@cert-epsilon.example.org", "Keeper Persson");

async fn import(app: &TestApp, campaign: i64, people: &[(&str, &str, &str, &str)]) {
    let rows: Vec<_> = people
        .iter()
        .map(|(email, name, organisation, country)| {
            json!({"email": email, "name": name, "organisation": organisation,
                   "type": "csirt", "country": country})
        })
        .collect();
    let imported = app
        .post_api(&format!("/campaigns/{campaign}/participants"), json!(rows))
        .await;
    assert_eq!(imported.status(), 200, "{}", app.db);
}

async fn invite(app: &TestApp, campaign: i64) {
    let invited = app
        .post_api(&format!("/campaigns/{campaign}/invitations"), json!(null))
        .await;
    assert_eq!(invited.status(), 200, "{}", app.db);
}

/// The files under `dir`, at any depth, holding any of `needles`.
fn files_holding(dir: &Path, needles: &[&str]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(files_holding(&path, needles));
        } else if let Ok(bytes) = std::fs::read(&path) {
            let text = String::from_utf8_lossy(&bytes).to_lowercase();
            if needles.iter().any(|n| text.contains(&n.to_lowercase())) {
                found.push(path);
            }
        }
    }
    found
}

fn snapshot(db: &TestDb) -> Vec<(String, String, String)> {
    let mut all: Vec<_> = every_cell(db)
        .into_iter()
        .map(|c| (c.table, c.column, c.value))
        .collect();
    all.sort();
    all
}

/// A campaign of four participants (three mailed, one still queued, one revoked, one
/// with a submitted response holding a personal free-text answer, one whose address was
/// tried at the login page), closed, and a second campaign closed too but with a year to
/// go; the id of each and the links mailed.
async fn world(app: &TestApp, smtp: &TestSmtp) -> (i64, i64, Vec<String>) {
    let due = app
        .create_campaign(
            json!({"name": "Cooperation 2026", "questionnaires": [COOPERATION],
                                "closes_on": "2099-01-31", "retention_days": 30}),
        )
        .await;
    import(app, due, &PEOPLE[..3]).await;
    invite(app, due).await;
    assert_eq!(deliver(&app.db, smtp).sent, 3, "{}", app.db);
    let links: Vec<String> = smtp
        .wait_for(3, crate::mail::WAIT)
        .iter()
        .map(|m| link_token(&m.parse().text))
        .collect();
    // The fourth is invited after the others went out: their mail waits, token and all.
    import(app, due, &PEOPLE[3..]).await;
    invite(app, due).await;
    let revoked = app
        .post_api(
            &format!("/campaigns/{due}/invitations/revoke"),
            json!({"email": PEOPLE[2].0}),
        )
        .await;
    assert_eq!(revoked.status(), 200, "{}", app.db);
    let tried = log_in(
        app,
        &crate::helpers::client(),
        PEOPLE[1].0,
        "a wrong password",
    )
    .await;
    assert_eq!(tried.status(), 422, "{}: the login is refused", app.db);

    let mut conn = app.db.conn();
    let invitation = invitations::campaign_invitations(&mut conn, due)
        .expect("the invitations")
        .into_iter()
        .find(|s| s.participant.email == PEOPLE[0].0)
        .expect("the first participant's invitation")
        .invitation
        .id;
    let q = questionnaire(COOPERATION);
    let mut answers = every_answer(q, 3.0, "BE");
    answers.insert(
        "context-comment".to_owned(),
        Answer::Text(PERSONAL_TEXT.to_owned()),
    );
    ResponseBuilder::submitted(answers).build(&mut conn, InvitationId(invitation), q);
    drop(conn);

    let kept = app
        .create_campaign(
            json!({"name": "Maturity 2026", "questionnaires": ["csirt-maturity"],
                                "closes_on": "2099-01-31"}),
        )
        .await;
    let (email, name) = KEPT;
    import(app, kept, &[(email, name, "CERT Epsilon", "AT")]).await;
    for id in [due, kept] {
        let closed = app
            .post_api(&format!("/campaigns/{id}/close"), json!(null))
            .await;
        assert_eq!(closed.status(), 200, "{}", app.db);
    }
    (due, kept, links)
}

// Building reports (polars) inside the test wants a runtime with worker threads.
#[tokio::test(flavor = "multi_thread")]
async fn once_its_period_has_passed_no_table_holds_anything_personal_of_a_campaign() {
    for db in TestDb::all() {
        let smtp = TestSmtp::start();
        let url = smtp.url();
        let app = spawn_app_with(db, |s| s.smtp_url = url).await;
        let (due, kept, links) = world(&app, &smtp).await;
        let mut conn = app.db.conn();
        let personal: Vec<&str> = PEOPLE
            .iter()
            .flat_map(|(email, name, _, _)| [*email, *name])
            .chain([PERSONAL_TEXT])
            .collect();
        let before = every_cell(&app.db);
        for needle in [
            "Alice Quartermaine",
            PERSONAL_TEXT,
            PEOPLE[1].0,
            PEOPLE[3].0,
        ] {
            assert!(
                !holding(&before, &[needle]).is_empty(),
                "{}: the test stores {needle} before retention",
                app.db
            );
        }
        let invitation = response_invitation(&mut conn, due);
        let response_id = responses::find_for_invitation(&mut conn, invitation)
            .expect("the response")
            .expect("one")
            .id;
        let scored_before = responses::load_answers(&mut conn, response_id).expect("answers");
        let built = app
            .post_api(&format!("/campaigns/{due}/reports"), json!({}))
            .await;
        assert_eq!(built.status(), 200, "{}", app.db);
        let reports = app._reports.path();
        assert!(
            !files_holding(reports, &[PERSONAL_TEXT]).is_empty(),
            "{}: answers.csv holds the free text",
            app.db
        );

        // Within the period nothing happens.
        let soon = storage::now() + Duration::days(29);
        let nothing = retention::run(&mut conn, catalogue(), soon, &Actor::Cli, Mode::Erase);
        assert_eq!(nothing.expect("runs"), [], "{}", app.db);

        let later = storage::now() + Duration::days(31);
        let erased = retention::run(&mut conn, catalogue(), later, &Actor::Cli, Mode::Erase)
            .expect("retention runs");
        assert_eq!(erased.len(), 1, "{}: {erased:?}", app.db);
        let e = &erased[0];
        assert_eq!(
            (e.campaign, e.participants, e.links, e.mails, e.answers),
            (due, 4, 4, 4, 1),
            "{}",
            app.db
        );
        assert_eq!(e.audit_entries, 1, "{}: the failed login", app.db);
        assert_eq!(
            (e.history_authors, e.history_values),
            (scored_before.len(), 1),
            "{}: every answer was saved once, one of them personal",
            app.db
        );

        let after = every_cell(&app.db);
        assert_eq!(
            holding(&after, &personal),
            Vec::<String>::new(),
            "{}",
            app.db
        );
        let dir = ReportsDir {
            dir: reports.to_path_buf(),
            privacy_k: 3,
        };
        let rebuilt =
            retention::rebuild_reports(&mut conn, catalogue(), &erased, &dir, &Actor::Cli)
                .expect("the reports are built again");
        assert_eq!(rebuilt, [due], "{}", app.db);
        assert_eq!(
            files_holding(reports, &personal),
            Vec::<PathBuf>::new(),
            "{}",
            app.db
        );

        // The campaign whose period has not passed keeps its participant.
        let (email, name) = KEPT;
        assert_eq!(holding(&after, &[email]).len(), 1, "{}", app.db);
        assert!(!holding(&after, &[name]).is_empty(), "{}", app.db);
        let kept_campaign = storage::campaigns::get_campaign(&mut conn, kept).expect("kept");
        assert_eq!(kept_campaign.campaign.erased_at, None, "{}", app.db);
        let due_campaign = storage::campaigns::get_campaign(&mut conn, due).expect("erased");
        assert_eq!(due_campaign.campaign.erased_at, Some(later), "{}", app.db);

        // Organisations with their type and country, and the scored answers, stay.
        for (_, _, organisation, country) in PEOPLE {
            let row = after
                .iter()
                .any(|c| c.table == "organisations" && c.value == organisation);
            assert!(row, "{}: {organisation} is kept", app.db);
            let country = after
                .iter()
                .any(|c| c.table == "organisations" && c.column == "country" && c.value == country);
            assert!(country, "{}: {country} is kept", app.db);
        }
        let scored_after = responses::load_answers(&mut conn, response_id).expect("answers");
        let mut expected = scored_before.clone();
        expected.remove("context-comment");
        assert_eq!(scored_after, expected, "{}", app.db);
        assert!(scored_after.len() > 20, "{}", app.db);
        let built = app
            .post_api(&format!("/campaigns/{due}/reports"), json!({}))
            .await;
        assert_eq!(built.status(), 200, "{}: the reports build", app.db);
        let listed: serde_json::Value = app
            .api(
                reqwest::Method::GET,
                &format!("/campaigns/{due}/responses"),
                None,
            )
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(
            listed["responses"].as_array().map(Vec::len),
            Some(1),
            "{}: {listed}",
            app.db
        );

        // The answer history keeps every value but the personal one, and drops who.
        let changes = liaison::responses::answer_history(&mut conn, ResponseId(response_id))
            .expect("the answer history");
        assert_eq!(changes.len(), scored_before.len(), "{}", app.db);
        for c in &changes {
            assert_eq!(c.actor, None, "{}: {c:?}", app.db);
            if c.question_id == "context-comment" {
                assert!(c.values_erased, "{}: {c:?}", app.db);
                assert_eq!((&c.old, &c.new), (&None, &None), "{}", app.db);
            } else {
                assert!(!c.values_erased, "{}: {c:?}", app.db);
                assert_eq!(
                    c.new.as_ref(),
                    scored_before.get(&c.question_id),
                    "{}",
                    app.db
                );
            }
        }
        let shown: serde_json::Value = app
            .api(
                reqwest::Method::GET,
                &format!("/campaigns/{due}/responses/{response_id}"),
                None,
            )
            .await
            .json()
            .await
            .expect("json");
        let history = shown["answer_history"].as_array().expect("a history");
        assert_eq!(history.len(), changes.len(), "{}", app.db);
        for entry in history {
            assert_eq!(entry["by"], "—", "{}: {entry}", app.db);
            assert_eq!(entry["actor"], serde_json::Value::Null, "{}", app.db);
            if entry["question_id"] == "context-comment" {
                assert_eq!(entry["new"], "(erased)", "{}: {entry}", app.db);
            }
        }

        // No link finds its invitation any more.
        for token in &links {
            let found = invitations::find_link(&mut conn, &hash_token(token)).expect("a lookup");
            assert!(
                found.is_none(),
                "{}: a mailed link still finds its invitation",
                app.db
            );
            let opened = app.get(&format!("/r/{token}")).await;
            assert_eq!(opened.status(), 404, "{}", app.db);
        }

        // The run is audited with its counts, by who ran it.
        let entry = audit::recent(&mut conn, 50)
            .expect("the audit log")
            .into_iter()
            .find(|a| a.action == "retention.run")
            .expect("a retention entry");
        assert_eq!(entry.actor, "cli", "{}", app.db);
        assert_eq!(entry.subject, format!("campaign:{due}"), "{}", app.db);
        assert_eq!(
            entry.detail.as_deref(),
            Some(
                format!(
                    "4 participant addresses and names, 4 link tokens, 4 mails, 1 personal \
                     answers, 1 audit entries, {} answer-history authors, 1 personal \
                     answer-history values, 0 evidence files, 0 personal evidence notes, 0 \
                     colleagues' addresses and names",
                    scored_before.len()
                )
                .as_str()
            ),
            "{}",
            app.db
        );

        // Running again changes nothing more.
        let unchanged = snapshot(&app.db);
        let again = retention::run(&mut conn, catalogue(), later, &Actor::Cli, Mode::Erase)
            .expect("runs again");
        assert_eq!(again, [], "{}", app.db);
        assert!(
            snapshot(&app.db) == unchanged,
            "{}: a second run changed a row",
            app.db
        );
    }
}

/// The invitation of the campaign's one response.
fn response_invitation(conn: &mut storage::DbConn, campaign: i64) -> i64 {
    invitations::campaign_invitations(conn, campaign)
        .expect("the invitations")
        .into_iter()
        .find(|s| s.response.is_some())
        .expect("a started response")
        .invitation
        .id
}
