//! Scoring by position says what `assess_scores` says, to the bit, for any answers to the
//! shipped questionnaires: chosen options, options no level names, non-answers, numbers
//! out of range, missing answers, and follow-up questions shown or hidden.

use std::path::PathBuf;
use std::sync::OnceLock;

use proptest::prelude::*;

use super::*;
use crate::questionnaire::{Answers, Catalogue, Kind};
use crate::scoring::assess_scores;

fn shipped() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
        Catalogue::load(&dir).unwrap_or_else(|e| panic!("{e}"))
    })
}

/// An answer to `question` from one draw: missing, a non-answer, or one of its kind
/// (an option, several, a number inside or outside the scale, some text).
fn answer(question: &Question, draw: u32) -> Option<Answer> {
    let pick = (draw / 8) as usize;
    match draw % 8 {
        0 => return None,
        1 => {
            let offered = question.non_answers();
            return offered
                .get(pick % offered.len().max(1))
                .map(|n| Answer::NonAnswer(n.non_answer()));
        }
        _ => {}
    }
    Some(match question.kind() {
        Kind::Level { options } | Kind::Single { options } => match options.get(pick % 7) {
            Some(option) => Answer::Choice(option.value().to_owned()),
            None => Answer::Choice("no such option".to_owned()),
        },
        Kind::Multi { options, .. } => Answer::Choices(
            options
                .iter()
                .enumerate()
                .filter(|(i, _)| pick >> i & 1 == 1)
                .map(|(_, o)| o.value().to_owned())
                .collect(),
        ),
        Kind::Scale { min, max, .. } => Answer::Number(
            (min - 1 + (pick as i64 % (max - min + 3))) as f64 + 0.5 * (pick % 2) as f64,
        ),
        Kind::Number { .. } => Answer::Number(pick as f64 / 3.0),
        Kind::Text { .. } => Answer::Text(format!("text {pick}")),
        Kind::Country => Answer::Choice("AT".to_owned()),
        Kind::Matrix(_) => Answer::Cells(
            [(
                "row".to_owned(),
                [("column".to_owned(), format!("{pick}"))].into(),
            )]
            .into(),
        ),
    })
}

/// Scores `draws` (one per question, cycled) both ways and compares every figure.
fn agree(questionnaire: &Questionnaire, draws: &[u32]) -> Result<(), TestCaseError> {
    let tiers = questionnaire.default_tier_table();
    let by_position: Vec<Option<Answer>> = questionnaire
        .questions()
        .zip(draws.iter().cycle())
        .map(|(q, d)| answer(q, *d))
        .collect();
    let answers: Answers = questionnaire
        .questions()
        .zip(&by_position)
        .filter_map(|(q, a)| Some((q.id().to_owned(), a.clone()?)))
        .collect();
    let expected = assess_scores(questionnaire, tiers, &answers);
    let scorer = PositionScorer::new(questionnaire, tiers);
    let refs: Vec<Option<&Answer>> = by_position.iter().map(Option::as_ref).collect();
    let mut work = Workspace::default();
    let got = scorer.score(&refs, &mut work);

    let visible: Vec<&str> = scorer
        .questions()
        .iter()
        .zip(&work.visible)
        .filter(|(_, v)| **v)
        .map(|(q, _)| q.id())
        .collect();
    let shown: Vec<&str> = questionnaire
        .questions()
        .filter(|q| questionnaire.is_visible(q, &answers))
        .map(|q| q.id())
        .collect();
    prop_assert_eq!(visible, shown);
    let levels: Vec<(String, Option<f64>)> = expected
        .parameters
        .iter()
        .map(|p| (p.id.clone(), p.level))
        .collect();
    let ids: Vec<&str> = scorer.parameter_ids().collect();
    for (id, level) in &levels {
        let slot = ids
            .iter()
            .position(|p| p == id)
            .expect("a parameter of the scorer");
        prop_assert_eq!(
            got.parameters[slot].map(f64::to_bits),
            level.map(f64::to_bits),
            "{}",
            id
        );
    }
    // Hidden parameters have no level.
    prop_assert_eq!(
        got.parameters.iter().filter(|l| l.is_some()).count(),
        levels.iter().filter(|(_, l)| l.is_some()).count()
    );
    let bits = |v: &[Option<f64>]| v.iter().map(|x| x.map(f64::to_bits)).collect::<Vec<_>>();
    let categories: Vec<Option<f64>> = expected.categories.iter().map(|c| c.mean).collect();
    prop_assert_eq!(bits(&got.categories), bits(&categories));
    let dimensions: Vec<Option<f64>> = expected.dimensions.iter().map(|d| d.score).collect();
    prop_assert_eq!(bits(&got.dimensions), bits(&dimensions));
    prop_assert_eq!(got.tier, expected.tier.as_ref().map(|t| t.reached));
    prop_assert_eq!(
        got.completeness.to_bits(),
        expected.completeness.ratio().to_bits()
    );
    // Each visible answer's level is the one scoring gives it.
    for ((question, answer), level) in scorer.questions().iter().zip(&refs).zip(&work.levels) {
        let visible = shown_contains(questionnaire, &answers, question);
        let want = answer
            .filter(|_| visible)
            .and_then(|a| answer_level(question, a));
        prop_assert_eq!(
            level.map(f64::to_bits),
            want.map(f64::to_bits),
            "{}",
            question.id()
        );
    }
    Ok(())
}

fn shown_contains(q: &Questionnaire, answers: &Answers, question: &Question) -> bool {
    q.is_visible(question, answers)
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn scoring_by_position_agrees_with_assess_scores(draws in proptest::collection::vec(0u32..4096, 1..90), which in 0usize..3) {
        let ids = ["csirt-maturity", "csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"];
        let questionnaire = shipped().get(ids[which]).expect("shipped");
        agree(questionnaire, &draws)?;
    }
}

#[test]
fn every_shipped_questionnaire_agrees_on_all_answers_at_each_option() {
    for questionnaire in shipped().iter() {
        for draw in 0..64 {
            agree(questionnaire, &[draw * 8 + 2]).expect("the same scores");
        }
    }
}
