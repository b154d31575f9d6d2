//! Delegation inside an organisation, over HTTP: the contact hands sections to a colleague,
//! who answers only those through their own link; every refusal is proved by a forged
//! request, and a dead colleague's link answers like any dead respondent link.

mod forged;
mod language;

use std::time::Duration;

use liaison::mail::OutboxKind;
use liaison::storage::outbox;

use crate::helpers::{TestApp, deliver, spawn_app};
use crate::respondent::{Respondent, invite};
use crate::smtp::TestSmtp;

const MATURITY: &[&str] = &["csirt-maturity"];

/// The contact's link, and a colleague's path `/d/{token}` once asked.
async fn contact(app: &TestApp) -> Respondent {
    invite(app, MATURITY, "csirt", "en").await
}

/// Asks `email` to answer `sections`; the response to the form.
async fn delegate(r: &Respondent, email: &str, sections: &[&str]) -> reqwest::Response {
    let mut fields = vec![("email", email), ("name", "Deputy Desk")];
    fields.extend(sections.iter().map(|s| ("section", *s)));
    r.post("/delegations", &fields).await
}

/// The colleague's path, from the last delegation mail in the outbox.
fn colleague_path(app: &TestApp, email: &str) -> String {
    let mut conn = app.db.conn();
    let mail = outbox::list(&mut conn, None)
        .expect("the outbox")
        .into_iter()
        .rfind(|m| m.recipient == email && m.kind == OutboxKind::Delegation)
        .expect("a delegation mail");
    path_in(&mail.text_to_send())
}

fn path_in(text: &str) -> String {
    let start = text.find("/d/").expect("a colleague's link");
    text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'))
        .collect()
}

/// The colleague, as a respondent of their own link.
fn colleague(app: &TestApp, r: &Respondent, email: &str) -> Respondent {
    Respondent::at(&app.address, &colleague_path(app, email), r.campaign)
}

fn stored_answers(app: &TestApp) -> usize {
    use diesel::prelude::*;
    use liaison::storage::schema::answers;
    let mut conn = app.db.conn();
    answers::table
        .count()
        .get_result::<i64>(&mut conn)
        .expect("a count") as usize
}

#[tokio::test]
async fn a_colleague_answers_only_their_section_and_the_history_names_them() {
    let app = spawn_app().await;
    let r = contact(&app).await;
    assert!(r.text("").await.contains("id=\"delegations-link\""));
    let asked = delegate(&r, "deputy@team.example.org", &["2"]).await;
    assert_eq!(asked.status(), 303);
    let c = colleague(&app, &r, "deputy@team.example.org");
    let welcome = c.text("").await;
    assert!(welcome.contains("id=\"delegate-open-2\""), "{welcome}");
    assert!(!welcome.contains("id=\"delegate-open-1\""));
    assert_eq!(c.get("/s/1").await.status(), 404, "not theirs");
    assert_eq!(c.get("/s/2").await.status(), 200);
    // Next from their last section leads back to their welcome page, not to the review.
    let saved = c.answer_levels(2, "3", "next").await;
    assert_eq!(saved.status(), 303);
    assert_eq!(saved.headers()["location"], c.path.as_str());
    let page = r.text("/delegations").await;
    assert!(page.contains("id=\"delegations\""), "{page}");
    assert!(page.contains(">answering<"), "{page}");
    // The analyst's view of the response names the colleague beside their answers.
    let id: i64 = {
        use diesel::prelude::*;
        use liaison::storage::schema::responses;
        let mut conn = app.db.conn();
        responses::table
            .select(responses::id)
            .first(&mut conn)
            .expect("a started response")
    };
    let detail = app
        .api(
            reqwest::Method::GET,
            &format!("/campaigns/{}/responses/{id}", r.campaign),
            None,
        )
        .await
        .json::<serde_json::Value>()
        .await
        .expect("json");
    let history = detail["answer_history"].as_array().expect("a history");
    assert!(!history.is_empty());
    for change in history {
        assert_eq!(change["actor"], "delegate", "{change}");
        assert!(
            change["by"]
                .as_str()
                .is_some_and(|b| b.contains("deputy@team.example.org")),
            "{change}"
        );
    }
}

#[tokio::test]
async fn a_forged_post_to_a_section_not_delegated_is_not_found_and_saves_nothing() {
    let app = spawn_app().await;
    let r = contact(&app).await;
    delegate(&r, "deputy@team.example.org", &["2"]).await;
    let c = colleague(&app, &r, "deputy@team.example.org");
    // A save of their own section lends the CSRF token; the post goes to another one.
    c.answer_levels(2, "1", "save").await;
    let before = stored_answers(&app);
    assert!(before > 0);
    let forged = c
        .post("/s/1", &[("q.constituency", "4"), ("action", "save")])
        .await;
    assert_eq!(forged.status(), 404);
    assert_eq!(stored_answers(&app), before);
}

#[tokio::test]
async fn a_colleague_cannot_submit_or_review() {
    let app = spawn_app().await;
    let r = contact(&app).await;
    delegate(&r, "deputy@team.example.org", &["1", "2", "3", "4"]).await;
    let c = colleague(&app, &r, "deputy@team.example.org");
    for n in 1..=4 {
        c.answer_levels(n, "4", "next").await;
    }
    c.text("").await;
    assert_eq!(c.post("/submit", &[]).await.status(), 404);
    assert_eq!(c.get("/review").await.status(), 404);
    assert_eq!(c.get("/result").await.status(), 404);
}

#[tokio::test]
async fn taken_back_finished_and_closed_links_are_not_found() {
    let app = spawn_app().await;
    let r = contact(&app).await;
    delegate(&r, "one@team.example.org", &["1"]).await;
    delegate(&r, "two@team.example.org", &["2"]).await;
    delegate(&r, "three@team.example.org", &["3"]).await;
    let one = colleague(&app, &r, "one@team.example.org");
    let two = colleague(&app, &r, "two@team.example.org");
    let three = colleague(&app, &r, "three@team.example.org");
    // Taken back: the contact's button, the link dead at once.
    let page = r.text("/delegations").await;
    let id = page
        .split("id=\"take-back-")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("a take-back button")
        .to_owned();
    assert_eq!(
        r.post(&format!("/delegations/{id}/take-back"), &[])
            .await
            .status(),
        303
    );
    assert_eq!(one.get("").await.status(), 404);
    assert_eq!(one.get("/s/1").await.status(), 404);
    // Finished: "I have finished", then nothing opens.
    two.answer_levels(2, "2", "next").await;
    let done = two.post("/done", &[]).await;
    assert_eq!(done.status(), 200);
    assert!(
        done.text()
            .await
            .expect("html")
            .contains("id=\"delegation-finished\"")
    );
    assert_eq!(two.get("").await.status(), 404);
    assert_eq!(two.get("/s/2").await.status(), 404);
    let page = r.text("/delegations").await;
    assert!(
        page.contains(">taken back<") && page.contains(">done<"),
        "{page}"
    );
    // Closed by the contact's submit.
    for n in 1..=4 {
        r.answer_levels(n, "4", "next").await;
    }
    assert_eq!(r.post("/submit", &[]).await.status(), 303);
    assert_eq!(three.get("").await.status(), 404);
    assert_eq!(three.get("/s/3").await.status(), 404);
    let dead = three.get("/s/3").await.text().await.expect("html");
    let unknown = app
        .get("/d/no-such-token")
        .await
        .text()
        .await
        .expect("html");
    let unknown_r = app
        .get("/r/no-such-token")
        .await
        .text()
        .await
        .expect("html");
    assert_eq!(dead, unknown);
    assert_eq!(dead, unknown_r, "the same page as any dead respondent link");
}

#[tokio::test]
async fn the_contacts_form_refuses_what_it_cannot_do_and_keeps_what_was_typed() {
    let app = spawn_app().await;
    let r = contact(&app).await;
    let refused = |status: reqwest::StatusCode| assert_eq!(status, 422);
    let bad = delegate(&r, "not an address", &["1"]).await;
    refused(bad.status());
    let html = bad.text().await.expect("html");
    assert!(html.contains("id=\"delegate-email-error\""), "{html}");
    assert!(html.contains("value=\"not an address\""), "kept");
    assert!(html.contains("id=\"delegate-section-1\" checked"), "kept");
    let none = delegate(&r, "deputy@team.example.org", &[]).await;
    refused(none.status());
    let html = none.text().await.expect("html");
    assert!(html.contains("id=\"delegate-sections-error\""), "{html}");
    assert!(html.contains("value=\"deputy@team.example.org\""));
    let own = format!("desk-{}@csirt.example.org", r.campaign);
    let mine = delegate(&r, &own.to_uppercase(), &["1"]).await;
    refused(mine.status());
    assert!(mine.text().await.expect("html").contains("own address"));
    assert_eq!(
        delegate(&r, "deputy@team.example.org", &["1"])
            .await
            .status(),
        303
    );
    let twice = delegate(&r, "lou@team.example.org", &["1", "2"]).await;
    refused(twice.status());
    assert!(
        twice
            .text()
            .await
            .expect("html")
            .contains("already with a colleague")
    );
    let unknown = delegate(&r, "lou@team.example.org", &["9"]).await;
    refused(unknown.status());
    // Only the one accepted delegation was written, with one mail.
    let mut conn = app.db.conn();
    let mails = outbox::list(&mut conn, None)
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == OutboxKind::Delegation)
        .count();
    assert_eq!(mails, 1);
    drop(conn);
    for n in 1..=4 {
        r.answer_levels(n, "4", "next").await;
    }
    r.text("/delegations").await;
    let form = r.text("/review").await;
    assert!(form.contains("id=\"submit\""));
    r.post("/submit", &[]).await;
    // Once submitted, a post of the form (a tab left open) says why nothing was handed
    // out and leads to the result, instead of the form again; it writes nothing.
    let late = delegate(&r, "lou@team.example.org", &["3"]).await;
    assert_eq!(late.status(), 409);
    let html = late.text().await.expect("html");
    assert!(html.contains("id=\"delegations-closed\""), "{html}");
    assert!(html.contains("has been submitted"), "{html}");
    assert!(
        html.contains(&format!("href=\"{}/result\"", r.path)),
        "{html}"
    );
    assert!(
        !html.contains("id=\"delegate-form\""),
        "no form that cannot work"
    );
    let mut conn = app.db.conn();
    let mails = outbox::list(&mut conn, None)
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == OutboxKind::Delegation)
        .count();
    assert_eq!(mails, 1);
    assert_eq!(
        liaison::storage::delegations::list_for_invitation(&mut conn, invitation_of(&app))
            .expect("a list")
            .len(),
        1
    );
}

/// The invitation of the one response the app holds.
fn invitation_of(app: &TestApp) -> i64 {
    use diesel::prelude::*;
    use liaison::storage::schema::responses;
    let mut conn = app.db.conn();
    responses::table
        .select(responses::invitation_id)
        .first(&mut conn)
        .expect("a started response")
}

#[tokio::test]
async fn the_colleague_gets_one_mail_whose_link_opens_their_sections() {
    let app = spawn_app().await;
    let smtp = TestSmtp::start();
    let r = contact(&app).await;
    delegate(&r, "deputy@team.example.org", &["3"]).await;
    let report = deliver(&app.db, &smtp);
    assert!(report.sent >= 1, "{report:?}");
    let arrived: Vec<_> = smtp
        .wait_for(2, Duration::from_secs(10))
        .into_iter()
        .map(|m| m.parse())
        .filter(|m| m.to.contains("deputy@team.example.org"))
        .collect();
    assert_eq!(arrived.len(), 1);
    let mail = &arrived[0];
    assert!(mail.subject.contains("Team <i>X</i>"), "{}", mail.subject);
    assert!(mail.text.contains("Duty Desk"), "names the contact");
    assert!(!mail.text.contains("{{link_token}}"));
    let path = path_in(&mail.text);
    let opened = app.get(&path).await;
    assert_eq!(opened.status(), 200);
    assert!(
        opened
            .text()
            .await
            .expect("html")
            .contains("id=\"delegate-open-3\"")
    );
    // The stored mail no longer holds the token, nor does any row in clear.
    let token = path.trim_start_matches("/d/");
    let mut conn = app.db.conn();
    for m in outbox::list(&mut conn, None).expect("outbox") {
        assert!(!m.body_text.contains(token));
        assert!(m.link_token.as_deref() != Some(token));
    }
}
