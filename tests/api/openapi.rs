//! The OpenAPI document at `/api/v1/openapi.json`: served without a token, complete, and
//! honest about the bearer token the campaign operations want.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::Value;

use crate::helpers::{TestApp, spawn_app};

/// Every `/api/v1` operation `web::routes` registers, apart from the document itself.
pub const API_ROUTES: [(&str, &str); 42] = [
    ("get", "/api/v1/questionnaires"),
    ("get", "/api/v1/questionnaires/{id}"),
    ("get", "/api/v1/campaigns"),
    ("post", "/api/v1/campaigns"),
    ("get", "/api/v1/campaigns/{id}"),
    ("post", "/api/v1/campaigns/{id}/close"),
    ("get", "/api/v1/campaigns/{id}/participants"),
    ("post", "/api/v1/campaigns/{id}/participants"),
    ("get", "/api/v1/campaigns/{id}/invitations"),
    ("post", "/api/v1/campaigns/{id}/invitations"),
    ("post", "/api/v1/campaigns/{id}/invitations/revoke"),
    ("post", "/api/v1/campaigns/{id}/reminders"),
    ("get", "/api/v1/campaigns/{id}/mail-texts"),
    ("put", "/api/v1/campaigns/{id}/mail-texts"),
    ("post", "/api/v1/campaigns/{id}/mail-texts/preview"),
    ("get", "/api/v1/campaigns/{id}/reports"),
    ("post", "/api/v1/campaigns/{id}/reports"),
    ("get", "/api/v1/campaigns/{id}/reports/archive.zip"),
    ("get", "/api/v1/campaigns/{id}/reports/workbook.xlsx"),
    ("get", "/api/v1/campaigns/{id}/reports/{file}"),
    ("get", "/api/v1/campaigns/{id}/reports/radars/{response_id}"),
    ("get", "/api/v1/campaigns/{id}/responses"),
    ("get", "/api/v1/campaigns/{id}/responses/{response_id}"),
    (
        "get",
        "/api/v1/campaigns/{id}/responses/{response_id}/evidence/{file_id}",
    ),
    (
        "post",
        "/api/v1/campaigns/{id}/responses/{response_id}/review",
    ),
    ("get", "/api/v1/analysts"),
    ("post", "/api/v1/analysts"),
    ("get", "/api/v1/analysts/{id}"),
    ("post", "/api/v1/analysts/{id}/disable"),
    ("put", "/api/v1/analysts/{id}/campaigns/{campaign_id}"),
    ("delete", "/api/v1/analysts/{id}/campaigns/{campaign_id}"),
    (
        "put",
        "/api/v1/analysts/{id}/campaigns/{campaign_id}/reviewer",
    ),
    ("put", "/api/v1/analysts/{id}/may-create-campaigns"),
    ("post", "/api/v1/analysts/{id}/password-link"),
    ("get", "/api/v1/analysts/{id}/tokens"),
    ("delete", "/api/v1/analysts/{id}/tokens/{token_id}"),
    ("get", "/api/v1/tokens"),
    ("post", "/api/v1/tokens"),
    ("delete", "/api/v1/tokens/{token_id}"),
    ("get", "/api/v1/peer-reviewers"),
    ("post", "/api/v1/peer-reviewers"),
    ("post", "/api/v1/responses/{response_id}/peer-reviewers"),
];

/// Whether a route of [`API_ROUTES`] wants an analyst's token (all but the questionnaires).
pub fn wants_token(path: &str) -> bool {
    !path.starts_with("/api/v1/questionnaires")
}

/// `path` with every parameter filled in with `id` (a report file's name for `{file}`).
pub fn filled(path: &str, id: &str) -> String {
    path.replace("{file}", "scores.csv")
        .replace("{response_id}", id)
        .replace("{campaign_id}", id)
        .replace("{token_id}", id)
        .replace("{file_id}", id)
        .replace("{id}", id)
}

const HTTP_METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

async fn document(app: &TestApp) -> Value {
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), 200);
    let content_type = response.headers()[reqwest::header::CONTENT_TYPE].clone();
    assert_eq!(content_type, "application/json");
    response.json().await.expect("the document is JSON")
}

/// Every (method, path) the document describes.
fn operations(doc: &Value) -> BTreeSet<(String, String)> {
    let paths = doc["paths"].as_object().expect("a paths object");
    paths
        .iter()
        .flat_map(|(path, item)| {
            HTTP_METHODS
                .into_iter()
                .filter(|m| item.get(*m).is_some())
                .map(|m| (m.to_owned(), path.clone()))
        })
        .collect()
}

#[tokio::test]
async fn the_document_is_openapi_3_json_served_without_a_token() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    let version = doc["openapi"].as_str().unwrap_or_default();
    assert!(version.starts_with("3."), "openapi {version:?}");
    assert_eq!(doc["info"]["title"], "Liaison API");
    assert_eq!(doc["info"]["version"], env!("CARGO_PKG_VERSION"));
    let description = doc["info"]["description"].as_str().unwrap_or_default();
    assert!(
        description.contains("liaison analyst token"),
        "{description}"
    );
}

#[tokio::test]
async fn the_document_describes_exactly_the_registered_api_routes() {
    let app = spawn_app().await;
    let documented = operations(&document(&app).await);
    let registered: BTreeSet<(String, String)> = API_ROUTES
        .iter()
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    assert_eq!(documented, registered);
}

#[tokio::test]
async fn every_token_route_in_the_list_exists_and_refuses_a_request_without_a_token() {
    let app = spawn_app().await;
    for (method, path) in API_ROUTES.iter().filter(|(_, p)| wants_token(p)) {
        let url = filled(path, "1");
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("a method");
        let response = app
            .client
            .request(method.clone(), format!("{}{url}", app.address))
            .send()
            .await
            .expect("the request reaches the app");
        assert_eq!(response.status(), 401, "{method} {url}");
    }
}

#[tokio::test]
async fn the_bearer_scheme_is_declared_and_every_token_operation_requires_it() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    let scheme = &doc["components"]["securitySchemes"]["api_token"];
    assert_eq!(scheme["type"], "http");
    assert_eq!(scheme["scheme"], "bearer");
    let campaign_paths: Vec<(&String, &Value)> = doc["paths"]
        .as_object()
        .expect("a paths object")
        .iter()
        .filter(|(path, _)| wants_token(path) && *path != "/api/v1/openapi.json")
        .collect();
    assert!(!campaign_paths.is_empty());
    for (path, item) in campaign_paths {
        for method in HTTP_METHODS.into_iter().filter(|m| item.get(*m).is_some()) {
            let security = item[method]["security"].as_array().cloned();
            let wants_token = security
                .unwrap_or_default()
                .iter()
                .any(|requirement| requirement.get("api_token").is_some());
            assert!(wants_token, "{method} {path} does not ask for the token");
        }
    }
}

/// The `date-time` strings of `value` where `schema` (of `doc`) declares them.
fn date_times<'v>(doc: &Value, schema: &Value, value: &'v Value, found: &mut Vec<&'v str>) {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        return date_times(doc, &doc["components"]["schemas"][name], value, found);
    }
    if let Some(text) = value.as_str().filter(|_| schema["format"] == "date-time") {
        found.push(text);
    }
    for key in ["oneOf", "anyOf", "allOf"] {
        for branch in schema[key].as_array().into_iter().flatten() {
            date_times(doc, branch, value, found);
        }
    }
    if let Some(properties) = schema["properties"].as_object() {
        for (name, property) in properties {
            if let Some(field) = value.get(name) {
                date_times(doc, property, field, found);
            }
        }
    }
    if let Some(items) = value.as_array() {
        for item in items {
            date_times(doc, &schema["items"], item, found);
        }
    }
}

/// The JSON schema of the `status` answer of `method path`.
fn response_schema<'d>(doc: &'d Value, method: &str, path: &str, status: &str) -> &'d Value {
    &doc["paths"][path][method]["responses"][status]["content"]["application/json"]["schema"]
}

#[tokio::test]
async fn every_date_time_the_api_serves_is_rfc_3339_with_a_zone() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    let smtp = crate::smtp::TestSmtp::start();
    let body = serde_json::json!({"name": "Zones", "questionnaires": ["csirt-maturity"], "closes_on": "2099-01-31"});
    let created = app.post_api("/campaigns", body).await;
    assert_eq!(created.status(), 201);
    let created: Value = created.json().await.expect("json");
    let id = created["id"].as_i64().expect("an id");
    let rows = serde_json::json!([{"email": "desk@csirt.example.org", "name": "Desk", "organisation": "CSIRT", "type": "csirt", "country": "AT"}]);
    let participants = app
        .post_api(&format!("/campaigns/{id}/participants"), rows)
        .await;
    assert_eq!(participants.status(), 200);
    let invited = app
        .post_api(&format!("/campaigns/{id}/invitations"), Value::Null)
        .await;
    assert_eq!(invited.status(), 200);
    crate::helpers::deliver(&app.db, &smtp);
    let closed = app
        .post_api(&format!("/campaigns/{id}/close"), Value::Null)
        .await;
    assert_eq!(closed.status(), 200);
    let closed: Value = closed.json().await.expect("json");

    let mut served = vec![
        (
            response_schema(&doc, "post", "/api/v1/campaigns", "201"),
            created,
        ),
        (
            response_schema(&doc, "post", "/api/v1/campaigns/{id}/close", "200"),
            closed,
        ),
    ];
    for (method, path) in API_ROUTES
        .iter()
        .filter(|(m, p)| *m == "get" && !p.contains("{file}") && !p.contains("{response_id}"))
        // The downloads of a whole build are files, not JSON.
        .filter(|(_, p)| !p.ends_with(".zip") && !p.ends_with(".xlsx"))
    {
        let subject = if path.starts_with("/api/v1/questionnaires") {
            "csirt-maturity".to_owned()
        } else {
            id.to_string()
        };
        let url = path.trim_start_matches("/api/v1").replace("{id}", &subject);
        let response = app.api(Method::GET, &url, None).await;
        assert_eq!(response.status(), 200, "{method} {path}");
        served.push((
            response_schema(&doc, method, path, "200"),
            response.json().await.expect("json"),
        ));
    }
    let mut found = Vec::new();
    for (schema, value) in &served {
        assert!(!schema.is_null());
        date_times(&doc, schema, value, &mut found);
    }
    // created_at twice and in the list, closed_at, the invitation's sent_at at least.
    assert!(found.len() >= 4, "{found:?}");
    for text in found {
        assert!(
            chrono::DateTime::parse_from_rfc3339(text).is_ok(),
            "{text:?} is not RFC 3339 with an offset"
        );
    }
}

#[tokio::test]
async fn the_report_file_parameter_lists_exactly_the_report_files() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    let parameters = doc["paths"]["/api/v1/campaigns/{id}/reports/{file}"]["get"]["parameters"]
        .as_array()
        .expect("parameters");
    let file = parameters
        .iter()
        .find(|p| p["name"] == "file")
        .expect("a file parameter");
    let listed: Vec<&str> = file["schema"]["enum"]
        .as_array()
        .expect("an enum")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(listed, liaison::reports::REPORT_FILES);
}

#[tokio::test]
async fn a_documented_path_asked_with_another_method_is_405_with_allow() {
    let app = spawn_app().await;
    for (method, path, allow) in [
        ("TRACE", "/api/v1/campaigns", "GET, POST"),
        ("DELETE", "/api/v1/campaigns/1", "GET"),
        ("PUT", "/api/v1/questionnaires", "GET"),
    ] {
        let response = app
            .client
            .request(
                Method::from_bytes(method.as_bytes()).expect("a method"),
                format!("{}{path}", app.address),
            )
            .bearer_auth(&app.api_token)
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 405, "{method} {path}");
        assert_eq!(response.headers()["allow"], allow, "{method} {path}");
        let body: Value = response.json().await.expect("a JSON error");
        assert!(
            body["error"].as_str().is_some_and(|e| e.contains(method)),
            "{body}"
        );
    }
    // With a token (without one, any unknown path under /api/v1 is refused with 401 first).
    let unknown = app
        .client
        .get(format!("{}/api/v1/no-such-thing", app.address))
        .bearer_auth(&app.api_token)
        .send()
        .await
        .expect("sent");
    assert_eq!(unknown.status(), 404);
    assert!(unknown.json::<Value>().await.expect("a JSON error")["error"].is_string());
}

#[tokio::test]
async fn integers_written_with_a_zero_fraction_are_integers_and_negative_reminder_rules_are_refused()
 {
    let app = spawn_app().await;
    let id = app.new_campaign("Numbers").await;
    let path = format!("/campaigns/{id}/reminders");
    let whole = app
        .post_api(&path, serde_json::json!({"min_days": 7.0, "max": 3e0}))
        .await;
    assert_eq!(whole.status(), 200);
    let fraction = app.post_api(&path, serde_json::json!({"max": 2.5})).await;
    assert_eq!(fraction.status(), 400);
    let negative = app.post_api(&path, serde_json::json!({"max": -1})).await;
    assert_eq!(negative.status(), 400);
    let body: Value = negative.json().await.expect("a JSON error");
    assert!(
        body["error"]
            .as_str()
            .is_some_and(|e| e.contains("max: -1") && e.contains("from 1 to 20")),
        "{body}"
    );
}
