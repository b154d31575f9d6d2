//! The welcome page's offer to start from the organisation's last submitted answers: only
//! to an organisation that submitted in an earlier round, only while nothing is saved,
//! carrying answers by question id between two questionnaire versions.

use reqwest::header::LOCATION;

use super::{TEAM, earlier_round, invited, next_round, stored_answers};
use crate::fixtures::{MATURITY, every_answer, questionnaire};
use crate::helpers::{TestApp, shipped_questionnaires, spawn_app, spawn_app_with};
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

/// The only response of `TEAM` in `campaign`.
fn team_response(app: &TestApp, campaign: i64) -> i64 {
    use diesel::prelude::*;
    use liaison::storage::schema::{invitations, organisations, participants, responses};
    responses::table
        .inner_join(
            invitations::table.inner_join(participants::table.inner_join(organisations::table)),
        )
        .filter(participants::campaign_id.eq(campaign))
        .filter(organisations::name.eq(TEAM))
        .select(responses::id)
        .first(&mut *app.db.conn())
        .expect("the team's response")
}

/// Last round's note on O-1 and a file on O-2.
fn earlier_evidence(app: &TestApp, response: i64) {
    use liaison::storage::evidence::{NewEvidenceFile, insert_file, put_note};
    let mut conn = app.db.conn();
    let at = chrono::Utc::now().naive_utc();
    put_note(
        &mut conn,
        response,
        "O-1",
        "Mandate letter, 2024",
        false,
        at,
    )
    .expect("a note");
    let content = b"plain text evidence\n";
    insert_file(
        &mut conn,
        &NewEvidenceFile {
            response_id: response,
            question_id: "O-2",
            file_name: "constituency.txt",
            media_type: "text/plain",
            size_bytes: content.len() as i64,
            sha256: "5e1c6e0c4fd3a2c5b5e0f0d5a0b7a1c8d9e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6",
            content,
            uploaded_at: at,
        },
    )
    .expect("a file");
}

#[tokio::test]
async fn the_offer_brings_the_evidence_notes_and_the_files_only_when_ticked() {
    use liaison::storage::evidence::{files_of, notes_of};
    let app = spawn_app().await;
    let answers = every_answer(questionnaire(MATURITY), 2.0, "AT");
    let earlier = earlier_round(&app, "Maturity 2025", MATURITY, answers);
    earlier_evidence(&app, team_response(&app, earlier));
    for (with_files, files) in [(false, 0), (true, 1)] {
        let next = next_round(&app, MATURITY, earlier).await;
        let r = invited(&app, next, TEAM).await;
        let mut form = vec![("from", "earlier")];
        if with_files {
            form.push(("with_files", "yes"));
        }
        assert_eq!(r.post("/start", &form).await.status(), 303);
        let response = team_response(&app, next);
        let mut conn = app.db.conn();
        let notes = notes_of(&mut conn, response).expect("the notes");
        assert_eq!(notes.len(), 1, "with_files {with_files}");
        assert_eq!(
            (notes[0].question_id.as_str(), notes[0].note.as_str()),
            ("O-1", "Mandate letter, 2024")
        );
        let carried = files_of(&mut conn, response).expect("the files");
        assert_eq!(carried.len(), files, "with_files {with_files}");
        assert!(carried.iter().all(|f| f.question_id == "O-2"));
    }
}
