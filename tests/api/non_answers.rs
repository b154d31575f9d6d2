//! "Don't know" through the respondent's pages: answered on a level question, shown by
//! name on the review page and in the answers file, scored as SIM3's unknown level 0 on
//! the result page and in the API; and refused beside ticked options of a multi question.

use reqwest::Method;
use serde_json::Value;

use crate::helpers::spawn_app_on;
use crate::respondent::{field_names, invite};
use crate::test_db::TestDb;

#[tokio::test]
async fn a_dont_know_on_a_maturity_parameter_is_kept_by_name_and_counted_as_zero() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let r = invite(&app, &["csirt-maturity"], "csirt", "en").await;
        let page = r.text("/s/1").await;
        assert!(
            page.contains(
                r#"<input type="radio" name="q.O-1" value="dont_know" id="q-O-1-dont_know">"#
            ),
            "the level question offers Don't know"
        );
        let names = field_names(&page);
        let mut fields: Vec<(&str, &str)> = names
            .iter()
            .map(|n| (n.as_str(), if n == "q.O-1" { "dont_know" } else { "3" }))
            .collect();
        fields.push(("action", "next"));
        assert_eq!(
            r.post("/s/1", &fields).await.status(),
            303,
            "required is met"
        );
        let again = r.text("/s/1").await;
        assert!(again.contains(r#"value="dont_know" id="q-O-1-dont_know" checked>"#));
        for n in 2..=4 {
            assert_eq!(r.answer_levels(n, "3", "next").await.status(), 303);
        }
        assert!(r.text("/review").await.contains("Don&#39;t know"));
        assert_eq!(r.post("/submit", &[]).await.status(), 303);

        let result = r.text("/result").await;
        assert!(
            result.contains("<td>unknown — counted as 0</td>"),
            "the gap list says how O-1 was counted: {result}"
        );
        assert!(result.contains("11/11 (1 unknown — counted as 0)"));
        let csv = r.text("/answers.csv").await;
        assert!(
            csv.lines()
                .any(|l| l.contains("O-1") && l.ends_with(",Don't know")),
            "{csv}"
        );

        let listed: Value = app
            .api(
                Method::GET,
                &format!("/campaigns/{}/responses", r.campaign),
                None,
            )
            .await
            .json()
            .await
            .expect("json");
        let id = listed["responses"][0]["id"].as_i64().expect("an id");
        let opened: Value = app
            .api(
                Method::GET,
                &format!("/campaigns/{}/responses/{id}", r.campaign),
                None,
            )
            .await
            .json()
            .await
            .expect("json");
        let o1 = opened["gaps"]
            .as_array()
            .expect("gaps")
            .iter()
            .find(|g| g["parameter"] == "O-1")
            .expect("O-1 is a gap");
        assert_eq!(o1["current"], 0.0);
        assert_eq!(o1["non_answer"], "dont_know");
        let organisation = &opened["response"]["scores"]["categories"][0];
        assert_eq!(organisation["non_answers"], 1);
        assert_eq!(organisation["answered"], 11);
    }
}

#[tokio::test]
async fn a_dont_know_ticked_beside_an_option_is_refused_beside_the_field_keeping_the_ticks() {
    let app = spawn_app_on(TestDb::sqlite()).await;
    let r = invite(&app, &["csirt-le-cooperation-csirt"], "csirt", "en").await;
    let mut found = None;
    for n in 1..=8 {
        let page = r.text(&format!("/s/{n}")).await;
        if page.contains("name=\"q.rsit-classes\"") {
            found = Some((n, page));
            break;
        }
    }
    let (n, page) = found.expect("the section asking for RSIT classes");
    let names = field_names(&page);
    let mut fields: Vec<(&str, &str)> = names
        .iter()
        .filter(|n| *n != "q.rsit-classes")
        .map(|n| (n.as_str(), "dont_know"))
        .collect();
    fields.push(("q.rsit-classes", "fraud"));
    fields.push(("q.rsit-classes", "dont_know"));
    fields.push(("action", "save"));
    let refused = r.post(&format!("/s/{n}"), &fields).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("a page");
    assert!(html.contains(
        r#"<p class="field-error" id="q-rsit-classes-error">“Don&#39;t know” cannot be ticked together with other options"#
    ), "{html}");
    assert!(html.contains(r#"value="fraud" id="q-rsit-classes-fraud" checked>"#));
    assert!(html.contains(r#"value="dont_know" id="q-rsit-classes-dont_know" checked>"#));
}

#[tokio::test]
async fn the_api_document_describes_how_non_answers_were_counted() {
    let app = spawn_app_on(TestDb::sqlite()).await;
    let doc: Value = app
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .expect("json");
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["NonAnswer"]["enum"],
        serde_json::json!(["dont_know", "prefer_not_to_say"]),
        "{}",
        schemas["NonAnswer"]
    );
    for (schema, field) in [
        ("Gap", "non_answer"),
        ("CategoryScore", "non_answers"),
        ("DimensionScore", "non_answers"),
    ] {
        assert!(
            schemas[schema]["properties"][field].is_object(),
            "{schema}.{field}: {}",
            schemas[schema]
        );
    }
}
