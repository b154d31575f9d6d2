//! Tier boundaries, tolerance, dimension scores, and properties over the shipped questionnaires.

use std::path::PathBuf;
use std::sync::OnceLock;

use proptest::prelude::*;

use super::*;

mod non_answers;

use crate::questionnaire::{
    Answer, Answers, Catalogue, Kind, Questionnaire, Sources, TierId, parse,
};

fn level_question(id: &str, category: &str) -> String {
    let options: Vec<String> = (0..5)
        .map(|l| format!("{{ level = {l}, label = {{ en = \"{l}\" }} }}"))
        .collect();
    format!(
        "[[sections.questions]]\nid = \"{id}\"\nkind = \"level\"\nname = \"{id}\"\ncategory = \"{category}\"\ntext = {{ en = \"{id}?\" }}\noptions = [{}]\n",
        options.join(", ")
    )
}

/// Four parameters; basic lists two at 1, intermediate all four at 2 (one tolerated short),
/// advanced all four at 3.
fn fixture() -> Questionnaire {
    fixture_tolerating(0)
}

/// The fixture with advanced tolerating `advanced` shortfalls.
fn fixture_tolerating(advanced: u32) -> Questionnaire {
    let mut q = String::from(
        "id = \"fixture\"\nversion = \"1\"\naudience = \"csirt\"\nmodel = \"maturity\"\nlanguages = [\"en\"]\ntier_table = \"t\"\ntitle = { en = \"F\" }\n[[sections]]\nid = \"s\"\ntitle = { en = \"S\" }\n",
    );
    for (id, category) in [("O-1", "O"), ("O-2", "O"), ("H-1", "H"), ("P-1", "P")] {
        q.push_str(&level_question(id, category));
    }
    let tiers = r#"
id = "t"
source = "fixture table"
version = "1"
[[tiers]]
id = "basic"
name = { en = "Basic" }
minimums = { "O-1" = 1, "O-2" = 1 }
[[tiers]]
id = "intermediate"
name = { en = "Intermediate" }
tolerance = 1
minimums = { "O-1" = 2, "O-2" = 2, "H-1" = 2, "P-1" = 2 }
[[tiers]]
id = "advanced"
name = { en = "Advanced" }
tolerance = ADVANCED
minimums = { "O-1" = 3, "O-2" = 3, "H-1" = 3, "P-1" = 3 }
"#;
    let recommendations = r#"
[[recommendations]]
target = "H-1"
from = 0
below = 2
text = { en = "Train people." }
[[recommendations]]
target = "O-1"
from = 2
below = 3
text = { en = "Formalise the mandate." }
"#;
    let sources = Sources {
        folder: PathBuf::from("fixture"),
        files: vec![
            ("questionnaire.toml".into(), q),
            (
                "tiers.toml".into(),
                tiers.replace("ADVANCED", &advanced.to_string()),
            ),
            ("recommendations.toml".into(), recommendations.into()),
        ],
    };
    parse(&sources).unwrap_or_else(|e| panic!("{e}"))
}

fn levels(pairs: &[(&str, u8)]) -> Answers {
    pairs
        .iter()
        .map(|(id, l)| (id.to_string(), Answer::Choice(l.to_string())))
        .collect()
}

fn tier_of(answers: &Answers) -> Option<TierId> {
    let q = fixture();
    assess(&q, q.default_tier_table(), answers)
        .tier
        .expect("placed")
        .reached
}

#[test]
fn nothing_answered_is_not_yet_basic() {
    assert_eq!(tier_of(&Answers::new()), None);
}

#[test]
fn one_basic_parameter_short_is_not_yet_basic() {
    assert_eq!(
        tier_of(&levels(&[("O-1", 1), ("O-2", 0), ("H-1", 4), ("P-1", 4)])),
        None
    );
}

#[test]
fn meeting_every_basic_minimum_exactly_is_basic() {
    assert_eq!(
        tier_of(&levels(&[("O-1", 1), ("O-2", 1)])),
        Some(TierId::Basic)
    );
}

#[test]
fn intermediate_tolerates_one_shortfall_but_not_two() {
    let one_short = levels(&[("O-1", 2), ("O-2", 2), ("H-1", 2), ("P-1", 1)]);
    assert_eq!(tier_of(&one_short), Some(TierId::Intermediate));
    let two_short = levels(&[("O-1", 2), ("O-2", 2), ("H-1", 1), ("P-1", 1)]);
    assert_eq!(tier_of(&two_short), Some(TierId::Basic));
}

/// The tolerated shortfalls of a placement, as (parameter, current, minimum, tier).
fn tolerated(q: &Questionnaire, answers: &Answers) -> Vec<(String, f64, u8, TierId)> {
    let placement = assess(q, q.default_tier_table(), answers)
        .tier
        .expect("placed");
    placement
        .tolerated
        .into_iter()
        .map(|t| (t.parameter, t.current, t.minimum, t.tier))
        .collect()
}

#[test]
fn a_tier_reached_with_tolerance_names_the_minimums_it_let_pass() {
    let q = fixture();
    let one_short = levels(&[("O-1", 2), ("O-2", 2), ("H-1", 2), ("P-1", 1)]);
    assert_eq!(
        tolerated(&q, &one_short),
        [("P-1".to_owned(), 1.0, 2, TierId::Intermediate)]
    );
    let exact = levels(&[("O-1", 2), ("O-2", 2), ("H-1", 2), ("P-1", 2)]);
    assert_eq!(tolerated(&q, &exact), []);
    // Two short is basic: intermediate's shortfalls were not tolerated, so none is listed.
    let two_short = levels(&[("O-1", 2), ("O-2", 2), ("H-1", 1), ("P-1", 1)]);
    assert_eq!(tolerated(&q, &two_short), []);
}

#[test]
fn the_highest_tier_reached_with_tolerance_lists_each_shortfall_once_at_its_highest_minimum() {
    let q = fixture_tolerating(2);
    // P-1 misses intermediate's 2 and advanced's 3; H-1 misses only advanced's 3.
    let answers = levels(&[("H-1", 2), ("O-1", 3), ("O-2", 3), ("P-1", 1)]);
    let placement = assess(&q, q.default_tier_table(), &answers)
        .tier
        .expect("placed");
    assert_eq!(
        (placement.reached, placement.next),
        (Some(TierId::Advanced), None)
    );
    assert_eq!(placement.gaps, []);
    assert_eq!(
        tolerated(&q, &answers),
        [
            ("H-1".to_owned(), 2.0, 3, TierId::Advanced),
            ("P-1".to_owned(), 1.0, 3, TierId::Advanced),
        ]
    );
    assert_eq!(placement.tolerated[1].name, "P-1");
}

#[test]
fn advanced_needs_every_parameter_at_three() {
    assert_eq!(
        tier_of(&levels(&[("O-1", 3), ("O-2", 3), ("H-1", 3), ("P-1", 3)])),
        Some(TierId::Advanced)
    );
    assert_eq!(
        tier_of(&levels(&[("O-1", 3), ("O-2", 3), ("H-1", 3), ("P-1", 2)])),
        Some(TierId::Intermediate)
    );
}

#[test]
fn a_higher_tier_is_not_reached_while_a_lower_one_is_missed() {
    // Enough for intermediate's tolerance, but basic's O-2 is missing.
    assert_eq!(
        tier_of(&levels(&[("O-1", 4), ("O-2", 0), ("H-1", 4), ("P-1", 4)])),
        None
    );
}

#[test]
fn the_gap_list_names_every_parameter_short_of_the_next_tier() {
    let q = fixture();
    let answers = levels(&[("O-1", 2), ("O-2", 1), ("H-1", 0)]);
    let tier = assess(&q, q.default_tier_table(), &answers)
        .tier
        .expect("placed");
    assert_eq!(tier.reached, Some(TierId::Basic));
    assert_eq!(tier.next, Some(TierId::Intermediate));
    assert_eq!(tier.table_source, "fixture table");
    let gaps: Vec<_> = tier
        .gaps
        .iter()
        .map(|g| (g.parameter.as_str(), g.current, g.required))
        .collect();
    assert_eq!(gaps, [("O-2", 1.0, 2), ("H-1", 0.0, 2), ("P-1", 0.0, 2)]);
}

#[test]
fn category_means_skip_unanswered_parameters_and_count_them() {
    let q = fixture();
    let assessment = assess(&q, None, &levels(&[("O-1", 1), ("O-2", 4)]));
    let o = &assessment.categories[0];
    assert_eq!((o.mean, o.answered, o.total), (Some(2.5), 2, 2));
    let h = &assessment.categories[1];
    assert_eq!((h.mean, h.answered, h.total), (None, 0, 1));
    assert_eq!(assessment.completeness.answered, 2);
    assert_eq!(assessment.completeness.visible, 4);
}

#[test]
fn recommendations_follow_the_current_level_and_gaps_come_first() {
    let q = fixture();
    let assessment = assess(
        &q,
        q.default_tier_table(),
        &levels(&[("O-1", 2), ("O-2", 2), ("H-1", 1)]),
    );
    let applied: Vec<_> = assessment
        .recommendations
        .iter()
        .map(|a| (a.recommendation.text().get("en"), a.closes_gap))
        .collect();
    assert_eq!(
        applied,
        [("Train people.", true), ("Formalise the mandate.", false)]
    );
}

fn shipped() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
        Catalogue::load(&dir).unwrap_or_else(|e| panic!("{e}"))
    })
}

fn maturity() -> &'static Questionnaire {
    shipped().get("csirt-maturity").expect("shipped")
}

fn all_at(level: u8) -> Answers {
    maturity()
        .questions()
        .map(|q| (q.id().to_owned(), Answer::Choice(level.to_string())))
        .collect()
}

#[test]
fn all_fours_is_advanced_under_the_baseline() {
    let q = maturity();
    let a = assess(q, q.default_tier_table(), &all_at(4));
    assert_eq!(a.tier.expect("placed").reached, Some(TierId::Advanced));
}

#[test]
fn all_zeros_is_not_yet_basic_under_the_baseline() {
    let q = maturity();
    let a = assess(q, q.default_tier_table(), &all_at(0));
    assert_eq!(a.tier.expect("placed").reached, None);
}

/// Every score an assessment holds, in a fixed order, for comparing two assessments.
fn scores(a: &Assessment) -> Vec<Option<f64>> {
    a.parameters
        .iter()
        .map(|p| p.level)
        .chain(a.categories.iter().map(|c| c.mean))
        .chain(a.dimensions.iter().map(|d| d.score))
        .collect()
}

fn maturity_answers() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(0u8..=4, 45)
}

fn as_answers(levels: &[u8]) -> Answers {
    maturity()
        .questions()
        .zip(levels)
        .map(|(q, l)| (q.id().to_owned(), Answer::Choice(l.to_string())))
        .collect()
}

/// A cooperation answer: for each question, the index of the chosen option (or scale point).
fn cooperation_answers(q: &Questionnaire, picks: &[usize]) -> Answers {
    q.questions()
        .zip(picks.iter().cycle())
        .filter_map(|(question, pick)| {
            let answer = match question.kind() {
                Kind::Single { options } | Kind::Level { options } => {
                    Answer::Choice(options[pick % options.len()].value().to_owned())
                }
                Kind::Multi { options, .. } => Answer::Choices(
                    options
                        .iter()
                        .take(pick % (options.len() + 1))
                        .map(|o| o.value().to_owned())
                        .collect(),
                ),
                Kind::Scale { min, max, .. } => {
                    Answer::Number((min + (*pick as i64 % (max - min + 1))) as f64)
                }
                // Unscored context: leaving it unanswered changes no score.
                Kind::Number { .. } | Kind::Text { .. } | Kind::Country | Kind::Matrix(_) => {
                    return None;
                }
            };
            Some((question.id().to_owned(), answer))
        })
        .collect()
}

proptest! {
    // A failing case is printed in full; no regression file is written into the tree.
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn raising_any_answer_never_lowers_the_tier_or_any_score(levels in maturity_answers(), index in 0usize..45, by in 1u8..=4) {
        let q = maturity();
        let before = assess(q, q.default_tier_table(), &as_answers(&levels));
        let mut raised = levels.clone();
        raised[index] = (raised[index] + by).min(4);
        let after = assess(q, q.default_tier_table(), &as_answers(&raised));
        let tier = |a: &Assessment| a.tier.as_ref().and_then(|t| t.reached);
        prop_assert!(tier(&after) >= tier(&before));
        for (b, a) in scores(&before).into_iter().zip(scores(&after)) {
            prop_assert!(a >= b, "a score fell from {b:?} to {a:?}");
        }
    }

    #[test]
    fn every_score_stays_within_zero_and_four(levels in maturity_answers(), picks in proptest::collection::vec(0usize..12, 40)) {
        let q = maturity();
        let mut all = vec![assess(q, q.default_tier_table(), &as_answers(&levels))];
        for id in ["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"] {
            let q = shipped().get(id).expect("shipped");
            all.push(assess(q, None, &cooperation_answers(q, &picks)));
        }
        for a in &all {
            for score in scores(a).into_iter().flatten() {
                prop_assert!((0.0..=4.0).contains(&score), "score {score} out of range");
            }
        }
    }

    #[test]
    fn raising_a_cooperation_answer_never_lowers_a_dimension(picks in proptest::collection::vec(0usize..12, 40), index in 0usize..40) {
        let q = shipped().get("csirt-le-cooperation-csirt").expect("shipped");
        let before_answers = cooperation_answers(q, &picks);
        let before = assess(q, None, &before_answers);
        // Raise one scored answer to its best option. Questions that decide whether another
        // is shown are left out: showing a follow-up adds its own score, which may be lower.
        let controls = |id: &str| q.questions().any(|o| o.show_if().is_some_and(|s| s.question() == id));
        let candidates: Vec<_> = q.questions().filter(|o| o.scored().is_some() && o.show_if().is_none() && !controls(o.id())).collect();
        let Some(question) = candidates.get(index % candidates.len().max(1)) else {
            return Ok(());
        };
        let best = question.kind().options().iter().filter(|o| o.level().is_some())
            .max_by(|a, b| a.level().partial_cmp(&b.level()).unwrap_or(std::cmp::Ordering::Equal));
        let (Some(best), Some(current)) = (best, before_answers.get(question.id()).and_then(|a| answer_level(question, a))) else {
            return Ok(());
        };
        if matches!(question.kind(), Kind::Multi { .. }) || best.level() < Some(current) {
            return Ok(());
        }
        let mut after_answers = before_answers.clone();
        after_answers.insert(question.id().to_owned(), Answer::Choice(best.value().to_owned()));
        let after = assess(q, None, &after_answers);
        for (b, a) in before.dimensions.iter().zip(&after.dimensions) {
            prop_assert!(a.score >= b.score, "{:?} fell from {:?} to {:?}", a.dimension, b.score, a.score);
        }
    }
}
