//! The report's radars against the result page's: same answers, same picture.

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::Utc;

use super::*;
use crate::participants::OrganisationKind;
use crate::questionnaire::{Answer, Answers, Catalogue, Kind, Questionnaire};
use crate::reports::data::{ReportSettings, build_from_rows};
use crate::scoring::assess;
use crate::storage::report_rows::{CampaignRows, ResponseRow};

const CAMPAIGN: &str = "Radars 2026";

fn shipped() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
        Catalogue::load(&dir).unwrap_or_else(|e| panic!("{e}"))
    })
}

fn questionnaire(id: &str) -> &'static Questionnaire {
    shipped()
        .get(id)
        .unwrap_or_else(|| panic!("{id} is shipped"))
}

/// An answer to every question, varied by position so the scores differ per spoke.
fn answers(q: &Questionnaire, seed: usize) -> Answers {
    q.questions()
        .enumerate()
        .map(|(i, question)| {
            let n = i + seed;
            let options = question.kind().options();
            let answer = match question.kind() {
                Kind::Level { .. } | Kind::Single { .. } => {
                    Answer::Choice(options[n % options.len()].value().to_owned())
                }
                Kind::Multi { .. } => {
                    Answer::Choices(vec![options[n % options.len()].value().to_owned()])
                }
                Kind::Scale { min, max, .. } => {
                    Answer::Number((min + (n as i64) % (max - min + 1)) as f64)
                }
                Kind::Number { min, .. } => Answer::Number(min.unwrap_or(0.0) + 1.0),
                Kind::Text { .. } => Answer::Text("Notes".to_owned()),
                Kind::Country => Answer::Choice("AT".to_owned()),
                Kind::Matrix(matrix) => Answer::Cells(
                    matrix
                        .rows()
                        .iter()
                        .map(|r| {
                            let cells = matrix
                                .columns()
                                .iter()
                                .map(|c| {
                                    (c.id().to_owned(), matrix.choices()[0].value().to_owned())
                                })
                                .collect();
                            (r.id().to_owned(), cells)
                        })
                        .collect(),
                ),
            };
            (question.id().to_owned(), answer)
        })
        .collect()
}

/// The rows storage would load for these responses, in its order (response id, question id).
fn rows(responses: &[(i64, &Questionnaire, &Answers)]) -> CampaignRows {
    let mut rows = CampaignRows::default();
    for (id, q, answers) in responses {
        rows.responses.push(ResponseRow {
            response_id: *id,
            organisation_id: *id,
            organisation: format!("Team {id}"),
            country: "AT".to_owned(),
            audience: OrganisationKind::Csirt,
            questionnaire_id: q.id().to_owned(),
            questionnaire_version: q.version().to_owned(),
            submitted_at: None,
        });
        let a = &mut rows.answers;
        for (question, answer) in answers.iter() {
            let value = serde_json::to_string(answer).unwrap_or_else(|e| panic!("{e}"));
            a.response_ids.push(*id);
            a.question_ids.push(intern(&mut a.question_texts, question));
            a.values.push(intern(&mut a.value_texts, &value));
        }
    }
    rows
}

fn intern(texts: &mut Vec<String>, text: &str) -> u32 {
    let at = texts.iter().position(|t| t == text).unwrap_or_else(|| {
        texts.push(text.to_owned());
        texts.len() - 1
    });
    u32::try_from(at).unwrap_or_else(|e| panic!("{e}"))
}

/// The radars a report draws of these responses, as (response id, radar).
fn report_radars_of(responses: &[(i64, &Questionnaire, &Answers)]) -> Vec<ReportRadar> {
    let questionnaires: Questionnaires = responses
        .iter()
        .map(|(_, q, _)| ((q.id().to_owned(), q.version().to_owned()), (*q).clone()))
        .collect();
    let settings = ReportSettings::new(CAMPAIGN, Tlp::Amber);
    let data = build_from_rows(&rows(responses), &questionnaires, settings, Utc::now())
        .unwrap_or_else(|e| panic!("{e}"));
    report_radars(&data, &questionnaires).unwrap_or_else(|e| panic!("{e}"))
}

/// What the result page draws for `answers`, in English.
fn result_page_radar(q: &Questionnaire, organisation: &str, answers: &Answers) -> Vec<u8> {
    let assessment = assess(q, q.default_tier_table(), answers);
    let heading = RadarHeading {
        campaign: CAMPAIGN,
        tlp: Tlp::Amber,
        organisation,
        questionnaire: q.title().get(REPORT_LANGUAGE),
        provenance: &crate::reports::Provenance::of([q]).line(),
    };
    respondent_radar_png(&heading, &RadarScores::of(q.model(), &assessment), "en")
        .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn the_report_draws_each_respondent_the_radar_of_their_result_page() {
    let maturity = questionnaire("csirt-maturity");
    let cooperation = questionnaire("csirt-le-cooperation-csirt");
    let (first, second) = (answers(maturity, 0), answers(cooperation, 2));
    let responses = [(7, maturity, &first), (9, cooperation, &second)];
    let radars = report_radars_of(&responses);
    assert_eq!(radars.len(), 2);
    assert!(matches!(radars[0].scores, RadarScores::Categories(ref c) if c.len() == 4));
    assert!(matches!(radars[1].scores, RadarScores::Dimensions(ref d) if d.len() == 5));

    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    write_radars(dir.path(), CAMPAIGN, Tlp::Amber, &radars, &|_, _| {})
        .unwrap_or_else(|e| panic!("{e}"));
    for (id, q, answers) in responses {
        let written = std::fs::read(radar_path(dir.path(), id)).unwrap_or_else(|e| panic!("{e}"));
        let page = result_page_radar(q, &format!("Team {id}"), answers);
        assert!(written == page, "response {id}: the two radars differ");
    }
}

#[test]
fn the_spokes_carry_the_scores_of_the_assessment() {
    let q = questionnaire("csirt-maturity");
    let answers = answers(q, 1);
    let radars = report_radars_of(&[(1, q, &answers)]);
    let assessment = assess(q, q.default_tier_table(), &answers);
    assert_eq!(radars[0].scores, RadarScores::of(q.model(), &assessment));
    let RadarScores::Categories(scores) = &radars[0].scores else {
        panic!("a maturity radar shows categories");
    };
    assert!(scores.iter().all(|(_, s)| s.is_some()), "{scores:?}");
    assert_eq!(
        RadarScores::Categories(scores.clone()).axes("de")[2].label,
        "Werkzeuge",
        "the result page names the spokes in the respondent's language"
    );
}

#[test]
fn the_radars_are_written_with_an_index_of_whose_each_is_and_progress_is_told() {
    let q = questionnaire("csirt-maturity");
    let answers = answers(q, 3);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let told = std::cell::RefCell::new(Vec::new());
    let radars = report_radars_of(&[(2, q, &answers), (3, q, &answers)]);
    let files = write_radars(dir.path(), CAMPAIGN, Tlp::Red, &radars, &|drawn, total| {
        told.borrow_mut().push((drawn, total));
    })
    .unwrap_or_else(|e| panic!("{e}"));

    let mut left: Vec<String> = std::fs::read_dir(dir.path().join(RADAR_FOLDER))
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{e}"));
    left.sort();
    assert_eq!(left, ["2.png", "3.png", "index.json"]);
    assert_eq!(files.len(), 3);
    let listed: Vec<i64> = built_radars(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|e| e.response_id)
        .collect();
    assert_eq!(listed, [2, 3]);
    let told = told.into_inner();
    assert_eq!(told.first(), Some(&(0, 2)));
    assert_eq!(told.last(), Some(&(2, 2)));
    let empty = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    assert!(built_radars(empty.path()).is_ok_and(|r| r.is_empty()));
}

#[test]
fn each_radar_names_the_model_or_tier_table_that_scored_it() {
    let maturity = questionnaire("csirt-maturity");
    let cooperation = questionnaire("csirt-le-cooperation-csirt");
    let (first, second) = (answers(maturity, 0), answers(cooperation, 2));
    let radars = report_radars_of(&[(7, maturity, &first), (9, cooperation, &second)]);
    assert!(radars[0].provenance.contains("tier table baseline"));
    assert!(
        radars[1]
            .provenance
            .contains("Liaison's own cooperation model")
    );
    // The line is drawn: another provenance gives another picture.
    let assessment = assess(maturity, maturity.default_tier_table(), &first);
    let draw = |provenance: &str| {
        let heading = RadarHeading {
            campaign: CAMPAIGN,
            tlp: Tlp::Amber,
            organisation: "Team",
            questionnaire: "Maturity",
            provenance,
        };
        respondent_radar_png(
            &heading,
            &RadarScores::of(maturity.model(), &assessment),
            "en",
        )
        .unwrap_or_else(|e| panic!("{e}"))
    };
    assert_ne!(draw(&radars[0].provenance), draw(""));
}
