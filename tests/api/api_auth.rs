//! The API's bearer token is checked before anything else: a request without a valid one
//! gets 401 whatever its body, path parameters or content type.

use reqwest::Method;
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE};

use crate::helpers::{TestApp, spawn_app};
use crate::openapi::{API_ROUTES, filled, wants_token};

/// Bodies a handler's extractors would refuse with 400 or 413, had they run.
fn bad_bodies() -> [(&'static str, Vec<u8>); 4] {
    [
        ("application/json", b"{\"name\": ".to_vec()),
        ("application/json", b"[1, 2, 3]".to_vec()),
        ("text/plain", b"not json at all".to_vec()),
        // Larger than any body limit of the service.
        ("application/json", vec![b'['; 3 * 1024 * 1024]),
    ]
}

/// `Authorization` headers that name no analyst (`None`: no header at all).
const BAD_CREDENTIALS: [Option<&str>; 4] = [
    None,
    Some("Bearer not-a-token"),
    Some("Bearer "),
    Some("Basic YWRtaW46YWRtaW4="),
];

async fn send(
    app: &TestApp,
    method: &Method,
    url: &str,
    credentials: Option<&str>,
    (content_type, body): (&str, Vec<u8>),
) -> reqwest::Response {
    let mut request = app
        .client
        .request(method.clone(), format!("{}{url}", app.address))
        .header(CONTENT_TYPE, content_type)
        .body(body);
    if let Some(credentials) = credentials {
        request = request.header(AUTHORIZATION, credentials);
    }
    request.send().await.expect("the request reaches the app")
}

#[tokio::test]
async fn every_token_route_answers_401_to_a_bad_token_before_it_reads_the_body() {
    let app = spawn_app().await;
    for (method, path) in API_ROUTES.iter().filter(|(_, p)| wants_token(p)) {
        let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("a method");
        // A path parameter the route cannot parse is no excuse to answer anything but 401.
        for id in ["1", "not-a-number"] {
            let url = filled(path, id);
            for credentials in BAD_CREDENTIALS {
                for body in bad_bodies() {
                    let size = body.1.len();
                    let response = send(&app, &method, &url, credentials, body).await;
                    assert_eq!(
                        response.status(),
                        401,
                        "{method} {url} with {credentials:?} and a bad body of {size} bytes"
                    );
                    let error: serde_json::Value = response.json().await.expect("a JSON body");
                    assert!(error["error"].is_string(), "{error}");
                }
            }
        }
    }
}

#[tokio::test]
async fn with_a_valid_token_a_bad_body_is_still_refused_as_such() {
    let app = spawn_app().await;
    let credentials = format!("Bearer {}", app.api_token);
    let [broken, ..] = bad_bodies();
    let response = send(
        &app,
        &Method::POST,
        "/api/v1/campaigns",
        Some(&credentials),
        broken,
    )
    .await;
    assert_eq!(response.status(), 400);
}
