//! A peer-reviewer account sees nothing of the analysts' pages or the API.

use liaison::accounts::Role;
use liaison::storage::{analysts, now, peer_review};

use crate::fixtures::{CampaignBuilder, MATURITY, ParticipantBuilder};
use crate::helpers::{ANALYST_PASSWORD, client, location, log_in, spawn_app};

/// Makes the analyst `email` a peer reviewer of Germany.
fn make_peer(app: &crate::helpers::TestApp, email: &str) {
    let mut conn = app.db.conn();
    let row = analysts::find_by_email(&mut conn, email)
        .expect("read")
        .expect("account");
    peer_review::create_peer_reviewer(&mut conn, row.id, "DE", "CERT-Bund", now()).expect("peer");
}

#[tokio::test]
async fn a_peer_reviewer_lands_on_its_own_page_and_sees_no_analyst_page() {
    let app = spawn_app().await;
    let campaign = {
        let mut conn = app.db.conn();
        CampaignBuilder::new("Maturity")
            .questionnaire(MATURITY)
            .participant(ParticipantBuilder::new("desk@cert.at"))
            .build(&mut conn)
            .id()
    };
    let peer = app.add_analyst("peer@cert.de", Role::Analyst, &[campaign]);
    make_peer(&app, &peer.email);
    let browser = client();
    let login = log_in(&app, &browser, &peer.email, ANALYST_PASSWORD).await;
    assert_eq!(login.status(), 303);
    assert_eq!(location(&login), "/peer");
    for path in [
        "/campaigns".to_owned(),
        "/campaigns/new".to_owned(),
        format!("/campaigns/{campaign}"),
        format!("/campaigns/{campaign}/responses"),
        format!("/campaigns/{campaign}/reports"),
        "/admin/analysts".to_owned(),
    ] {
        let page = browser
            .get(format!("{}{path}", app.address))
            .send()
            .await
            .expect("sent");
        assert_eq!(page.status(), 404, "{path}");
    }
    for path in [
        "/campaigns".to_owned(),
        format!("/campaigns/{campaign}"),
        format!("/campaigns/{campaign}/responses"),
        "/analysts".to_owned(),
    ] {
        let answer = app.get_api_as(&peer.api_token, &path).await;
        assert_eq!(answer.status(), 403, "{path}");
    }
}
