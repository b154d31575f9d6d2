//! Names and organisations are labels: at most 200 characters (not bytes), no line
//! breaks, tabs, other control characters or bidirectional overrides; a refusal names
//! the row and column, and nothing of the list is imported.

use liaison::audit::Actor;
use serde_json::{Value, json};

use super::*;
use crate::helpers::spawn_app;

#[test]
fn csv_cells_with_hidden_characters_or_too_long_are_refused_by_row_and_column() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let campaign = cooperation_campaign(&mut conn);
        let long = "x".repeat(201);
        let greek = "Ω".repeat(200);
        let rows = [
            format!("a@csirt.example.org,{greek},CSIRT A,csirt,AT,"),
            "b@csirt.example.org,\"Night\tShift\",CSIRT B,csirt,AT,".to_owned(),
            "c@csirt.example.org,Desk,\"CSIRT \u{202E}C\",csirt,AT,".to_owned(),
            format!("d@csirt.example.org,Desk,{long},csirt,AT,"),
            "e@csirt.example.org,\"De\rsk\",CSIRT E,csirt,AT,".to_owned(),
            "f@csirt.example.org,Desk\u{2066},CSIRT F,csirt,AT,".to_owned(),
        ];
        let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
        let before = stored(&mut conn, &campaign);
        let err = participants::import_csv(&mut conn, &campaign, &csv_file(&rows), &Actor::Cli)
            .expect_err("refused");
        let found: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
        assert_eq!(found.len(), 5, "{db}: {found:?}");
        assert!(
            found[0].starts_with("row 3, column name: \"Night\\tShift\" contains a tab (U+0009)"),
            "{found:?}"
        );
        assert!(
            found[1].starts_with("row 4, column organisation: ")
                && found[1].contains("a bidirectional text control (U+202E)"),
            "{found:?}"
        );
        assert!(
            found[2].starts_with("row 5, column organisation: ")
                && found[2].contains("is 201 characters long; at most 200"),
            "{found:?}"
        );
        assert!(
            found[3].starts_with("row 6, column name: ") && found[3].contains("(U+000D)"),
            "{found:?}"
        );
        assert!(
            found[4].starts_with("row 7, column name: ") && found[4].contains("(U+2066)"),
            "{found:?}"
        );
        assert_eq!(
            stored(&mut conn, &campaign),
            before,
            "{db}: nothing imported"
        );

        // The 200-letter Greek name alone is fine: characters are counted, not bytes.
        let report =
            participants::import_csv(&mut conn, &campaign, &csv_file(&rows[..1]), &Actor::Cli)
                .expect("imported");
        assert_eq!(report.added, 1, "{db}");
    }
}

#[tokio::test]
async fn the_api_refuses_hidden_characters_and_long_names_by_row_and_field() {
    let app = spawn_app().await;
    let created = app
        .post_api(
            "/campaigns",
            json!({"name": "Labels", "questionnaires": ["csirt-le-cooperation-csirt"], "closes_on": "2099-01-31"}),
        )
        .await;
    let id = created.json::<Value>().await.expect("json")["id"]
        .as_i64()
        .expect("an id");
    let rows = json!([
        {"email": "a@csirt.example.org", "name": "Desk", "organisation": "CSIRT A", "type": "csirt", "country": "AT"},
        {"email": "b@csirt.example.org", "name": "Desk\u{202E}kseD", "organisation": "CSIRT B", "type": "csirt", "country": "AT"},
        {"email": "c@csirt.example.org", "name": "Desk", "organisation": "x".repeat(500), "type": "csirt", "country": "AT"},
        {"email": "d@csirt.example.org", "name": "Desk\nBcc: x@evil.example", "organisation": "CSIRT D", "type": "csirt", "country": "AT"},
    ]);
    let refused = app
        .post_api(&format!("/campaigns/{id}/participants"), rows)
        .await;
    assert_eq!(refused.status(), 422);
    let body: Value = refused.json().await.expect("json");
    let problems: Vec<(i64, String)> = body["problems"]
        .as_array()
        .expect("problems")
        .iter()
        .map(|p| {
            (
                p["row"].as_i64().unwrap_or(0),
                p["column"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert_eq!(
        problems,
        [
            (2, "name".to_owned()),
            (3, "organisation".to_owned()),
            (4, "name".to_owned())
        ],
        "{body}"
    );
    let listed = app
        .api(
            reqwest::Method::GET,
            &format!("/campaigns/{id}/participants"),
            None,
        )
        .await;
    assert_eq!(listed.json::<Value>().await.expect("json"), json!([]));
}

#[tokio::test]
async fn campaign_names_and_senders_are_labels_too() {
    let app = spawn_app().await;
    let body = |name: &str, sender: Option<&str>| {
        json!({"name": name, "questionnaires": ["csirt-maturity"], "closes_on": "2099-01-31",
               "sender_organisation": sender})
    };
    let cases = [
        (body(&"n".repeat(201), None), "name: "),
        (body("Q1\u{202E}", None), "name: "),
        (body("Q1\r\nX-Header: y", None), "name: "),
        (
            body("Q1", Some("Secretariat\nBcc: x@evil.example")),
            "sender_organisation: ",
        ),
        (body("Q1", Some(&"s".repeat(300))), "sender_organisation: "),
    ];
    for (request, start) in cases {
        let refused = app.post_api("/campaigns", request.clone()).await;
        assert_eq!(refused.status(), 400, "{request}");
        let error = refused.json::<Value>().await.expect("json")["error"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(error.starts_with(start), "{request}: {error}");
    }
    let listed = app.api(reqwest::Method::GET, "/campaigns", None).await;
    assert_eq!(listed.json::<Value>().await.expect("json"), json!([]));
    let greek = app
        .post_api("/campaigns", body(&"Ω".repeat(200), Some("Γραμματεία")))
        .await;
    assert_eq!(greek.status(), 201);
}
