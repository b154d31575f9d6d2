//! The peer comparison on the result page: the median and Q1–Q3 of the respondent's
//! audience beside their scores and on their radar once k organisations have submitted,
//! a sentence saying why before that. k is 3 here, the default `privacy_k`.

use liaison::questionnaire::Questionnaire;

use super::invitation_of;
use crate::fixtures::{
    ParticipantBuilder, ResponseBuilder, every_answer, parameter_answers, questionnaire,
};
use crate::helpers::{TestApp, spawn_app_on};
use crate::respondent::{Respondent, invite};
use crate::test_db::TestDb;

const MATURITY: &str = "csirt-maturity";
const COOPERATION: &[&str] = &["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"];

fn maturity() -> &'static Questionnaire {
    questionnaire(MATURITY)
}

/// A respondent of a new maturity campaign who submitted every parameter at level 2.
fn submitted_at_two(app: &TestApp, r: &Respondent) {
    let mut conn = app.db.conn();
    ResponseBuilder::submitted(parameter_answers(maturity(), |_| "2")).build(
        &mut conn,
        invitation_of(app, r),
        maturity(),
    );
}

/// Adds a CSIRT participant `email` (its organisation named after the domain) to the
/// respondent's campaign with `response`.
fn peer(app: &TestApp, r: &Respondent, email: &str, response: ResponseBuilder) {
    let mut conn = app.db.conn();
    ParticipantBuilder::new(email)
        .response(response)
        .add_to(&mut conn, r.campaign, maturity());
}

fn at_four() -> ResponseBuilder {
    ResponseBuilder::submitted(parameter_answers(maturity(), |_| "4"))
}

const TOO_FEW: &str = "The comparison with your peers appears once at least 3 organisations of your type have submitted their answers";

#[tokio::test]
async fn peers_are_shown_from_k_organisations_and_explained_below_that() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let r = invite(&app, &[MATURITY], "csirt", "en").await;
        submitted_at_two(&app, &r);
        // One other organisation, answering through three people, and one draft.
        for desk in ["a", "b", "c"] {
            peer(&app, &r, &format!("{desk}@one.example.org"), at_four());
        }
        let draft = ResponseBuilder::draft(parameter_answers(maturity(), |_| "4"));
        peer(&app, &r, "desk@drafting.example.org", draft);
        let html = r.text("/result").await;
        assert!(html.contains(TOO_FEW), "{html}");
        assert!(html.contains("alt=\"Radar chart of your scores\""));
        assert!(!html.contains("class=\"peer-median\""));
        assert!(!html.contains("Peers&#39; median") && !html.contains("Peers' median"));
        let alone = r.get("/radar.png").await.bytes().await.expect("png");

        // The third organisation: k reached.
        peer(&app, &r, "desk@two.example.org", at_four());
        let html = r.text("/result").await;
        assert!(!html.contains(TOO_FEW), "{html}");
        assert!(html.contains("id=\"peers-title\">Among your peers<"));
        assert!(html.contains("alt=\"Radar chart of your scores — Median of your peers\""));
        // Responses 2, 4, 4, 4, 4 (one organisation counted once towards k, its three
        // responses each in the quartiles): Q1 4, median 4, Q3 4 for every category.
        let rows =
            html.matches("<td class=\"peer-median\">4.0</td><td class=\"peer-range\">4.0–4.0</td>");
        assert_eq!(rows.count(), 4, "{html}");
        // The wider table scrolls inside its own region on a narrow screen.
        assert!(html.contains("class=\"table-scroll\" role=\"region\" tabindex=\"0\""));
        let with_peers = r.get("/radar.png").await.bytes().await.expect("png");
        assert!(with_peers.starts_with(b"\x89PNG"));
        assert_ne!(alone, with_peers, "the peers' median is drawn on the radar");
    }
}

#[tokio::test]
async fn quartiles_are_interpolated_between_distinct_answers() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let r = invite(&app, &[MATURITY], "csirt", "en").await;
        submitted_at_two(&app, &r);
        let at_three = ResponseBuilder::submitted(parameter_answers(maturity(), |_| "3"));
        peer(&app, &r, "desk@three.example.org", at_three);
        peer(&app, &r, "desk@four.example.org", at_four());
        // 2, 3, 4: h = 2p, so Q1 2.5, median 3, Q3 3.5.
        let html = r.text("/result").await;
        let rows =
            html.matches("<td class=\"peer-median\">3.0</td><td class=\"peer-range\">2.5–3.5</td>");
        assert_eq!(rows.count(), 4, "{html}");
    }
}

#[tokio::test]
async fn a_cooperation_respondent_compares_dimensions_in_their_language() {
    let app = spawn_app_on(TestDb::sqlite()).await;
    let r = invite(&app, COOPERATION, "csirt", "de").await;
    let q = questionnaire(COOPERATION[0]);
    let answered = |level: f64| ResponseBuilder::submitted(every_answer(q, level, "AT"));
    {
        let mut conn = app.db.conn();
        answered(1.0).build(&mut conn, invitation_of(&app, &r), q);
    }
    let add = |email: &str, level: f64| {
        let mut conn = app.db.conn();
        ParticipantBuilder::new(email)
            .response(answered(level))
            .add_to(&mut conn, r.campaign, q);
    };
    add("desk@two.example.org", 2.0);
    let german = r.text("/result?lang=de").await;
    assert!(
        german.contains("sobald mindestens 3 Organisationen Ihrer Art"),
        "{german}"
    );
    add("desk@three.example.org", 3.0);
    let german = r.text("/result?lang=de").await;
    assert!(german.contains("Median der anderen"), "{german}");
    assert_eq!(
        german.matches("class=\"peer-median\"").count(),
        5,
        "{german}"
    );
}
