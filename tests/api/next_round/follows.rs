//! Naming the campaign a new one follows: through the API, the create page and the CLI,
//! checked (it exists and the creator sees it, it asks the same questionnaires, its
//! rounds do not loop) with the reason beside the field.

use liaison::accounts::Role;
use liaison::storage::campaigns::set_follows;
use serde_json::{Value, json};

use crate::cli::{campaign_create, liaison_with, stdout_of};
use crate::helpers::spawn_app;

/// The reasons a refused request gives for `follows`.
async fn follows_refused(response: reqwest::Response) -> Vec<String> {
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.expect("json");
    body["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter(|f| f["field"] == "follows")
        .filter_map(|f| f["reason"].as_str().map(str::to_owned))
        .collect()
}

fn maturity_following(earlier: i64) -> Value {
    json!({
        "name": "Maturity 2026",
        "questionnaires": ["csirt-maturity"],
        "closes_on": "2099-01-31",
        "follows": earlier,
    })
}

#[tokio::test]
async fn the_api_creates_a_next_round_and_shows_which_campaign_it_follows() {
    let app = spawn_app().await;
    let earlier = app.new_campaign("Maturity 2025").await;
    let next = app.create_campaign(maturity_following(earlier)).await;
    assert_eq!(app.campaign_json(next).await["follows"], earlier);
    assert_eq!(app.campaign_json(earlier).await["follows"], Value::Null);
    let mut conn = app.db.conn();
    let series = liaison::storage::campaigns::rounds(&mut conn, next).expect("the rounds");
    let ids: Vec<i64> = series.iter().map(|d| d.campaign.id).collect();
    assert_eq!(ids, [earlier, next]);
}

#[tokio::test]
async fn the_api_refuses_to_follow_an_unknown_unseen_looping_or_unlike_campaign() {
    let app = spawn_app().await;
    let unknown = follows_refused(app.post_api("/campaigns", maturity_following(999)).await).await;
    assert_eq!(
        unknown,
        ["there is no campaign 999 that you can see to follow"]
    );

    let earlier = app.new_campaign("Maturity 2025").await;
    let analyst = app.add_analyst("creator@test.invalid", Role::Analyst, &[]);
    app.allow_campaign_creation(&analyst.email);
    let unseen = app
        .client
        .post(format!("{}/api/v1/campaigns", app.address))
        .bearer_auth(&analyst.api_token)
        .json(&maturity_following(earlier))
        .send()
        .await
        .expect("sent");
    assert_eq!(
        follows_refused(unseen).await,
        [format!(
            "there is no campaign {earlier} that you can see to follow"
        )],
        "a campaign the creator may not see is as good as none"
    );

    let cooperation = json!({
        "name": "Cooperation 2026",
        "questionnaires": ["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"],
        "closes_on": "2099-01-31",
        "follows": earlier,
    });
    let unlike = follows_refused(app.post_api("/campaigns", cooperation).await).await;
    assert_eq!(unlike.len(), 1, "{unlike:?}");
    assert!(
        unlike[0]
            .contains("asks csirt \"csirt-maturity\" and this one \"csirt-le-cooperation-csirt\""),
        "{unlike:?}"
    );

    let (a, b) = (
        app.new_campaign("Loop A").await,
        app.new_campaign("Loop B").await,
    );
    {
        let mut conn = app.db.conn();
        set_follows(&mut conn, a, Some(b)).expect("set");
        set_follows(&mut conn, b, Some(a)).expect("set");
        let rounds = liaison::storage::campaigns::rounds(&mut conn, a).expect("ends");
        assert_eq!(rounds.len(), 2);
    }
    let looping = follows_refused(app.post_api("/campaigns", maturity_following(a)).await).await;
    assert!(
        looping[0].contains("loop back on themselves"),
        "{looping:?}"
    );
    // With every other field wrong too, the page and the API list them all.
    let mut both = maturity_following(999);
    both["name"] = json!("");
    let body: Value = app
        .post_api("/campaigns", both)
        .await
        .json()
        .await
        .expect("json");
    let fields: Vec<&str> = body["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(fields, ["name", "follows"]);
}

/// A create form for a maturity campaign following `follows`.
fn create_form(follows: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("name", "Maturity 2026"),
        ("questionnaire_csirt", "csirt-maturity"),
        ("closes_on", "2099-01-31"),
        ("tlp", "AMBER"),
        ("sender_organisation", "Network Secretariat"),
        ("privacy_k", "3"),
        ("follows", follows),
    ]
}

#[tokio::test]
async fn the_create_page_offers_the_campaigns_to_follow_and_the_dashboard_names_it() {
    let app = spawn_app().await;
    let earlier = app.new_campaign("Maturity 2025").await;
    let admin = app.logged_in(Role::Admin, &[]).await;
    let page = admin.page("/campaigns/new").await;
    assert!(
        page.contains(&format!(
            "<option value=\"{earlier}\">Maturity 2025 ({earlier}, csirt-maturity)</option>"
        )),
        "{page}"
    );
    let refused = admin
        .post_form("/campaigns/new", "/campaigns/new", &create_form("999"))
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("a body");
    assert!(
        html.contains("id=\"follows-error\">there is no campaign 999 that you can see to follow<"),
        "{html}"
    );

    let earlier_id = earlier.to_string();
    let created = admin
        .post_form(
            "/campaigns/new",
            "/campaigns/new",
            &create_form(&earlier_id),
        )
        .await;
    assert_eq!(created.status(), 303);
    let dashboard = crate::helpers::location(&created);
    let html = admin.page(&dashboard).await;
    assert!(
        html.contains(&format!(
            "id=\"campaign-follows\"><a href=\"/campaigns/{earlier}\">Maturity 2025 ({earlier})</a>"
        )),
        "{html}"
    );
}

#[test]
fn the_cli_creates_a_next_round_and_refuses_one_it_cannot_follow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let database = format!("sqlite://{}", dir.path().join("cli.sqlite").display());
    let env = [
        ("LIAISON_DATABASE_URL", database),
        ("LIAISON_LOG", "warn".to_owned()),
    ];
    stdout_of(&liaison_with(&env, &campaign_create("Cooperation 2025")));
    let mut next = campaign_create("Cooperation 2026").to_vec();
    next.extend(["--follows", "1"]);
    let created = stdout_of(&liaison_with(&env, &next));
    assert!(created.contains("next round of 1"), "{created}");
    let mut unknown = campaign_create("Cooperation 2027").to_vec();
    unknown.extend(["--follows", "7"]);
    let refused = liaison_with(&env, &unknown);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("follows: there is no campaign 7 that you can see to follow"),
        "{stderr}"
    );
}
