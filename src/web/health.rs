//! The health endpoint: answers without touching the database, so it measures the web tier alone.

use actix_web::HttpResponse;
use serde_json::json;

pub async fn health() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}
