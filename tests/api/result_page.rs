//! What a respondent keeps of their result: a page that prints cleanly and their answers
//! as a CSV file. The peer comparison has its own file.

mod peers;
mod sharing;

use liaison::ids::InvitationId;
use liaison::questionnaire::Answer;
use liaison::storage::invitations::campaign_invitations;
use liaison::storage::responses::load_answers;

use crate::fixtures::{ResponseBuilder, every_answer, questionnaire};
use crate::helpers::{TestApp, client, spawn_app, spawn_app_on};
use crate::respondent::{Respondent, invite};
use crate::test_db::TestDb;

const COOPERATION: &[&str] = &["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"];

/// The respondent's own invitation: the only one of the campaign `invite` made.
pub fn invitation_of(app: &TestApp, r: &Respondent) -> InvitationId {
    let mut conn = app.db.conn();
    let all = campaign_invitations(&mut conn, r.campaign).expect("invitations");
    assert_eq!(all.len(), 1);
    InvitationId(all[0].invitation.id)
}

/// The rules of the stylesheet's `@media print` block.
fn print_block(css: &str) -> &str {
    let start = css.find("@media print {").expect("a print stylesheet") + "@media print {".len();
    let mut depth = 1;
    for (i, c) in css[start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            return &css[start..start + i];
        }
    }
    panic!("an unclosed print block")
}

#[tokio::test]
async fn the_print_stylesheet_hides_navigation_language_switch_buttons_and_skip_link() {
    let app = spawn_app().await;
    let css = app
        .get("/static/liaison.css")
        .await
        .text()
        .await
        .expect("css");
    let print = print_block(&css);
    let hidden = &print[..print.find('}').expect("a first rule")];
    assert!(hidden.contains("display: none"), "{hidden}");
    for selector in [
        ".skip-link",
        "nav",
        ".language-switch",
        ".actions",
        "button",
        ".button",
    ] {
        assert!(
            hidden
                .lines()
                .any(|l| l.trim().trim_end_matches([',', '{']).trim() == selector),
            "{selector} is not hidden in print: {hidden}"
        );
    }
    // What the page is for stays, colours included where they carry the meaning.
    assert!(print.contains("print-color-adjust: exact"));
    assert!(!print.contains(".radar,\n  .recommendation {\n    display: none"));

    // The result page puts what must not print where the stylesheet hides it.
    let r = invite(&app, &["csirt-maturity"], "csirt", "en").await;
    for n in 1..=4 {
        r.answer_levels(n, "2", "next").await;
    }
    r.post("/submit", &[]).await;
    let html = r.text("/result").await;
    assert!(html.contains("<a class=\"skip-link\""));
    assert!(html.contains("<nav class=\"language-switch\""));
    assert!(html.contains("<p class=\"actions\"><a class=\"button\" id=\"download-answers\""));
    for kept in ["id=\"tier\"", "id=\"radar\"", "class=\"recommendation\""] {
        assert!(html.contains(kept), "missing {kept}");
    }
}

#[tokio::test]
async fn a_submitted_response_downloads_its_answers_as_displayed_with_formulas_neutralised() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let r = invite(&app, COOPERATION, "csirt", "en").await;
        let q = questionnaire("csirt-le-cooperation-csirt");
        let mut answers = every_answer(q, 2.0, "AT");
        answers.insert(
            "context-comment".to_owned(),
            Answer::Text("=HYPERLINK(\"http://x.example\")".to_owned()),
        );
        let stored = {
            let mut conn = app.db.conn();
            let id =
                ResponseBuilder::submitted(answers).build(&mut conn, invitation_of(&app, &r), q);
            // Saving drops the answers to questions `show_if` hides.
            load_answers(&mut conn, id.get()).expect("answers").len()
        };
        let html = r.text("/result").await;
        assert!(html.contains("href=\"/r/"), "{html}");
        assert!(html.contains("/answers.csv\" download>Download your answers (CSV)</a>"));

        let response = r.get("/answers.csv").await;
        assert_eq!(response.status(), 200);
        let header = |name: &str| response.headers()[name].to_str().expect("ascii").to_owned();
        assert_eq!(header("content-type"), "text/csv; charset=utf-8");
        assert_eq!(header("x-content-type-options"), "nosniff");
        assert_eq!(header("cache-control"), "no-store");
        let disposition = header("content-disposition");
        assert_eq!(
            disposition,
            "attachment; filename=\"answers-TLP-AMBER.csv\""
        );
        let token = r.path.trim_start_matches("/r/");
        assert!(!disposition.contains(token));
        let csv = response.text().await.expect("csv");
        let lines: Vec<&str> = csv.lines().collect();
        assert!(lines[0].starts_with("# TLP:AMBER — "), "{}", lines[0]);
        assert_eq!(lines[1], "section,question_id,question,answer");
        // One row per answered visible question.
        assert_eq!(lines.len() - 2, stored, "{csv}");
        // The text a spreadsheet would run is written as text.
        let comment = lines
            .iter()
            .find(|l| l.contains(",context-comment,"))
            .expect("the comment row");
        assert!(
            comment.ends_with(",\"'=HYPERLINK(\"\"http://x.example\"\")\""),
            "{comment}"
        );
        let question = q.question("context-comment").expect("a question");
        assert!(comment.contains(question.text().get("en")));
        // Answers as the review page shows them.
        let country = lines
            .iter()
            .find(|l| l.contains(",country,"))
            .expect("the country row");
        assert!(country.ends_with(",AT"), "{country}");
    }
}

#[tokio::test]
async fn a_draft_an_unstarted_link_and_an_unknown_token_get_the_same_404_for_answers_csv() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let unknown = client()
            .get(format!("{}/r/no-such-token/answers.csv", app.address))
            .send()
            .await
            .expect("sent");
        assert_eq!(unknown.status(), 404);
        let refusal = unknown.text().await.expect("html");
        assert!(refusal.contains("<html"), "an HTML page");

        let unstarted = invite(&app, &["csirt-maturity"], "csirt", "en").await;
        let draft = invite(&app, &["csirt-maturity"], "csirt", "en").await;
        draft.answer_levels(1, "2", "next").await;
        for r in [&unstarted, &draft] {
            let response = r.get("/answers.csv").await;
            assert_eq!(response.status(), 404);
            assert!(response.headers().get("content-disposition").is_none());
            assert_eq!(response.text().await.expect("html"), refusal);
        }
    }
}

#[tokio::test]
async fn the_result_page_shows_the_division_of_duties_beside_the_reference() {
    let app = spawn_app().await;
    let r = invite(&app, COOPERATION, "csirt", "en").await;
    let q = questionnaire("csirt-le-cooperation-csirt");
    // "Responsible" in every cell: a role wherever ENISA's matrix has none differs.
    let answers = every_answer(q, 2.0, "AT");
    {
        let mut conn = app.db.conn();
        ResponseBuilder::submitted(answers).build(&mut conn, invitation_of(&app, &r), q);
    }
    let html = r.text("/result").await;
    for section in ["sod-prior", "sod-during", "sod-after"] {
        assert!(
            html.contains(&format!("id=\"duties-{section}\"")),
            "{section}"
        );
    }
    assert!(html.contains("Who does what: your answers beside the reference"));
    assert!(html.contains("ENISA, An overview on enhancing technical cooperation"));
    assert!(html.contains("(indicative examples)"));
    // Judging who committed a crime is the judge's alone in ENISA's matrix.
    let row = html
        .split("<tr>")
        .find(|row| row.contains("Judging who committed"))
        .expect("the judgement row");
    assert_eq!(row.matches("class=\"differs\"").count(), 3, "{row}");
    assert_eq!(row.matches("reference: a role").count(), 1, "{row}");
}

#[tokio::test]
async fn nis2_answers_are_read_against_the_organisations_sim3_levels_with_inconsistencies_flagged()
{
    let app = spawn_app().await;
    let nis2 = invite(&app, &["nis2-csirt"], "csirt", "en").await;
    let q = questionnaire("nis2-csirt");
    {
        let mut conn = app.db.conn();
        let claimed = every_answer(q, 4.0, "AT");
        ResponseBuilder::submitted(claimed).build(&mut conn, invitation_of(&app, &nis2), q);
    }
    let before = nis2.text("/result").await;
    assert!(
        before.contains("id=\"mapped-none\""),
        "no SIM3 response yet"
    );
    // The requirements are level parameters: the team may ask for a peer review.
    assert!(before.contains("id=\"peer-consent-form\""), "{before}");

    // The same organisation's SIM3 self-assessment, in another campaign, at level 0.
    let sim3 = invite(&app, &["csirt-maturity"], "csirt", "en").await;
    let maturity = questionnaire("csirt-maturity");
    {
        let mut conn = app.db.conn();
        let absent = every_answer(maturity, 0.0, "AT");
        ResponseBuilder::submitted(absent).build(&mut conn, invitation_of(&app, &sim3), maturity);
    }
    let html = nis2.text("/result").await;
    assert!(html.contains("Read against"), "{html}");
    assert!(
        html.contains("Liaison&#39;s own mapping")
            || html.contains("Liaison's own mapping")
            || html.contains("Liaison&#x27;s own mapping")
    );
    let row = html
        .split("<tr")
        .find(|row| row.contains("N11-1e "))
        .expect("the staffing requirement");
    assert!(row.contains("H-2 "), "{row}");
    assert!(
        row.contains("<strong>Inconsistent:</strong> answered as in place"),
        "{row}"
    );
}
