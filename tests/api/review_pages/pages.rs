//! The section, welcome, review and result pages after a reviewer's decision.

use liaison::mail::OutboxKind;
use liaison::questionnaire::Answer;
use liaison::responses::ResponseState;
use liaison::storage;

use super::{REVIEWER, question_text, questions, submitted};

fn level(n: &str) -> Answer {
    Answer::Choice(n.to_owned())
}

fn state(r: &super::Reviewed) -> ResponseState {
    let mut conn = r.app.db.conn();
    storage::responses::get(&mut conn, r.response.get())
        .expect("response")
        .state
}

#[tokio::test]
async fn after_a_change_request_the_link_opens_only_the_flagged_answers_each_with_its_comment() {
    let mut r = submitted(true, "en").await;
    r.request_changes();
    let (a, b, locked) = questions();

    let section = r.respondent.text("/s/1").await;
    assert!(section.contains(&format!("name=\"q.{a}\"")), "{section}");
    assert!(
        !section.contains(&format!("name=\"q.{locked}\"")),
        "{section}"
    );
    assert!(
        section.contains(&format!("id=\"locked-{locked}\"")),
        "{section}"
    );
    assert!(
        section.contains(&format!("id=\"review-comment-{a}\"")),
        "{section}"
    );
    assert!(
        section.contains("Which team runs this &#60;service&#62;?"),
        "the comment is shown, escaped: {section}"
    );
    assert!(
        section.contains(&format!("name=\"reply.{a}\"")),
        "{section}"
    );
    assert!(section.contains(&format!("id=\"reply-{a}\"")), "{section}");
    assert!(
        !section.contains(&format!("id=\"reply-{locked}\"")),
        "{section}"
    );
    assert!(
        !section.contains(&format!("id=\"evidence-{locked}\"")),
        "{section}"
    );
    // A section with no flagged answer is shown read-only.
    let third = r.respondent.text("/s/3").await;
    assert!(!third.contains("name=\"q."), "{third}");

    for page in ["", "/review"] {
        let html = r.respondent.text(page).await;
        assert!(html.contains("id=\"changes-requested\""), "{page}: {html}");
        assert!(html.contains("Changes were requested"), "{page}: {html}");
        assert!(
            html.contains(&format!("s/1#question-{a}")),
            "{page}: {html}"
        );
        assert!(
            html.contains(&format!("s/2#question-{b}")),
            "{page}: {html}"
        );
        assert!(
            html.contains("Please change this answer."),
            "{page}: {html}"
        );
    }
    let result = r.respondent.text("/result").await;
    assert!(result.contains("id=\"review-status\""), "{result}");
    assert!(result.contains("Changes were requested."), "{result}");
    assert!(result.contains("/review#changes-requested"), "{result}");
}

#[tokio::test]
async fn a_forged_post_to_a_locked_answer_is_refused_with_a_page_and_changes_nothing() {
    let mut r = submitted(true, "en").await;
    r.request_changes();
    let (a, _, locked) = questions();
    let before = (r.answers(), r.rows());

    let (qa, ql, ra) = (
        format!("q.{a}"),
        format!("q.{locked}"),
        format!("reply.{a}"),
    );
    let fields = [
        (qa.as_str(), "3"),
        (ql.as_str(), "3"),
        (ra.as_str(), "Typed before the refusal"),
        ("action", "next"),
    ];
    let refused = r.respondent.post("/s/1", &fields).await;
    assert_eq!(refused.status(), 409);
    let page = refused.text().await.expect("a page");
    assert!(page.contains("<html"), "{page}");
    assert!(page.contains("not sent back for changes"), "{page}");
    assert!(page.contains(&question_text(&locked)), "{page}");
    assert!(page.contains("Typed before the refusal"), "{page}");
    assert_eq!((r.answers(), r.rows()), before, "nothing was written");

    // A reply to a comment that asked for no change is refused just the same.
    let rl = format!("reply.{locked}");
    let reply = [(rl.as_str(), "hello"), ("action", "save")];
    assert_eq!(r.respondent.post("/s/1", &reply).await.status(), 409);
    assert_eq!((r.answers(), r.rows()), before, "nothing was written");
}

#[tokio::test]
async fn the_flagged_answers_change_replies_are_kept_and_a_resubmit_mails_the_reviewers() {
    let mut r = submitted(true, "en").await;
    r.request_changes();
    let (a, b, locked) = questions();
    let stored_locked = r.answers().get(&locked).cloned();

    let (qa, ra) = (format!("q.{a}"), format!("reply.{a}"));
    let fields = [
        (qa.as_str(), "3"),
        (ra.as_str(), "Our on-call team does."),
        ("action", "next"),
    ];
    assert_eq!(r.respondent.post("/s/1", &fields).await.status(), 303);
    let answers = r.answers();
    assert_eq!(answers.get(&a), Some(&level("3")));
    assert_eq!(
        answers.get(&locked).cloned(),
        stored_locked,
        "the locked answer stays"
    );
    let again = r.respondent.text("/s/1").await;
    assert!(again.contains("Our on-call team does."), "{again}");

    let qb = format!("q.{b}");
    let second = [(qb.as_str(), "1"), ("action", "next")];
    assert_eq!(r.respondent.post("/s/2", &second).await.status(), 303);
    let review = r.respondent.text("/review").await;
    assert!(review.contains("id=\"submit\""), "{review}");
    assert!(review.contains("Submit again"), "{review}");

    let before = r.mails().len();
    assert_eq!(r.respondent.post("/submit", &[]).await.status(), 303);
    assert_eq!(state(&r), ResponseState::Resubmitted);
    let new: Vec<_> = r.mails().into_iter().skip(before).collect();
    assert_eq!(new, vec![(OutboxKind::Resubmitted, REVIEWER.to_owned())]);
    let result = r.respondent.text("/result").await;
    assert!(result.contains("Awaiting review"), "{result}");
    // Handed in again, the answers take no change until the next request.
    assert_eq!(r.respondent.get("/s/1").await.status(), 303);
}

#[tokio::test]
async fn a_reply_longer_than_the_most_kept_is_refused_and_the_typed_text_stays() {
    let mut r = submitted(true, "en").await;
    r.request_changes();
    let (a, _, _) = questions();
    let before = (r.answers(), r.rows());
    let long = "é".repeat(liaison::responses::review::COMMENT_MAX_CHARS + 1);
    let (qa, ra) = (format!("q.{a}"), format!("reply.{a}"));
    let fields = [
        (qa.as_str(), "3"),
        (ra.as_str(), long.as_str()),
        ("action", "next"),
    ];
    let refused = r.respondent.post("/s/1", &fields).await;
    assert_eq!(refused.status(), 422);
    let page = refused.text().await.expect("a page");
    assert!(page.contains(&long), "the typed reply is kept");
    assert_eq!((r.answers(), r.rows()), before);
}

#[tokio::test]
async fn the_result_page_says_the_response_awaits_review_and_then_when_it_was_accepted() {
    let r = submitted(true, "en").await;
    let result = r.respondent.text("/result").await;
    assert!(result.contains("id=\"review-status\""), "{result}");
    assert!(result.contains("Awaiting review"), "{result}");
    r.accept();
    let result = r.respondent.text("/result").await;
    let today = storage::now().date().to_string();
    assert!(
        result.contains(&format!("Reviewed and accepted on {today}")),
        "{result}"
    );
    // Accepted is final: the sections lead to the result.
    assert_eq!(r.respondent.get("/s/1").await.status(), 303);

    let plain = submitted(false, "en").await;
    let result = plain.respondent.text("/result").await;
    assert!(!result.contains("id=\"review-status\""), "{result}");
}

#[tokio::test]
async fn a_respondent_answering_in_german_reads_the_review_in_german() {
    let mut r = submitted(true, "de").await;
    let result = r.respondent.text("/result").await;
    assert!(result.contains("Wartet auf die Prüfung"), "{result}");
    r.request_changes();
    let welcome = r.respondent.text("").await;
    assert!(welcome.contains("Änderungen wurden erbeten"), "{welcome}");
    assert!(
        welcome.contains("Bitte ändern Sie diese Antwort."),
        "{welcome}"
    );
    let section = r.respondent.text("/s/1").await;
    assert!(section.contains("Kommentar der Prüfenden"), "{section}");
    assert!(
        section.contains("Ihre Antwort an die Prüfenden"),
        "{section}"
    );
    assert!(
        section.contains("nicht zur Änderung zurückgegeben"),
        "{section}"
    );
    let review = r.respondent.text("/review").await;
    assert!(review.contains("Erneut absenden"), "{review}");
}
