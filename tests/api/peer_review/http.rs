//! Peer review over HTTP, by forged requests: a peer reaches only the responses given to it
//! (pages, evidence, levels), its refused levels come back beside their fields, the NIS2
//! rule holds on the page, only the campaign's reviewer saves agreed levels, and the API's
//! peer-reviewer operations answer every refusal they document.

use liaison::accounts::{Analyst, Role};
use liaison::peer_review;
use liaison::storage::peer_review::{self as stored, LevelKind};
use liaison::storage::{analysts, now, responses};
use serde_json::json;

use crate::fixtures::{
    CampaignBuilder, MATURITY, ParticipantBuilder, ResponseBuilder, parameter_answers,
    questionnaire,
};
use crate::helpers::{ADMIN_EMAIL, ANALYST_PASSWORD, TestApp, spawn_app};

const PEER: &str = "peer@cert.example.de";

struct World {
    campaign: i64,
    /// Consented and given to the peer.
    given: i64,
    /// Submitted, not consented, given to no one.
    other: i64,
    peer: i64,
}

fn admin(app: &TestApp) -> Analyst {
    let mut conn = app.db.conn();
    let row = analysts::find_by_email(&mut conn, ADMIN_EMAIL)
        .expect("read")
        .expect("the admin");
    Analyst::new(&row, [])
}

fn world(app: &TestApp) -> World {
    let answers = parameter_answers(questionnaire(MATURITY), |_| "2");
    let built = {
        let mut conn = app.db.conn();
        CampaignBuilder::new("Maturity")
            .questionnaire(MATURITY)
            .participant(
                ParticipantBuilder::new("desk@cert.example.at")
                    .country("AT")
                    .response(ResponseBuilder::submitted(answers.clone())),
            )
            .participant(
                ParticipantBuilder::new("desk@other.example.at")
                    .country("AT")
                    .response(ResponseBuilder::submitted(answers)),
            )
            .build(&mut conn)
    };
    let given = built.participants[0].response.expect("a response").get();
    let other = built.participants[1].response.expect("a response").get();
    app.add_analyst(PEER, Role::Analyst, &[]);
    let admin = admin(app);
    let mut conn = app.db.conn();
    let peer = analysts::find_by_email(&mut conn, PEER)
        .expect("read")
        .expect("the peer")
        .id;
    stored::create_peer_reviewer(&mut conn, peer, "DE", "CERT of Germany", now()).expect("peer");
    let invitation = responses::get(&mut conn, given)
        .expect("response")
        .invitation_id;
    peer_review::give_consent(&mut conn, given, invitation).expect("consent");
    peer_review::give_response(&mut conn, &admin, given, peer, "http://127.0.0.1").expect("given");
    World {
        campaign: built.id(),
        given,
        other,
        peer,
    }
}

fn levels_of(app: &TestApp, response: i64, kind: LevelKind) -> usize {
    let mut conn = app.db.conn();
    stored::level_history(&mut conn, response, kind)
        .expect("levels")
        .len()
}

#[tokio::test]
async fn a_peer_reaches_only_the_responses_given_to_it_and_any_other_is_the_same_404() {
    let app = spawn_app().await;
    let w = world(&app);
    let peer = app.log_in_as(PEER, ANALYST_PASSWORD).await;
    let home = peer.page("/peer").await;
    assert!(
        home.contains(&format!("peer-response-{}", w.given)),
        "{home}"
    );
    assert!(
        !home.contains(&format!("peer-response-{}", w.other)),
        "{home}"
    );
    peer.page(&format!("/peer/responses/{}", w.given)).await;
    for path in [
        format!("/peer/responses/{}", w.other),
        format!("/peer/responses/{}/evidence/1", w.other),
        format!("/peer/responses/{}/evidence/999999", w.given),
        "/peer/responses/999999".to_owned(),
    ] {
        assert_eq!(peer.fetch(&path).await.status(), 404, "{path}");
    }
    let forged = peer
        .post_form(
            &format!("/peer/responses/{}", w.given),
            &format!("/peer/responses/{}", w.other),
            &[("level.O-1", "3"), ("justification.O-1", "Seen.")],
        )
        .await;
    assert_eq!(forged.status(), 404);
    assert_eq!(levels_of(&app, w.other, LevelKind::Peer), 0);
    let analyst = app.logged_in(Role::Admin, &[]).await;
    assert_eq!(analyst.fetch("/peer").await.status(), 404);
}

#[tokio::test]
async fn a_level_without_its_justification_is_refused_beside_it_with_the_typed_values_kept() {
    let app = spawn_app().await;
    let w = world(&app);
    let peer = app.log_in_as(PEER, ANALYST_PASSWORD).await;
    let page = format!("/peer/responses/{}", w.given);
    let refused = peer
        .post_form(&page, &page, &[("level.O-1", "3"), ("level.O-2", "9")])
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("a body");
    assert!(html.contains("id=\"justification-O-1-error\""), "{html}");
    assert!(html.contains("id=\"level-O-2-error\""), "{html}");
    assert!(html.contains("<option value=\"3\" selected>"), "{html}");
    assert_eq!(levels_of(&app, w.given, LevelKind::Peer), 0);
    let saved = peer
        .post_form(
            &page,
            &page,
            &[("level.O-1", "3"), ("justification.O-1", "Seen.")],
        )
        .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(levels_of(&app, w.given, LevelKind::Peer), 1);
}

#[tokio::test]
async fn a_nis2_campaign_refuses_a_peers_levels_on_the_page_until_two_other_countries() {
    let app = spawn_app().await;
    let w = world(&app);
    {
        let mut conn = app.db.conn();
        stored::set_peer_review_nis2(&mut conn, w.campaign, true).expect("nis2");
    }
    let peer = app.log_in_as(PEER, ANALYST_PASSWORD).await;
    let page = format!("/peer/responses/{}", w.given);
    let shown = peer.page(&page).await;
    assert!(shown.contains("id=\"nis2-refusal\""), "{shown}");
    let refused = peer
        .post_form(
            &page,
            &page,
            &[("level.O-1", "3"), ("justification.O-1", "Seen.")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert_eq!(levels_of(&app, w.given, LevelKind::Peer), 0);
}

#[tokio::test]
async fn only_the_campaigns_reviewer_saves_agreed_levels_on_the_response_page() {
    let app = spawn_app().await;
    let w = world(&app);
    {
        let mut conn = app.db.conn();
        let peer = analysts::get_analyst(&mut conn, w.peer).expect("the peer");
        let peer = Analyst::new(&peer, []).as_peer_reviewer();
        let levels = vec![stored::NewLevel {
            question_id: "O-1".into(),
            level: 1,
            justification: "A draft only.".into(),
        }];
        peer_review::record_peer_levels(&mut conn, &peer, w.given, &levels).expect("levels");
    }
    app.add_analyst("lead@secretariat.example.org", Role::Analyst, &[w.campaign]);
    let lead = app
        .log_in_as("lead@secretariat.example.org", ANALYST_PASSWORD)
        .await;
    let page = format!("/campaigns/{}/responses/{}", w.campaign, w.given);
    let shown = lead.page(&page).await;
    assert!(shown.contains("id=\"self-and-peer\""), "{shown}");
    assert!(!shown.contains("id=\"save-agreed-levels\""), "{shown}");
    let action = format!("{page}/agreed-levels");
    let forged = lead.post_form(&page, &action, &[("agreed.O-1", "2")]).await;
    assert_eq!(forged.status(), 403);
    assert_eq!(levels_of(&app, w.given, LevelKind::Agreed), 0);
    {
        let mut conn = app.db.conn();
        let lead = analysts::find_by_email(&mut conn, "lead@secretariat.example.org")
            .expect("read")
            .expect("the lead");
        analysts::set_reviewer(&mut conn, lead.id, w.campaign, true).expect("reviewer");
    }
    let shown = lead.page(&page).await;
    assert!(shown.contains("id=\"save-agreed-levels\""), "{shown}");
    assert!(shown.contains("A draft only."), "{shown}");
    let saved = lead.post_form(&page, &action, &[("agreed.O-1", "2")]).await;
    assert_eq!(saved.status(), 303);
    assert_eq!(levels_of(&app, w.given, LevelKind::Agreed), 1);
    let shown = lead.page(&page).await;
    assert!(shown.contains("id=\"agreed-tier\""), "{shown}");
    assert!(shown.contains("id=\"level-history\""), "{shown}");
}

#[tokio::test]
async fn the_api_creates_peer_reviewers_and_gives_responses_refusing_what_it_documents() {
    let app = spawn_app().await;
    let w = world(&app);
    let created = app
        .post_api(
            "/peer-reviewers",
            json!({"email": "peer@cert.example.fr", "country": "fr", "organisation": "CERT-FR"}),
        )
        .await;
    assert_eq!(created.status(), 201);
    let body: serde_json::Value = created.json().await.expect("json");
    assert_eq!(body["country"], "FR");
    let french = body["id"].as_i64().expect("an id");
    let unknown_country = app
        .post_api(
            "/peer-reviewers",
            json!({"email": "x@cert.example.org", "country": "Atlantis", "organisation": "X"}),
        )
        .await;
    assert_eq!(unknown_country.status(), 400);
    let again = app
        .post_api(
            "/peer-reviewers",
            json!({"email": "peer@cert.example.fr", "country": "FR", "organisation": "CERT-FR"}),
        )
        .await;
    assert_eq!(again.status(), 409);
    let give = |response: i64| format!("/responses/{response}/peer-reviewers");
    let given = app
        .post_api(&give(w.given), json!({"peer_reviewer_id": french}))
        .await;
    assert_eq!(given.status(), 201);
    let twice = app
        .post_api(&give(w.given), json!({"peer_reviewer_id": french}))
        .await;
    assert_eq!(twice.status(), 200);
    let no_consent = app
        .post_api(&give(w.other), json!({"peer_reviewer_id": french}))
        .await;
    assert_eq!(no_consent.status(), 409);
    let no_response = app
        .post_api(&give(999_999), json!({"peer_reviewer_id": french}))
        .await;
    assert_eq!(no_response.status(), 404);
    let austrian = app
        .post_api(
            "/peer-reviewers",
            json!({"email": "peer@cert.example.at", "country": "AT", "organisation": "CERT.at"}),
        )
        .await;
    let austrian = austrian.json::<serde_json::Value>().await.expect("json")["id"]
        .as_i64()
        .expect("an id");
    let same_country = app
        .post_api(&give(w.given), json!({"peer_reviewer_id": austrian}))
        .await;
    assert_eq!(same_country.status(), 409);
    let not_a_peer = app
        .post_api(&give(w.given), json!({"peer_reviewer_id": 999_999}))
        .await;
    assert_eq!(not_a_peer.status(), 404);
    let listed = app.api(reqwest::Method::GET, "/peer-reviewers", None).await;
    assert_eq!(listed.status(), 200);
    let listed: serde_json::Value = listed.json().await.expect("json");
    let french_entry = listed
        .as_array()
        .and_then(|all| all.iter().find(|p| p["id"] == french))
        .cloned()
        .expect("the French peer listed");
    assert_eq!(french_entry["responses"], json!([w.given]));
    let analyst = app.add_analyst("ana@secretariat.example.org", Role::Analyst, &[w.campaign]);
    let refused = app
        .client
        .post(format!(
            "{}/api/v1/responses/{}/peer-reviewers",
            app.address, w.given
        ))
        .bearer_auth(&analyst.api_token)
        .json(&json!({"peer_reviewer_id": french}))
        .send()
        .await
        .expect("sent");
    assert_eq!(refused.status(), 403);
    let list = app.get_api_as(&analyst.api_token, "/peer-reviewers").await;
    assert_eq!(list.status(), 403);
    let detail = app
        .api(
            reqwest::Method::GET,
            &format!("/campaigns/{}/responses/{}", w.campaign, w.given),
            None,
        )
        .await;
    let detail: serde_json::Value = detail.json().await.expect("json");
    assert!(detail["peer_review"].is_null(), "{detail}");
}
