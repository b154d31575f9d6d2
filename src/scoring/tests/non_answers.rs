//! The rule for non-answers: 0 for a SIM3 parameter, left out and counted for a
//! cooperation dimension; and the properties that follow from it.

use super::*;
use crate::questionnaire::NonAnswer;

fn fixture_answers(pairs: &[(&str, Answer)]) -> Answers {
    pairs
        .iter()
        .map(|(id, a)| ((*id).to_owned(), a.clone()))
        .collect()
}

fn level(l: u8) -> Answer {
    Answer::Choice(l.to_string())
}

const DONT_KNOW: Answer = Answer::NonAnswer(NonAnswer::DontKnow);

#[test]
fn a_maturity_non_answer_counts_as_zero_for_the_tier_the_gaps_and_the_mean() {
    let q = fixture();
    let answers = fixture_answers(&[
        ("O-1", DONT_KNOW),
        ("O-2", level(4)),
        ("H-1", level(4)),
        ("P-1", Answer::NonAnswer(NonAnswer::PreferNotToSay)),
    ]);
    let a = assess(&q, q.default_tier_table(), &answers);
    let o1 = &a.parameters[0];
    assert_eq!(
        (o1.level, o1.non_answer),
        (Some(0.0), Some(NonAnswer::DontKnow))
    );
    let tier = a.tier.expect("placed");
    // Basic needs O-1 at 1: a parameter nobody knows is not in place.
    assert_eq!(tier.reached, None);
    let gap = &tier.gaps[0];
    assert_eq!(
        (gap.parameter.as_str(), gap.current, gap.non_answer),
        ("O-1", 0.0, Some(NonAnswer::DontKnow))
    );
    let o = &a.categories[0];
    assert_eq!(
        (o.mean, o.answered, o.non_answers, o.total),
        (Some(2.0), 2, 1, 2)
    );
    // Answered for completeness, which is what `required` asks.
    assert_eq!(a.completeness.answered, 4);
    assert!(a.completeness.required_missing.is_empty());
}

#[test]
fn a_cooperation_non_answer_is_left_out_of_the_score_and_counted_apart() {
    let q = shipped()
        .get("csirt-le-cooperation-csirt")
        .expect("shipped");
    let answers = cooperation_answers(q, &[3; 40]);
    let question = q
        .questions()
        .find(|x| matches!(x.scored(), Some(Scored::Dimension { .. })) && x.show_if().is_none())
        .expect("a scored question");
    let mut with = answers.clone();
    with.insert(question.id().to_owned(), DONT_KNOW);
    let mut without = answers;
    without.remove(question.id());
    let (with, without) = (assess(q, None, &with), assess(q, None, &without));
    assert_eq!(dimension_scores(&with), dimension_scores(&without));
    let counted: usize = with.dimensions.iter().map(|d| d.non_answers).sum();
    assert_eq!(counted, 1);
    assert_eq!(
        with.completeness.answered,
        without.completeness.answered + 1
    );
}

fn dimension_scores(a: &Assessment) -> Vec<Option<f64>> {
    a.dimensions.iter().map(|d| d.score).collect()
}

/// A maturity answer per parameter: a level, or (`None`) "Don't know".
fn levels_or_unknown() -> impl Strategy<Value = Vec<Option<u8>>> {
    proptest::collection::vec(proptest::option::weighted(0.8, 0u8..=4), 45)
}

fn with_unknowns(levels: &[Option<u8>]) -> Answers {
    maturity()
        .questions()
        .zip(levels)
        .map(|(q, l)| (q.id().to_owned(), l.map_or(DONT_KNOW, level)))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn answering_a_dont_know_with_any_level_never_lowers_the_tier_or_a_score(
        levels in levels_or_unknown(), index in 0usize..45, to in 0u8..=4,
    ) {
        let q = maturity();
        let mut before_levels = levels.clone();
        before_levels[index] = None;
        let before = assess(q, q.default_tier_table(), &with_unknowns(&before_levels));
        let mut after_levels = before_levels.clone();
        after_levels[index] = Some(to);
        let after = assess(q, q.default_tier_table(), &with_unknowns(&after_levels));
        let tier = |a: &Assessment| a.tier.as_ref().and_then(|t| t.reached);
        prop_assert!(tier(&after) >= tier(&before));
        for (b, a) in scores(&before).into_iter().zip(scores(&after)) {
            prop_assert!(a >= b, "a score fell from {b:?} to {a:?}");
        }
        let gaps = |a: &Assessment| a.tier.as_ref().map_or(0, |t| t.gaps.len());
        if tier(&after) == tier(&before) {
            prop_assert!(gaps(&after) <= gaps(&before), "the gap list grew");
        }
    }

    #[test]
    fn a_cooperation_non_answer_scores_exactly_like_no_answer_while_counted(
        picks in proptest::collection::vec(0usize..12, 40), index in 0usize..40, prefer in any::<bool>(),
    ) {
        for id in ["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"] {
            let q = shipped().get(id).expect("shipped");
            let answers = cooperation_answers(q, &picks);
            let scored: Vec<_> = q.questions().filter(|x| x.scored().is_some() && q.is_visible(x, &answers)).collect();
            let question = scored[index % scored.len()];
            let non_answer = if prefer { NonAnswer::PreferNotToSay } else { NonAnswer::DontKnow };
            let mut with = answers.clone();
            with.insert(question.id().to_owned(), Answer::NonAnswer(non_answer));
            let mut without = answers;
            without.remove(question.id());
            let (with, without) = (assess(q, None, &with), assess(q, None, &without));
            prop_assert_eq!(dimension_scores(&with), dimension_scores(&without));
            prop_assert_eq!(&with.recommendations, &without.recommendations);
            for (w, o) in with.dimensions.iter().zip(&without.dimensions) {
                prop_assert_eq!(w.answered, o.answered);
                prop_assert_eq!(w.total(), o.total());
                let own = matches!(question.scored(), Some(Scored::Dimension { dimension, .. }) if dimension == w.dimension);
                prop_assert_eq!(w.non_answers, usize::from(own));
                prop_assert_eq!(w.unanswered + usize::from(own), o.unanswered);
            }
            prop_assert_eq!(with.completeness.answered, without.completeness.answered + 1);
        }
    }
}
