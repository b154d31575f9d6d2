//! Reports of a campaign that requires review rest on accepted responses only, and every
//! place that lists them says so; without review they rest on the submitted ones.

use serde_json::{Value, json};

use super::Review;

async fn text(r: &Review, path: &str) -> String {
    let got = r.app.api(reqwest::Method::GET, path, None).await;
    assert_eq!(got.status(), 200, "{path}");
    got.text().await.expect("a body")
}

#[tokio::test]
async fn a_report_under_review_rests_on_accepted_responses_and_leaves_the_others_out() {
    let r = Review::new(true).await;
    let campaign = r.seeded.campaign;
    let accepted = r
        .app
        .client
        .post(format!(
            "{}/api/v1/campaigns/{campaign}/responses/{}/review",
            r.app.address, r.seeded.austria
        ))
        .bearer_auth(&r.reviewer_token)
        .json(&json!({"decision": "accept"}))
        .send()
        .await
        .expect("sent");
    assert_eq!(accepted.status(), 200);
    let built = r
        .app
        .post_api(&format!("/campaigns/{campaign}/reports"), json!({}))
        .await;
    assert_eq!(built.status(), 200);
    let listing: Value = built.json().await.expect("json");
    let wording = "Rests on 1 accepted response; 1 submitted and awaiting review is not counted.";
    assert_eq!(listing["rests_on"], wording);
    assert_eq!(
        listing["submissions"], 1,
        "only the accepted one is built in"
    );

    let md = text(
        &r,
        &format!("/campaigns/{campaign}/reports/recommendations.md"),
    )
    .await;
    assert!(md.contains(wording), "{md}");
    let html = text(
        &r,
        &format!("/campaigns/{campaign}/reports/recommendations.html"),
    )
    .await;
    assert!(html.contains(wording), "the HTML report too");
    let answers = text(&r, &format!("/campaigns/{campaign}/reports/answers.csv")).await;
    assert!(
        answers.contains("CERT Austria rv"),
        "the accepted response counts"
    );
    assert!(
        !answers.contains("Federal Police rv"),
        "the submitted, not accepted one does not: {answers}"
    );

    let reviewer = r.reviewer().await;
    let page = reviewer
        .page(&format!("/campaigns/{campaign}/reports"))
        .await;
    assert!(page.contains(wording), "the reports page says it");
}

#[tokio::test]
async fn a_report_without_review_rests_on_the_submitted_responses() {
    let r = Review::new(false).await;
    let campaign = r.seeded.campaign;
    let built = r
        .app
        .post_api(&format!("/campaigns/{campaign}/reports"), json!({}))
        .await;
    let listing: Value = built.json().await.expect("json");
    assert_eq!(listing["rests_on"], "Rests on 2 submitted responses.");
    let md = text(
        &r,
        &format!("/campaigns/{campaign}/reports/recommendations.md"),
    )
    .await;
    assert!(md.contains("Rests on 2 submitted responses."), "{md}");
}
