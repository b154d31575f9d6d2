//! The API reads responses as the pages do: the same list and filters, the same opened
//! response (audited the same way, changing nothing), the same refusals, in JSON.

use liaison::accounts::Role;
use serde_json::Value;

use super::{QUEUED_TOKEN, first_answer, openings, queue_mail, seed, untouched};
use crate::fixtures::MATURITY;
use crate::helpers::{TestApp, spawn_app, spawn_app_on};
use crate::test_db::TestDb;

async fn json(app: &TestApp, token: &str, path: &str) -> (u16, Value) {
    let response = app.get_api_as(token, path).await;
    let status = response.status().as_u16();
    (
        status,
        response.json().await.expect("JSON, errors included"),
    )
}

fn organisations(list: &Value) -> Vec<&str> {
    list["responses"]
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| r["organisation"].as_str().expect("an organisation"))
        .collect()
}

#[tokio::test]
async fn the_api_lists_and_filters_responses_as_the_page_does() {
    let app = spawn_app().await;
    let s = seed(&mut app.db.conn(), "e");
    let analyst = app.add_analyst("reader@test.invalid", Role::Analyst, &[s.campaign]);
    let base = format!("/campaigns/{}/responses", s.campaign);

    let (status, all) = json(&app, &analyst.api_token, &base).await;
    assert_eq!(status, 200);
    assert_eq!(
        organisations(&all),
        ["CERT Austria e", "CERT Belgium e", "Federal Police e"]
    );
    assert_eq!(
        (&all["total"], &all["pages"]),
        (&Value::from(3), &Value::from(1))
    );
    let austria = &all["responses"][0];
    assert_eq!(austria["id"], s.austria);
    assert_eq!(austria["state"], "submitted");
    assert_eq!(austria["audience"], "csirt");
    assert_eq!(austria["country"], "AT");
    assert!(
        austria["submitted_at"]
            .as_str()
            .is_some_and(|t| t.ends_with('Z'))
    );
    assert!(austria["scores"]["tier"]["name"].is_string(), "{austria}");
    assert_eq!(
        austria["scores"]["categories"].as_array().map(Vec::len),
        Some(4)
    );
    let police = &all["responses"][2];
    assert!(police["scores"]["tier"].is_null());
    assert!(
        !police["scores"]["dimensions"]
            .as_array()
            .expect("dimensions")
            .is_empty()
    );

    for (query, expected) in [
        ("?audience=lea", vec!["Federal Police e"]),
        ("?country=BE&state=draft", vec!["CERT Belgium e"]),
        (
            "?state=",
            vec!["CERT Austria e", "CERT Belgium e", "Federal Police e"],
        ),
    ] {
        let (status, list) = json(&app, &analyst.api_token, &format!("{base}{query}")).await;
        assert_eq!(status, 200, "{query}");
        assert_eq!(organisations(&list), expected, "{query}");
    }
    let (status, refused) = json(
        &app,
        &analyst.api_token,
        &format!("{base}?country=Belgium&state=done"),
    )
    .await;
    assert_eq!(status, 400);
    let fields: Vec<&str> = refused["fields"]
        .as_array()
        .expect("the fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["country", "state"]);
    assert!(openings(&app).is_empty(), "a list opens nothing");
}

#[tokio::test]
async fn the_api_opens_a_response_with_its_answers_scores_history_and_mails_audited() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let s = seed(&mut app.db.conn(), "f");
        queue_mail(&mut app.db.conn(), s.austria);
        let before = untouched(&mut app.db.conn(), s.austria);
        let analyst = app.add_analyst("opener@test.invalid", Role::Analyst, &[s.campaign]);
        let path = format!("/campaigns/{}/responses/{}", s.campaign, s.austria);

        let response = app.get_api_as(&analyst.api_token, &path).await;
        assert_eq!(response.status(), 200);
        let text = response.text().await.expect("a body");
        assert!(!text.contains(QUEUED_TOKEN), "never a link token");
        let opened: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(opened["response"]["organisation"], "CERT Austria f");
        let answers: Vec<&Value> = opened["sections"]
            .as_array()
            .expect("sections")
            .iter()
            .flat_map(|s| s["answers"].as_array().expect("answers"))
            .collect();
        let (question, given) = first_answer(MATURITY, "AT");
        assert_eq!(answers[0]["question"], question);
        assert_eq!(answers[0]["answer"], given);
        assert!(answers.iter().all(|a| a["question_id"].is_string()));
        assert!(opened["response"]["scores"]["tier"]["reached"].is_string());
        assert!(opened["gaps"].is_array());
        let events: Vec<(&Value, &Value)> = opened["events"]
            .as_array()
            .expect("events")
            .iter()
            .map(|e| (&e["from"], &e["to"]))
            .collect();
        assert_eq!(
            events.last().map(|e| (e.0.as_str(), e.1.as_str())),
            Some((Some("draft"), Some("submitted")))
        );
        let mails = opened["mails"].as_array().expect("mails");
        assert_eq!(mails.len(), 1);
        assert_eq!(mails[0]["kind"], "reminder");
        assert_eq!(mails[0]["state"], "pending");
        assert_eq!(mails[0]["attempts"], 0);

        let entries = openings(&app);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].actor, "opener@test.invalid");
        assert_eq!(entries[0].subject, format!("response:{}", s.austria));
        assert_eq!(
            untouched(&mut app.db.conn(), s.austria),
            before,
            "nothing changed"
        );
    }
}

#[tokio::test]
async fn the_api_refuses_as_the_pages_do() {
    let app = spawn_app().await;
    let s = seed(&mut app.db.conn(), "g");
    let other = seed(&mut app.db.conn(), "h");
    let outsider = app.add_analyst("outsider@test.invalid", Role::Analyst, &[other.campaign]);
    let reader = app.add_analyst("insider@test.invalid", Role::Analyst, &[s.campaign]);
    let missing = 987_654;

    for tail in ["responses".to_owned(), format!("responses/{}", s.austria)] {
        let (status, theirs) = json(
            &app,
            &outsider.api_token,
            &format!("/campaigns/{}/{tail}", s.campaign),
        )
        .await;
        let (_, nothing) = json(
            &app,
            &outsider.api_token,
            &format!("/campaigns/{missing}/{tail}"),
        )
        .await;
        assert_eq!(status, 404, "{tail}");
        let same = theirs["error"]
            .as_str()
            .map(|e| e.replace(&s.campaign.to_string(), "N"));
        assert_eq!(
            same,
            nothing["error"]
                .as_str()
                .map(|e| e.replace(&missing.to_string(), "N"))
        );
    }
    let (status, elsewhere) = json(
        &app,
        &reader.api_token,
        &format!("/campaigns/{}/responses/{}", s.campaign, other.austria),
    )
    .await;
    let (_, nothing) = json(
        &app,
        &reader.api_token,
        &format!("/campaigns/{}/responses/{missing}", s.campaign),
    )
    .await;
    assert_eq!(status, 404);
    assert_eq!(
        elsewhere["error"]
            .as_str()
            .map(|e| e.replace(&other.austria.to_string(), "N")),
        nothing["error"]
            .as_str()
            .map(|e| e.replace(&missing.to_string(), "N"))
    );
    let (status, _) = json(
        &app,
        &reader.api_token,
        &format!("/campaigns/{}/responses/abc", s.campaign),
    )
    .await;
    assert_eq!(status, 404, "a response id is a number");
    let (status, _) = json(
        &app,
        &reader.api_token,
        &format!("/campaigns/{}/responses/99999999999999999999", s.campaign),
    )
    .await;
    assert_eq!(status, 404, "one too large for an id too");
    let anonymous = app
        .get(&format!("/api/v1/campaigns/{}/responses", s.campaign))
        .await;
    assert_eq!(anonymous.status(), 401);
    assert!(openings(&app).is_empty());
}
