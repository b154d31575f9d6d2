//! Routes added by whoever builds the application in code (`build_with_routes`): served
//! under the service's own security layer, and never in place of one of its paths.

use actix_web::{HttpResponse, web};
use liaison::startup::Application;

use crate::helpers::{shipped_questionnaires, test_settings};
use crate::test_db::TestDb;

fn extra(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/extra").get(|| async { HttpResponse::Ok().body("extra") }))
        // A path the service answers itself.
        .service(web::resource("/health").get(|| async { HttpResponse::ImATeapot().finish() }));
}

/// The address of the app on `db` with the routes of [`extra`], and its reports folder.
async fn spawn_with_extra(db: &TestDb) -> (String, tempfile::TempDir) {
    let reports = tempfile::tempdir().expect("a folder");
    let mut settings = test_settings(&db.url, &shipped_questionnaires());
    settings.reports_dir = reports.path().to_path_buf();
    let app = Application::build_with_routes(&settings, extra).expect("the application builds");
    let address = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    (address, reports)
}

#[tokio::test]
async fn an_added_route_is_served_with_the_security_headers_of_every_page() {
    let db = TestDb::sqlite();
    let (address, _reports) = spawn_with_extra(&db).await;
    let response = reqwest::get(format!("{address}/extra"))
        .await
        .expect("answered");
    assert_eq!(response.status(), 200);
    assert!(
        response.headers().contains_key("content-security-policy"),
        "headers: {:?}",
        response.headers()
    );
    assert_eq!(response.text().await.expect("a body"), "extra");
}

#[tokio::test]
async fn an_added_route_cannot_take_over_a_path_of_the_service() {
    let db = TestDb::sqlite();
    let (address, _reports) = spawn_with_extra(&db).await;
    let response = reqwest::get(format!("{address}/health"))
        .await
        .expect("answered");
    assert_eq!(response.status(), 200);
}
