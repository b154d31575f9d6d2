//! Perception gaps between three mirrored audiences: each pair compared over the facts
//! both were asked.

use std::path::PathBuf;

use super::*;
use crate::participants::OrganisationKind;
use crate::questionnaire::{Audience, Dimension, Sources, parse};
use crate::storage::report_rows::ResponseRow;

/// A cooperation questionnaire of `audience` mirroring `others`, one legal level question
/// per pair key in `keys` (the question id is the key).
fn mirrored(id: &str, audience: &str, others: &[&str], keys: &[&str]) -> Questionnaire {
    let others: Vec<String> = others.iter().map(|o| format!("\"{o}\"")).collect();
    let mut q = format!(
        "id = \"{id}\"\nversion = \"1\"\naudience = \"{audience}\"\nmodel = \"cooperation\"\nmodel_source = \"test\"\npairs_with = [{}]\nlanguages = [\"en\"]\ntitle = {{ en = \"Q\" }}\n[[sections]]\nid = \"s\"\ntitle = {{ en = \"S\" }}\n",
        others.join(", ")
    );
    let options: Vec<String> = (0..5)
        .map(|l| format!("{{ level = {l}, label = {{ en = \"{l}\" }} }}"))
        .collect();
    for key in keys {
        q.push_str(&format!(
            "[[sections.questions]]\nid = \"{key}\"\nkind = \"level\"\nname = \"{key}\"\ndimension = \"legal\"\npair = \"{key}\"\ntext = {{ en = \"{key}?\" }}\noptions = [{}]\n",
            options.join(", ")
        ));
    }
    let sources = Sources {
        folder: PathBuf::from(id),
        files: vec![("questionnaire.toml".into(), q)],
    };
    parse(&sources).unwrap_or_else(|e| panic!("{e}"))
}

/// One organisation per audience in AT, answering `a` and `b` at the given levels.
fn rows() -> CampaignRows {
    let mut rows = CampaignRows::default();
    let a = &mut rows.answers;
    a.question_texts = ["a", "b"].map(String::from).to_vec();
    a.value_texts = (0..5).map(|l| format!("{{\"choice\":\"{l}\"}}")).collect();
    // Organisation, audience, questionnaire and (question, level) answers.
    type Side<'a> = (i64, OrganisationKind, &'a str, &'a [(u32, u32)]);
    let answers: [Side<'_>; 3] = [
        (1, OrganisationKind::Csirt, "csirt-side", &[(0, 4), (1, 0)]),
        (2, OrganisationKind::Lea, "lea-side", &[(0, 2), (1, 2)]),
        (3, OrganisationKind::Judiciary, "judiciary-side", &[(0, 1)]),
    ];
    for (org, audience, questionnaire, levels) in answers {
        rows.responses.push(ResponseRow {
            response_id: org,
            organisation_id: org,
            organisation: format!("Body {org}"),
            country: "AT".into(),
            audience,
            questionnaire_id: questionnaire.into(),
            questionnaire_version: "1".into(),
            submitted_at: None,
        });
        for (question, level) in levels {
            a.response_ids.push(org);
            a.question_ids.push(*question);
            a.values.push(*level);
        }
    }
    rows
}

/// The three mirrored questionnaires: the CSIRT and LEA sides ask a and b, the
/// judiciary a alone.
fn questionnaires() -> Questionnaires {
    Questionnaires::from([
        (
            ("csirt-side".into(), "1".into()),
            mirrored(
                "csirt-side",
                "csirt",
                &["lea-side", "judiciary-side"],
                &["a", "b"],
            ),
        ),
        (
            ("lea-side".into(), "1".into()),
            mirrored(
                "lea-side",
                "lea",
                &["csirt-side", "judiciary-side"],
                &["a", "b"],
            ),
        ),
        (
            ("judiciary-side".into(), "1".into()),
            mirrored(
                "judiciary-side",
                "judiciary",
                &["csirt-side", "lea-side"],
                &["a"],
            ),
        ),
    ])
}

fn gaps(k: usize) -> Vec<PerceptionGap> {
    let questionnaires = questionnaires();
    super::tests::report_with(&rows(), &questionnaires, k)
        .perception_gaps()
        .expect("gaps")
        .into_iter()
        .filter(|g| g.dimension == Dimension::Legal)
        .collect()
}

#[test]
fn each_pair_of_audiences_is_compared_over_the_questions_both_were_asked() {
    let found: Vec<(Audience, Audience, Option<f64>, Option<f64>)> = gaps(1)
        .iter()
        .map(|g| (g.first, g.second, g.first_mean, g.second_mean))
        .collect();
    assert_eq!(
        found,
        [
            // Both asked a and b: the CSIRT's 4 and 0 against the LEA's 2 and 2.
            (Audience::Csirt, Audience::Lea, Some(2.0), Some(2.0)),
            // The judiciary was asked a alone: the CSIRT's 4 against its 1.
            (Audience::Csirt, Audience::Judiciary, Some(4.0), Some(1.0)),
            (Audience::Lea, Audience::Judiciary, Some(2.0), Some(1.0)),
        ]
    );
    let widest = gaps(1).iter().filter_map(|g| g.gap).fold(0.0, f64::max);
    assert_eq!(widest, 3.0);
}

#[test]
fn a_pair_is_hidden_when_either_side_has_fewer_than_k() {
    let all = gaps(2);
    assert_eq!(all.len(), 3);
    assert!(
        all.iter()
            .all(|g| g.suppressed && g.gap.is_none() && g.first_n.is_none()),
        "{all:?}"
    );
}

#[test]
fn below_k_a_pair_whose_sides_all_agreed_to_share_is_shown_marked_by_consent() {
    let mut rows = rows();
    // The CSIRT and the LEA agree; the judiciary does not.
    rows.consenting = [1, 2].into_iter().collect();
    let questionnaires = questionnaires();
    let gaps: Vec<PerceptionGap> = super::tests::report_with(&rows, &questionnaires, 3)
        .perception_gaps()
        .expect("gaps")
        .into_iter()
        .filter(|g| g.dimension == Dimension::Legal)
        .collect();
    let csirt_lea = &gaps[0];
    assert_eq!(
        (csirt_lea.first, csirt_lea.second),
        (Audience::Csirt, Audience::Lea)
    );
    assert!(csirt_lea.shared_by_consent && !csirt_lea.suppressed);
    assert_eq!(csirt_lea.gap, Some(0.0));
    for other in &gaps[1..] {
        assert!(other.suppressed && !other.shared_by_consent, "{other:?}");
    }
}
