//! `POST /api/v1/campaigns/{id}/responses/{rid}/review` and the response view's review.

use liaison::accounts::Role;
use liaison::responses::ResponseState;
use serde_json::{Value, json};

use super::{Review, two_questions};

impl Review {
    async fn review_as(&self, token: &str, response: i64, body: Value) -> reqwest::Response {
        self.app
            .client
            .post(format!(
                "{}/api/v1/campaigns/{}/responses/{response}/review",
                self.app.address, self.seeded.campaign
            ))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .expect("sent")
    }
}

#[tokio::test]
async fn the_api_takes_a_change_request_and_shows_it_in_the_response_view() {
    let r = Review::new(true).await;
    let [a, b] = two_questions();
    let token = r.reviewer_token.clone();
    let austria = r.seeded.austria;

    let nothing = r
        .review_as(&token, austria, json!({"decision": "request_changes", "comments": [{"question": a, "body": "only words"}]}))
        .await;
    assert_eq!(nothing.status(), 422);
    let body: Value = nothing.json().await.expect("json");
    assert_eq!(body["problems"][0]["field"], "comments", "{body}");

    let unknown = r
        .review_as(&token, austria, json!({"decision": "request_changes", "comments": [{"question": "no-such", "please_change": true}]}))
        .await;
    assert_eq!(unknown.status(), 422);
    let body: Value = unknown.json().await.expect("json");
    assert_eq!(
        body["problems"][0]["field"], "comments[0].question",
        "{body}"
    );

    let long = "y".repeat(liaison::responses::COMMENT_MAX_CHARS + 1);
    let too_long = r
        .review_as(&token, austria, json!({"decision": "request_changes", "comments": [{"question": a, "body": long, "please_change": true}]}))
        .await;
    assert_eq!(too_long.status(), 422);
    let body: Value = too_long.json().await.expect("json");
    assert_eq!(body["problems"][0]["field"], "comments[0].body", "{body}");
    assert_eq!(r.state(austria), ResponseState::Submitted);
    assert_eq!(r.comments(austria), 0);

    let sent = r
        .review_as(
            &token,
            austria,
            json!({"decision": "request_changes", "comments": [
                {"question": a, "body": "Name the document.", "please_change": true},
                {"question": b, "body": "", "please_change": true}
            ]}),
        )
        .await;
    assert_eq!(sent.status(), 200);
    let body: Value = sent.json().await.expect("json");
    assert_eq!(body["state"], "changes_requested");
    assert_eq!(body["flagged"], json!([a, b]));

    let again = r
        .review_as(&token, austria, json!({"decision": "accept"}))
        .await;
    assert_eq!(again.status(), 409, "sent back: it awaits no decision");

    let view: Value = r
        .app
        .get_api_as(
            &token,
            &format!("/campaigns/{}/responses/{austria}", r.seeded.campaign),
        )
        .await
        .json()
        .await
        .expect("json");
    let review = view["review"].as_array().expect("a review list");
    assert_eq!(review[0]["kind"], "changes_requested");
    assert_eq!(review[0]["by"], "reviewer@test.invalid");
    assert_eq!(review[1]["kind"], "comment");
    assert_eq!(review[1]["body"], "Name the document.");
    assert_eq!(review[1]["please_change"], true);
    assert_eq!(view["open_flags"][0]["question_id"], a.as_str());
    assert_eq!(view["open_flags"].as_array().map(Vec::len), Some(2));
}

#[tokio::test]
async fn the_api_refuses_non_reviewers_403_strangers_404_and_campaigns_without_review_409() {
    let r = Review::new(true).await;
    let assigned = r
        .app
        .add_analyst("plain@test.invalid", Role::Analyst, &[r.seeded.campaign]);
    let stranger = r.app.add_analyst("far@test.invalid", Role::Analyst, &[]);
    let accept = json!({"decision": "accept"});
    let forbidden = r
        .review_as(&assigned.api_token, r.seeded.austria, accept.clone())
        .await;
    assert_eq!(forbidden.status(), 403);
    let admin = r
        .review_as(&r.app.api_token, r.seeded.austria, accept.clone())
        .await;
    assert_eq!(admin.status(), 403, "an unassigned admin does not review");
    let hidden = r
        .review_as(&stranger.api_token, r.seeded.austria, accept.clone())
        .await;
    assert_eq!(hidden.status(), 404);
    let draft = r
        .review_as(&r.reviewer_token, r.seeded.belgium_draft, accept.clone())
        .await;
    assert_eq!(draft.status(), 409, "a draft awaits no decision");
    assert_eq!(r.state(r.seeded.austria), ResponseState::Submitted);

    let accepted = r
        .review_as(&r.reviewer_token, r.seeded.austria, accept.clone())
        .await;
    assert_eq!(accepted.status(), 200);
    let body: Value = accepted.json().await.expect("json");
    assert_eq!(body["state"], "accepted");

    let plain = Review::new(false).await;
    let refused = plain
        .review_as(&plain.reviewer_token, plain.seeded.austria, accept)
        .await;
    assert_eq!(refused.status(), 409);
}
