//! The division of duties tallied from hand-made matrix answers of two audiences.

use crate::participants::OrganisationKind;
use crate::reports::data::Questionnaires;
use crate::storage::report_rows::{CampaignRows, ResponseRow};

use super::Sod;

fn questionnaire(id: &str, audience: &str) -> crate::questionnaire::Questionnaire {
    crate::questionnaire::fixtures::matrix_questionnaire(id, audience)
}

fn questionnaires() -> Questionnaires {
    Questionnaires::from([
        (
            ("side-csirt".into(), "1".into()),
            questionnaire("side-csirt", "csirt"),
        ),
        (
            ("side-lea".into(), "1".into()),
            questionnaire("side-lea", "lea"),
        ),
    ])
}

/// In AT a CSIRT and a police unit; the CSIRT answers twice, and its later answer counts.
fn rows() -> CampaignRows {
    let mut rows = CampaignRows::default();
    let answers: [(i64, i64, OrganisationKind, &str, &str); 3] = [
        (
            1,
            1,
            OrganisationKind::Csirt,
            "side-csirt",
            r#"{"cells":{"collect":{"csirt":"no_role"}}}"#,
        ),
        (
            2,
            2,
            OrganisationKind::Lea,
            "side-lea",
            r#"{"cells":{"collect":{"csirt":"no_role","court":"dont_know"}}}"#,
        ),
        (
            3,
            1,
            OrganisationKind::Csirt,
            "side-csirt",
            r#"{"cells":{"collect":{"csirt":"responsible","court":"no_role"}}}"#,
        ),
    ];
    let a = &mut rows.answers;
    a.question_texts = vec!["sod".to_owned()];
    for (response, organisation, audience, questionnaire, value) in answers {
        rows.responses.push(ResponseRow {
            response_id: response,
            organisation_id: organisation,
            organisation: format!("Body {organisation}"),
            country: "AT".into(),
            audience,
            questionnaire_id: questionnaire.into(),
            questionnaire_version: "1".into(),
            submitted_at: None,
        });
        a.response_ids.push(response);
        a.question_ids.push(0);
        a.values.push(a.value_texts.len() as u32);
        a.value_texts.push(value.to_owned());
    }
    rows
}

#[test]
fn each_side_is_compared_with_the_reference_and_with_the_other_side() {
    let sod = Sod::of(&rows(), &questionnaires(), 1);
    let cell = |audience: &str, actor: &str| {
        sod.cells
            .iter()
            .find(|c| c.audience == audience && c.duty == "collect" && c.actor == actor)
            .unwrap_or_else(|| panic!("no {audience} {actor} cell in {:?}", sod.cells))
    };
    // The CSIRT's later answer counts, once.
    let csirt = cell("csirt", "csirt");
    assert_eq!(
        (csirt.organisations, csirt.counts.clone()),
        (1, vec![1, 0, 0])
    );
    assert_eq!(csirt.agrees_with_reference(), Some(true));
    assert_eq!(cell("lea", "csirt").agrees_with_reference(), Some(false));
    // "Don't know" names no role, so it is compared with nothing.
    assert_eq!(cell("lea", "court").modal, None);
    assert_eq!(sod.disagreements.len(), 1, "{:?}", sod.disagreements);
    let d = &sod.disagreements[0];
    assert_eq!(
        (d.country.as_str(), d.duty.as_str(), d.actor.as_str()),
        ("AT", "Collecting", "CSIRT")
    );
    assert_eq!(
        d.views,
        [
            ("CSIRTs".to_owned(), "responsible".to_owned()),
            ("Law enforcement".to_owned(), "no role".to_owned())
        ]
    );
    assert_eq!(d.advice.as_deref(), Some("Agree who collects."));
    let (_, columns, shares) = sod.shares();
    assert_eq!(columns[0], "CSIRT ~ reference");
    assert_eq!(
        shares[0][0],
        Some(0.5),
        "one of the two sides matches the reference"
    );
    assert_eq!(shares[0][2], Some(0.0), "the two sides of AT disagree");
}

#[test]
fn below_k_nothing_of_a_side_shows() {
    let sod = Sod::of(&rows(), &questionnaires(), 2);
    assert!(sod.cells.iter().all(|c| c.suppressed && c.modal.is_none()));
    assert!(sod.disagreements.is_empty());
    let csv = String::from_utf8(sod.csv("# TLP:GREEN")).expect("utf-8");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[1],
        "country,audience,phase,duty,actor,organisations,responsible,no_role,dont_know,most_chosen,reference_role,agrees_with_reference,suppressed"
    );
    assert_eq!(lines[2], "AT,csirt,during,collect,court,,,,,,false,,true");
}

#[test]
fn a_campaign_without_the_duties_has_no_files() {
    let sod = Sod::of(&CampaignRows::default(), &Questionnaires::new(), 1);
    assert!(sod.is_empty());
    let dir = tempfile::tempdir().expect("a folder");
    let title = crate::reports::charts::ChartTitle {
        campaign: "C".to_owned(),
        tlp: "GREEN".to_owned(),
        n: 0,
        subject: "x".to_owned(),
        k: 1,
        provenance: String::new(),
    };
    assert!(
        sod.write("# TLP", &title, dir.path())
            .expect("nothing to write")
            .is_empty()
    );
}
