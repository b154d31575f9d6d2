//! The review form of a response's page: a change request and an acceptance, and every
//! refusal over HTTP, each changing nothing.

use liaison::accounts::Role;
use liaison::responses::ResponseState;

use super::{Review, two_questions};
use crate::helpers::{audited, escaped, location};

#[tokio::test]
async fn a_reviewer_sends_a_response_back_with_two_answers_flagged_and_the_page_shows_them() {
    let r = Review::new(true).await;
    let reviewer = r.reviewer().await;
    let [a, b] = two_questions();
    let page = reviewer.page(&r.page()).await;
    for id in [
        "review-form".to_owned(),
        format!("comment-{a}"),
        format!("change-{b}"),
        "request-changes".to_owned(),
        "accept".to_owned(),
    ] {
        assert!(page.contains(&format!("id=\"{id}\"")), "{id} in the page");
    }
    assert!(page.contains(&format!("action=\"{}\"", r.action())));
    assert!(
        page.contains(&format!("<label for=\"change-{a}\">")),
        "labelled"
    );

    let comment_a = format!("comment.{a}");
    let change_a = format!("change.{a}");
    let comment_b = format!("comment.{b}");
    let change_b = format!("change.{b}");
    let sent = reviewer
        .post_form(
            &r.page(),
            &r.action(),
            &[
                (&comment_a, "Which document says so?"),
                (&change_a, "yes"),
                (&comment_b, "Please check this level."),
                (&change_b, "yes"),
                ("decision", "request_changes"),
            ],
        )
        .await;
    assert_eq!(sent.status(), 303);
    assert_eq!(location(&sent), r.page());
    assert_eq!(r.state(r.seeded.austria), ResponseState::ChangesRequested);

    let after = reviewer.page(&r.page()).await;
    assert!(
        after.contains("sent back for changes: 2 answers"),
        "{after}"
    );
    assert!(
        after.contains(&format!("id=\"flag-{a}\"")),
        "the flag beside the answer"
    );
    assert!(after.contains(&format!("id=\"flag-{b}\"")));
    assert!(
        !after.contains("id=\"review-form\""),
        "no decision while it is sent back"
    );
    let history = after
        .split("id=\"review-history\"")
        .nth(1)
        .expect("a review history");
    assert!(history.contains("Sent back for changes"));
    assert!(history.contains(&escaped("Which document says so?")));
    assert!(history.contains("reviewer@test.invalid"), "who: {history}");
    let entries = audited(&r.app, "response.request_changes");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].actor, "reviewer@test.invalid");
}

#[tokio::test]
async fn a_reviewer_accepts_a_response_and_a_second_acceptance_is_refused_with_409() {
    let r = Review::new(true).await;
    let reviewer = r.reviewer().await;
    let accepted = reviewer
        .post_form(&r.page(), &r.action(), &[("decision", "accept")])
        .await;
    assert_eq!(accepted.status(), 303);
    assert_eq!(r.state(r.seeded.austria), ResponseState::Accepted);
    let page = reviewer.page(&r.page()).await;
    assert!(page.contains("The response is accepted"), "{page}");
    let history = page.split("id=\"review-history\"").nth(1).expect("history");
    assert!(history.contains("Accepted"));

    // Forged: the page shows no form any more.
    let again = reviewer
        .post_form(&r.page(), &r.action(), &[("decision", "accept")])
        .await;
    assert_eq!(again.status(), 409);
    let body = again.text().await.expect("a page");
    assert!(body.contains("awaits no decision"), "{body}");
    assert!(body.contains("<html"), "a page in the layout");
    assert_eq!(audited(&r.app, "response.accept").len(), 1);
}

#[tokio::test]
async fn a_change_request_without_a_tick_comes_back_422_with_the_comment_kept() {
    let r = Review::new(true).await;
    let reviewer = r.reviewer().await;
    let [a, b] = two_questions();
    let comment_a = format!("comment.{a}");
    let change_b = format!("change.{b}");
    let refused = reviewer
        .post_form(
            &r.page(),
            &r.action(),
            &[
                (&comment_a, "A remark kept across the refusal"),
                ("decision", "request_changes"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.expect("a page");
    assert!(
        body.contains("id=\"request-changes-error\""),
        "beside the button"
    );
    assert!(
        body.contains("A remark kept across the refusal"),
        "typed text kept"
    );
    assert_eq!(r.state(r.seeded.austria), ResponseState::Submitted);
    assert_eq!(r.comments(r.seeded.austria), 0);

    // A tick is kept too when another field is refused.
    let long = "x".repeat(liaison::responses::COMMENT_MAX_CHARS + 1);
    let too_long = reviewer
        .post_form(
            &r.page(),
            &r.action(),
            &[
                (&comment_a, long.as_str()),
                (&change_b, "yes"),
                ("decision", "request_changes"),
            ],
        )
        .await;
    assert_eq!(too_long.status(), 422);
    let body = too_long.text().await.expect("a page");
    assert!(
        body.contains(&format!("id=\"comment-{a}-error\"")),
        "beside the comment"
    );
    assert!(
        body.contains(&format!("id=\"change-{b}\" checked")),
        "the tick kept"
    );
    assert_eq!(r.state(r.seeded.austria), ResponseState::Submitted);
    assert!(audited(&r.app, "response.request_changes").is_empty());
}

#[tokio::test]
async fn only_the_campaigns_reviewers_decide_others_get_403_or_404() {
    let r = Review::new(true).await;
    let assigned = r.app.logged_in(Role::Analyst, &[r.seeded.campaign]).await;
    let page = assigned.page(&r.page()).await;
    assert!(
        !page.contains("id=\"review-form\""),
        "no form for a non-reviewer"
    );
    // Forged posts, with the CSRF token of a page they may see.
    let forged = assigned
        .post_form(&r.page(), &r.action(), &[("decision", "accept")])
        .await;
    assert_eq!(forged.status(), 403);
    let admin = r.app.logged_in(Role::Admin, &[]).await;
    let by_admin = admin
        .post_form(&r.page(), &r.action(), &[("decision", "accept")])
        .await;
    assert_eq!(
        by_admin.status(),
        403,
        "an admin too must be assigned as reviewer"
    );
    let other = r.app.logged_in(Role::Analyst, &[]).await;
    let by_other = other
        .post_form("/account", &r.action(), &[("decision", "accept")])
        .await;
    assert_eq!(by_other.status(), 404);
    assert_eq!(r.state(r.seeded.austria), ResponseState::Submitted);
    assert!(audited(&r.app, "response.accept").is_empty());
}

#[tokio::test]
async fn a_campaign_without_review_refuses_a_decision_with_409() {
    let r = Review::new(false).await;
    let reviewer = r.reviewer().await;
    let page = reviewer.page(&r.page()).await;
    assert!(!page.contains("id=\"review-form\""));
    let refused = reviewer
        .post_form(&r.page(), &r.action(), &[("decision", "accept")])
        .await;
    assert_eq!(refused.status(), 409);
    let body = refused.text().await.expect("a page");
    assert!(body.contains("does not require review"), "{body}");
    assert_eq!(r.state(r.seeded.austria), ResponseState::Submitted);
}
