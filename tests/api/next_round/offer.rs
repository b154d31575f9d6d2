//! The welcome page's offer to start from the organisation's last submitted answers: only
//! to an organisation that submitted in an earlier round, only while nothing is saved,
//! carrying answers by question id between two questionnaire versions.

use reqwest::header::LOCATION;

use super::{TEAM, earlier_round, invited, next_round, stored_answers};
use crate::fixtures::{MATURITY, every_answer, questionnaire};
use crate::helpers::{shipped_questionnaires, spawn_app, spawn_app_with};
use crate::respondent::Respondent;
use crate::service::copy_dir;
use crate::test_db::TestDb;

const OFFER: &str = "id=\"next-round-offer\"";

fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

async fn take_offer(r: &Respondent, from: &str) -> reqwest::Response {
    r.post("/start", &[("from", from), ("with_files", "yes")])
        .await
}

#[tokio::test]
async fn only_an_organisation_that_submitted_in_an_earlier_round_is_offered_its_answers() {
    let app = spawn_app().await;
    let answers = every_answer(questionnaire(MATURITY), 2.0, "AT");
    let earlier = earlier_round(&app, "Maturity 2025", MATURITY, answers);
    let next = next_round(&app, MATURITY, earlier).await;

    let submitted = invited(&app, next, TEAM).await.text("").await;
    assert!(submitted.contains(OFFER), "{submitted}");
    assert!(submitted.contains("Maturity 2025"), "the round is named");
    for id in ["start-from-earlier", "start-from-scratch", "with-files"] {
        assert!(submitted.contains(&format!("id=\"{id}\"")), "{id}");
    }
    assert!(
        !submitted.contains("id=\"start\""),
        "the offer replaces the start button"
    );

    for organisation in ["Team Y", "Team Z"] {
        let html = invited(&app, next, organisation).await.text("").await;
        assert!(
            !html.contains(OFFER),
            "{organisation}: a draft or nothing earlier"
        );
        assert!(html.contains("id=\"start\""), "{organisation}");
    }
    // The same organisation in a campaign that follows none is offered nothing.
    let first = app.new_campaign("A first round").await;
    let html = invited(&app, first, TEAM).await.text("").await;
    assert!(!html.contains(OFFER));
}

/// The shipped questionnaires with the CSIRT cooperation questionnaire in a new version:
/// "victim-referral" removed, and an option of "forensic-readiness" renamed.
fn newer_cooperation() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&shipped_questionnaires(), dir.path());
    let file = dir
        .path()
        .join("csirt-le-cooperation-csirt/questionnaire.toml");
    let text = std::fs::read_to_string(&file).expect("read");
    let version = text
        .lines()
        .find(|l| l.starts_with("version = "))
        .expect("a version")
        .to_owned();
    let mut parts: Vec<String> = text
        .split("[[sections.questions]]\n")
        .filter(|part| !part.starts_with("id = \"victim-referral\""))
        .map(|part| {
            if part.starts_with("id = \"forensic-readiness\"") {
                part.replace("value = \"tools\"", "value = \"toolset\"")
            } else {
                part.to_owned()
            }
        })
        .collect();
    parts[0] = parts[0].replacen(&version, "version = \"9.9.9\"", 1);
    std::fs::write(&file, parts.join("[[sections.questions]]\n")).expect("write");
    dir
}

#[tokio::test]
async fn taking_the_offer_carries_the_answers_and_lists_what_needs_a_fresh_answer() {
    const COOPERATION: &str = "csirt-le-cooperation-csirt";
    let dir = newer_cooperation();
    let app = spawn_app_with(TestDb::sqlite(), |s| {
        s.questionnaires_dir = dir.path().to_path_buf();
    })
    .await;
    // Last year's round answered the shipped version, which the app no longer loads.
    let old = questionnaire(COOPERATION);
    let given = every_answer(old, 1.0, "AT");
    assert!(given.contains_key("forensic-readiness") && given.contains_key("victim-referral"));
    let earlier = earlier_round(&app, "Cooperation 2025", COOPERATION, given.clone());
    let next = next_round(&app, COOPERATION, earlier).await;
    let campaign = app.campaign_json(next).await;
    assert_eq!(campaign["questionnaires"][0]["version"], "9.9.9");
    assert_eq!(campaign["follows"], earlier);

    let r = invited(&app, next, TEAM).await;
    let taken = take_offer(&r, "earlier").await;
    assert_eq!(taken.status(), 303);
    assert_eq!(location(&taken), format!("{}/carried", r.path));

    let mut expected = old.visible_answers(&given);
    expected.remove("victim-referral");
    // "individuals" is still an option, but the question's options changed.
    expected.remove("forensic-readiness");
    assert_eq!(stored_answers(&app, next), expected);

    let carried = r.text("/carried").await;
    assert!(
        carried.contains(&format!("id=\"carried-number\">{}<", expected.len())),
        "{carried}"
    );
    let removed = carried
        .split("id=\"fresh-victim-referral\"")
        .nth(1)
        .expect("the removed question is listed");
    assert!(
        removed
            .split("</li>")
            .next()
            .is_some_and(|li| li.contains("no longer asked"))
    );
    let changed = carried
        .split("id=\"fresh-forensic-readiness\"")
        .nth(1)
        .expect("the changed question is listed");
    let changed = changed.split("</li>").next().unwrap_or_default();
    assert!(changed.contains("asked differently now"), "{changed}");
    assert!(
        changed.contains(&format!("href=\"{}/s/", r.path)),
        "a link to its section"
    );

    // Answers exist now: no offer, and taking it again changes nothing.
    let welcome = r.text("").await;
    assert!(!welcome.contains(OFFER));
    assert!(welcome.contains("id=\"start\""));
    let again = take_offer(&r, "earlier").await;
    assert_eq!(again.status(), 409);
    assert!(
        again
            .text()
            .await
            .expect("a body")
            .contains("id=\"already-started\"")
    );
    assert_eq!(stored_answers(&app, next), expected);
}

#[tokio::test]
async fn starting_from_scratch_leaves_the_response_empty() {
    let app = spawn_app().await;
    let answers = every_answer(questionnaire(MATURITY), 2.0, "AT");
    let earlier = earlier_round(&app, "Maturity 2025", MATURITY, answers);
    let next = next_round(&app, MATURITY, earlier).await;
    let r = invited(&app, next, TEAM).await;
    let scratch = take_offer(&r, "scratch").await;
    assert_eq!(scratch.status(), 303);
    assert_eq!(location(&scratch), format!("{}/s/1", r.path));
    assert!(stored_answers(&app, next).is_empty());
    // Nothing is saved, so the choice stays open.
    assert!(r.text("").await.contains(OFFER));
}

#[tokio::test]
async fn the_offer_cannot_be_taken_once_answers_are_saved() {
    let app = spawn_app().await;
    let answers = every_answer(questionnaire(MATURITY), 2.0, "AT");
    let earlier = earlier_round(&app, "Maturity 2025", MATURITY, answers);
    let next = next_round(&app, MATURITY, earlier).await;
    let r = invited(&app, next, TEAM).await;
    assert_eq!(r.answer_levels(1, "4", "save").await.status(), 303);
    let saved = stored_answers(&app, next);
    assert!(!saved.is_empty());
    assert!(!r.text("").await.contains(OFFER));
    let refused = take_offer(&r, "earlier").await;
    assert_eq!(refused.status(), 409);
    assert_eq!(stored_answers(&app, next), saved, "nothing saved is lost");
}
