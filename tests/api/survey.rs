//! The respondent's pages over HTTP: from the welcome page to the result.

mod refused;

use liaison::mail::OutboxKind;
use liaison::storage::{outbox, responses};

use crate::helpers::{TestApp, first_values, shipped_questionnaires, spawn_app, spawn_app_with};
use crate::respondent::{Respondent, field_names, invite};
use crate::test_db::TestDb;

const MATURITY: &[&str] = &["csirt-maturity"];
const COOPERATION: &[&str] = &["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"];

pub(crate) async fn stored_answers(
    app: &TestApp,
    r: &Respondent,
) -> liaison::questionnaire::Answers {
    let mut conn = app.db.conn();
    let response = liaison::storage::invitations::campaign_invitations(&mut conn, r.campaign)
        .expect("invitations")
        .into_iter()
        .find_map(|s| responses::find_for_invitation(&mut conn, s.invitation.id).expect("lookup"))
        .expect("a response");
    responses::load_answers(&mut conn, response.id).expect("answers")
}

#[tokio::test]
async fn the_welcome_page_says_what_the_survey_is_for_whom_how_long_and_under_which_tlp() {
    let app = spawn_app().await;
    let r = invite(&app, MATURITY, "csirt", "en").await;
    let response = r.get("").await;
    assert_eq!(response.status(), 200);
    let html = response.text().await.expect("html");
    for expected in [
        "CSIRT maturity self-assessment",
        "Duty Desk",
        "about 45 minutes",
        "TLP:AMBER",
        "What happens to your answers",
        "id=\"start\"",
    ] {
        assert!(html.contains(expected), "missing {expected}");
    }
    // Names come from participants and analysts: shown, never interpreted.
    assert!(
        html.contains("Maturity &#60;b&#62;2027&#60;/b&#62;")
            || html.contains("Maturity &lt;b&gt;2027&lt;/b&gt;"),
        "campaign name not escaped"
    );
    assert!(
        html.contains("Team &#60;i&#62;X&#60;/i&#62;")
            || html.contains("Team &lt;i&gt;X&lt;/i&gt;")
    );
}

#[tokio::test]
async fn every_question_kind_renders_labelled_and_grouped() {
    let app = spawn_app().await;
    let r = invite(&app, COOPERATION, "csirt", "en").await;
    let mut all = String::new();
    for n in 1..=7 {
        let html = r.text(&format!("/s/{n}")).await;
        assert!(
            html.contains(&format!("Section {n} of 7")),
            "progress on section {n}"
        );
        assert_eq!(
            html.matches("<fieldset").count(),
            html.matches("<legend").count()
        );
        all.push_str(&html);
    }
    for control in [
        "type=\"radio\"",
        "type=\"checkbox\"",
        "<textarea",
        "<select",
        "inputmode=\"decimal\"",
        "<table class=\"matrix\"",
    ] {
        assert!(all.contains(control), "no {control} rendered");
    }
    // Every single field has a label pointing at it.
    for part in all.split("id=\"q-").skip(1) {
        let id = part.chars().take_while(|c| *c != '"').collect::<String>();
        let is_field = part
            .split('>')
            .next()
            .is_some_and(|tag| tag.contains("name=\"q."));
        if is_field && !id.ends_with("-error") && !id.ends_with("-help") {
            assert!(
                all.contains(&format!("for=\"q-{id}\"")),
                "no label for q-{id}"
            );
        }
    }
}

#[tokio::test]
async fn answers_are_saved_on_every_page_and_the_same_link_resumes_at_the_first_unanswered_section()
{
    let app = spawn_app().await;
    let r = invite(&app, MATURITY, "csirt", "en").await;
    let next = r.answer_levels(1, "2", "next").await;
    assert_eq!(next.status(), 303);
    assert_eq!(next.headers()["location"], format!("{}/s/2", r.path));
    let saved = r.answer_levels(2, "3", "save").await;
    assert_eq!(saved.headers()["location"], r.path);
    let welcome = r.text("").await;
    assert!(welcome.contains("id=\"saved-notice\""));
    assert!(
        !r.text("").await.contains("id=\"saved-notice\""),
        "the notice shows once"
    );
    assert!(
        welcome.contains(&format!("href=\"{}/s/3\"", r.path)),
        "resumes at section 3"
    );
    assert_eq!(stored_answers(&app, &r).await.len(), 18);
    let again = r.text("/s/2").await;
    assert_eq!(
        again.matches("\" checked>").count(),
        7,
        "section 2 shows its stored answers"
    );
}

#[tokio::test]
async fn a_missing_required_answer_is_shown_beside_its_field_and_in_a_summary_and_nothing_else_is_lost()
 {
    let app = spawn_app().await;
    let r = invite(&app, MATURITY, "csirt", "en").await;
    let html = r.text("/s/1").await;
    let names = field_names(&html);
    let mut fields: Vec<(&str, &str)> = names.iter().skip(1).map(|n| (n.as_str(), "3")).collect();
    fields.push(("action", "next"));
    let refused = r.post("/s/1", &fields).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("html");
    assert!(html.contains("id=\"error-summary\""));
    assert!(html.contains("id=\"q-O-1-error\""));
    assert!(html.contains("aria-describedby=\"q-O-1-help q-O-1-error\""));
    assert!(
        html.contains("href=\"#q-O-1-0\""),
        "the summary links to the field"
    );
    assert_eq!(
        html.matches("\" checked>").count(),
        names.len() - 1,
        "the other answers stay chosen"
    );
}

#[tokio::test]
async fn a_number_out_of_range_is_refused_with_what_was_typed() {
    let app = spawn_app().await;
    let r = invite(&app, COOPERATION, "csirt", "en").await;
    let refused = r
        .post(
            "/s/1",
            &[
                ("q.country", "AT"),
                ("q.team-size", "-3"),
                ("action", "next"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("html");
    assert!(html.contains("id=\"q-team-size-error\""));
    assert!(
        html.contains("value=\"-3\""),
        "the typed value is shown again"
    );
    assert!(
        html.contains("value=\"AT\" selected"),
        "the country stays chosen"
    );
}

#[tokio::test]
async fn answers_to_questions_hidden_by_show_if_are_discarded() {
    let app = spawn_app().await;
    let r = invite(&app, COOPERATION, "csirt", "en").await;
    let html = r.text("/s/3").await;
    assert!(
        !html.contains("q.agreement-scope"),
        "hidden until there is an agreement"
    );
    let mut fields: Vec<(String, String)> = first_values(&html);
    fields.retain(|(n, _)| n != "q.written-agreement");
    fields.push(("q.written-agreement".into(), "none".into()));
    fields.push(("q.agreement-scope".into(), "handling".into()));
    fields.push(("action".into(), "next".into()));
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    assert_eq!(r.post("/s/3", &borrowed).await.status(), 303);
    let stored = stored_answers(&app, &r).await;
    assert!(stored.contains_key("written-agreement"));
    assert!(!stored.contains_key("agreement-scope"));
    let shown = r
        .post(
            "/s/3",
            &[("q.written-agreement", "formal"), ("action", "next")],
        )
        .await;
    assert_eq!(
        shown.status(),
        422,
        "the scope question appears and is required"
    );
    assert!(
        shown
            .text()
            .await
            .expect("html")
            .contains("q.agreement-scope")
    );
}

async fn answer_everything(r: &Respondent) {
    for n in 1..=4 {
        assert_eq!(
            r.answer_levels(n, "4", "next").await.status(),
            303,
            "section {n}"
        );
    }
}

#[tokio::test]
async fn submitting_makes_the_response_final_and_queues_a_receipt() {
    let app = spawn_app().await;
    let r = invite(&app, MATURITY, "csirt", "en").await;
    answer_everything(&r).await;
    let review = r.text("/review").await;
    assert!(review.contains("id=\"submit\""));
    assert!(
        review.contains(&format!("href=\"{}/s/1\"", r.path)),
        "links back to each section"
    );
    let submitted = r.post("/submit", &[]).await;
    assert_eq!(submitted.status(), 303);
    assert_eq!(
        submitted.headers()["location"],
        format!("{}/result", r.path)
    );
    let receipt_note = "A confirmation is on its way to your mailbox.";
    assert!(r.text("/result").await.contains(receipt_note));
    assert!(
        !r.text("/result").await.contains(receipt_note),
        "shown once"
    );
    let before = stored_answers(&app, &r).await;
    let second = r.post("/submit", &[]).await;
    assert_eq!(second.status(), 409);
    assert!(
        second
            .text()
            .await
            .expect("html")
            .contains("id=\"already-submitted\"")
    );
    let later = r.answer_levels(1, "0", "next").await;
    assert_eq!(later.status(), 409);
    assert!(
        later
            .text()
            .await
            .expect("html")
            .contains("id=\"already-submitted\"")
    );
    assert_eq!(stored_answers(&app, &r).await, before, "nothing changed");
    let mut conn = app.db.conn();
    let receipts: Vec<_> = outbox::list(&mut conn, None)
        .expect("outbox")
        .into_iter()
        .filter(|m| m.kind == OutboxKind::Receipt)
        .collect();
    assert_eq!(receipts.len(), 1);
    assert!(
        receipts[0]
            .text_to_send()
            .contains(&format!("{}/result", r.path))
    );
}

#[tokio::test]
async fn the_result_shows_tier_means_gaps_recommendations_table_source_and_a_radar_png() {
    let app = spawn_app().await;
    let r = invite(&app, MATURITY, "csirt", "en").await;
    for n in 1..=4 {
        r.answer_levels(n, "2", "next").await;
    }
    r.post("/submit", &[]).await;
    let html = r.text("/result").await;
    assert!(
        html.contains("id=\"tier\">Basic<"),
        "all at 2 is basic under the baseline"
    );
    for expected in [
        "Organisation",
        "Processes",
        "2.0",
        "project baseline",
        "What stands between you and the next tier",
        "Recommendations",
        "id=\"radar\"",
    ] {
        assert!(html.contains(expected), "missing {expected}");
    }
    let png = r.get("/radar.png").await;
    assert_eq!(png.headers()["content-type"], "image/png");
    let bytes = png.bytes().await.expect("bytes");
    assert!(bytes.len() > 5_000 && bytes.starts_with(b"\x89PNG"));
    assert_eq!(
        r.text("").await,
        "",
        "the welcome page now redirects to the result"
    );
}

#[tokio::test]
async fn a_german_participant_gets_german_pages_and_can_switch_language() {
    let app = spawn_app().await;
    let r = invite(&app, COOPERATION, "csirt", "de").await;
    let html = r.text("/s/1").await;
    assert!(html.contains("lang=\"de\""));
    assert!(html.contains("Abschnitt 1 von 7"));
    assert!(html.contains("class=\"language-switch\""));
    assert!(html.contains("?lang=en"));
    let english = r.text("/s/1?lang=en").await;
    assert!(english.contains("Section 1 of 7"));
    assert!(
        r.text("/s/2").await.contains("Section 2 of 7"),
        "the choice is remembered"
    );
}

#[tokio::test]
async fn unknown_revoked_and_closed_links_all_get_the_same_404() {
    let app = spawn_app().await;
    let revoked = invite(&app, MATURITY, "csirt", "en").await;
    let email = format!("desk-{}@csirt.example.org", revoked.campaign);
    app.post_api(
        &format!("/campaigns/{}/invitations/revoke", revoked.campaign),
        serde_json::json!({"email": email}),
    )
    .await;
    let closed = invite(&app, MATURITY, "csirt", "en").await;
    app.post_api(
        &format!("/campaigns/{}/close", closed.campaign),
        serde_json::json!(null),
    )
    .await;
    let unknown = crate::helpers::client()
        .get(format!("{}/r/no-such-token", app.address))
        .send()
        .await
        .expect("sent");
    assert_eq!(unknown.status(), 404);
    let unknown = unknown.text().await.expect("html");
    for r in [&revoked, &closed] {
        let response = r.get("").await;
        assert_eq!(response.status(), 404);
        assert_eq!(response.text().await.expect("html"), unknown);
        assert_eq!(r.get("/s/1").await.status(), 404);
    }
}

#[tokio::test]
async fn a_form_without_its_csrf_token_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let r = invite(&app, MATURITY, "csirt", "en").await;
    r.text("/s/1").await;
    let url = format!("{}{}/s/1", r.address, r.path);
    for token in [None, Some("forged")] {
        let mut fields = vec![("q.O-1", "4"), ("action", "next")];
        if let Some(token) = token {
            fields.push(("csrf_token", token));
        }
        let refused = r
            .client
            .post(&url)
            .form(&fields)
            .send()
            .await
            .expect("sent");
        assert_eq!(refused.status(), 403, "token {token:?}");
    }
    let mut conn = app.db.conn();
    let started = liaison::storage::invitations::campaign_invitations(&mut conn, r.campaign)
        .expect("invitations")
        .into_iter()
        .filter_map(|s| responses::find_for_invitation(&mut conn, s.invitation.id).expect("lookup"))
        .count();
    assert_eq!(started, 0, "no response was started");
}

/// The shipped maturity questionnaire with a tier table whose intermediate and advanced
/// tiers each tolerate seven shortfalls (one whole SIM3 category).
fn tolerant_questionnaires() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a folder");
    let from = shipped_questionnaires().join("csirt-maturity");
    let to = dir.path().join("csirt-maturity");
    std::fs::create_dir(&to).expect("a questionnaire folder");
    for file in ["questionnaire.toml", "recommendations.toml"] {
        std::fs::copy(from.join(file), to.join(file)).expect("copied");
    }
    let tiers = std::fs::read_to_string(from.join("tiers.toml")).expect("tiers.toml");
    let mut seen = 0;
    let tolerant: Vec<String> = tiers
        .lines()
        .map(|line| {
            if line.trim() == "tolerance = 0" {
                seen += 1;
                if seen > 1 {
                    return "tolerance = 7".to_owned();
                }
            }
            line.replace(
                "source = \"project baseline\"",
                "source = \"tolerant test table\"",
            )
        })
        .collect();
    assert_eq!(seen, 3, "three tiers");
    std::fs::write(to.join("tiers.toml"), tolerant.join("\n")).expect("written");
    dir
}

/// Submits the maturity questionnaire with the human parameters at `human`, the others at `rest`.
async fn submit_with_human_at(
    r: &crate::respondent::Respondent,
    human: &str,
    rest: &str,
) -> String {
    for (n, level) in [(1, rest), (2, human), (3, rest), (4, rest)] {
        r.answer_levels(n, level, "next").await;
    }
    r.post("/submit", &[]).await;
    r.text("/result").await
}

#[tokio::test]
async fn a_tier_reached_with_tolerance_lists_the_minimums_it_let_pass_and_the_gaps_still_show() {
    let questionnaires = tolerant_questionnaires();
    let app = spawn_app_with(TestDb::sqlite(), |s| {
        s.questionnaires_dir = questionnaires.path().to_path_buf();
    })
    .await;
    // Human at 2, the rest at 4: advanced misses all seven H minimums of 3, which it tolerates.
    let top = invite(&app, MATURITY, "csirt", "en").await;
    let html = submit_with_human_at(&top, "2", "4").await;
    assert!(html.contains("id=\"tier\">Advanced<"), "{html}");
    assert!(html.contains("tolerant test table"));
    assert!(
        !html.contains("You meet every minimum"),
        "a tolerated shortfall is not a met minimum: {html}"
    );
    assert!(html.contains("Reached with tolerance"), "{html}");
    let rows = html
        .split("id=\"tolerated\"")
        .nth(1)
        .expect("the tolerated table");
    for n in 1..=7 {
        let row = format!("<th scope=\"row\">H-{n} ");
        let at = rows
            .find(&row)
            .unwrap_or_else(|| panic!("H-{n} listed: {html}"));
        assert!(
            rows[at..].contains("</th><td>2</td><td>3</td><td>Advanced</td>"),
            "H-{n} at 2, minimum 3, for advanced"
        );
    }
    assert!(
        !rows.contains("O-1 "),
        "only the parameters short are listed"
    );
    // Human at 1, the rest at 3: intermediate tolerates its seven H minimums of 2, advanced
    // misses more than seven; the gaps to advanced show.
    let middle = invite(&app, MATURITY, "csirt", "en").await;
    let html = submit_with_human_at(&middle, "1", "3").await;
    assert!(html.contains("id=\"tier\">Intermediate<"), "{html}");
    assert!(html.contains("What stands between you and the next tier: Advanced"));
    let gaps = html.split("class=\"gaps\"").nth(1).expect("the gap table");
    assert!(
        gaps.contains("H-1 "),
        "the gap list shows the human parameters: {html}"
    );
    let rows = html
        .split("id=\"tolerated\"")
        .nth(1)
        .expect("the tolerated table");
    assert!(
        rows.contains("</th><td>1</td><td>2</td><td>Intermediate</td>"),
        "{html}"
    );
}
