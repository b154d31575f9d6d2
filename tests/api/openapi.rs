//! The OpenAPI document at `/api/v1/openapi.json`: served without a token, complete, and
//! honest about the bearer token the campaign operations want.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::Value;

use crate::helpers::{TestApp, spawn_app};

/// Every `/api/v1` operation `web::routes` registers, apart from the document itself.
pub const API_ROUTES: [(&str, &str); 16] = [
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
    ("get", "/api/v1/campaigns/{id}/reports"),
    ("post", "/api/v1/campaigns/{id}/reports"),
    ("get", "/api/v1/campaigns/{id}/reports/{file}"),
    ("get", "/api/v1/campaigns/{id}/reports/radars/{response_id}"),
];

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
async fn every_campaign_route_in_the_list_exists_and_refuses_a_request_without_a_token() {
    let app = spawn_app().await;
    for (method, path) in API_ROUTES.iter().filter(|(_, p)| p.contains("/campaigns")) {
        let url = path.replace("{id}", "1").replace("{file}", "scores.csv");
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
async fn the_bearer_scheme_is_declared_and_every_campaign_operation_requires_it() {
    let app = spawn_app().await;
    let doc = document(&app).await;
    let scheme = &doc["components"]["securitySchemes"]["api_token"];
    assert_eq!(scheme["type"], "http");
    assert_eq!(scheme["scheme"], "bearer");
    let campaign_paths: Vec<(&String, &Value)> = doc["paths"]
        .as_object()
        .expect("a paths object")
        .iter()
        .filter(|(path, _)| path.starts_with("/api/v1/campaigns"))
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
