//! The 0–4 level one answer is worth, and the one rule for non-answers.

use crate::questionnaire::{Answer, Kind, MultiScore, Question, Scored};

/// The rule for non-answers ("Don't know", "Prefer not to say"), stated once and applied
/// wherever a level is read (result page, tiers, gaps, means, reports):
/// - maturity: SIM3 rates a parameter that is not available or unknown as level 0, so a
///   non-answer to a parameter counts as 0 for the tier, the gap list and the category
///   mean, and any real level can only raise what it counts towards;
/// - cooperation (and anything else): a non-answer is left out of the score, like a
///   question without an answer, and counted apart (`DimensionScore::non_answers`).
///
/// Both count as answered for completeness and satisfy `required`.
pub fn non_answer_level(question: &Question) -> Option<f64> {
    match question.scored() {
        Some(Scored::Category { .. }) => Some(0.0),
        Some(Scored::Dimension { .. }) | None => None,
    }
}

/// The level an answer scores on its question, or `None` when it does not score
/// (unscored kinds, options without a level, an answer of the wrong shape, or a
/// non-answer outside the maturity model: see [`non_answer_level`]).
pub fn answer_level(question: &Question, answer: &Answer) -> Option<f64> {
    if answer.non_answer().is_some() {
        return non_answer_level(question);
    }
    // An answer of another shape than its kind takes does not score.
    let level = match question.kind() {
        Kind::Level { options } | Kind::Single { options } => {
            let Answer::Choice(value) = answer else {
                return None;
            };
            options.iter().find(|o| o.value() == value)?.level()
        }
        Kind::Multi { options, rule } => {
            let Answer::Choices(values) = answer else {
                return None;
            };
            let levels: Vec<f64> = options
                .iter()
                .filter(|o| values.iter().any(|v| v == o.value()))
                .filter_map(|o| o.level())
                .collect();
            // Only options with a level say something about maturity: a selection of none
            // of them (nothing ticked, or only "don't know" or "test") is left unscored,
            // like a single choice's "don't know". "None of these" is an option worth 0.
            if levels.is_empty() {
                return None;
            }
            match rule {
                MultiScore::Max => levels.into_iter().reduce(f64::max),
                MultiScore::Sum => Some(levels.iter().sum::<f64>().min(4.0)),
            }
        }
        Kind::Scale { min, max, .. } => {
            let Answer::Number(n) = answer else {
                return None;
            };
            let (min, max) = (*min as f64, *max as f64);
            Some((n.clamp(min, max) - min) / (max - min) * 4.0)
        }
        // Context only: validation refuses to score these kinds (`Kind::can_be_scored`).
        Kind::Number { .. } | Kind::Text { .. } | Kind::Country | Kind::Matrix(_) => None,
    }?;
    Some(level.clamp(0.0, 4.0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::Catalogue;

    fn level_of(chosen: &[&str]) -> Option<f64> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
        let catalogue = Catalogue::load(&dir).expect("the shipped questionnaires load");
        let questionnaire = catalogue
            .get("csirt-le-cooperation-csirt")
            .expect("shipped");
        let question = questionnaire.question("rsit-classes").expect("shipped");
        let answer = Answer::Choices(chosen.iter().map(|c| (*c).to_owned()).collect());
        answer_level(question, &answer)
    }

    #[test]
    fn a_multiple_choice_scores_only_options_that_name_a_level() {
        assert_eq!(level_of(&["none"]), Some(0.0));
        assert_eq!(level_of(&["fraud", "intrusions"]), Some(1.0));
        // Test and Other name no kind of incident, so they add nothing to real classes…
        assert_eq!(level_of(&["fraud", "test", "other"]), Some(0.5));
        // …and alone, like nothing ticked, leave the question unscored.
        assert_eq!(level_of(&["test"]), None);
        assert_eq!(level_of(&[]), None);
    }

    #[test]
    fn a_non_answer_scores_zero_for_a_parameter_and_nothing_for_a_dimension() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
        let catalogue = Catalogue::load(&dir).expect("the shipped questionnaires load");
        let dont_know = Answer::NonAnswer(crate::questionnaire::NonAnswer::DontKnow);
        let maturity = catalogue.get("csirt-maturity").expect("shipped");
        let parameter = maturity.question("O-1").expect("shipped");
        assert_eq!(answer_level(parameter, &dont_know), Some(0.0));
        let cooperation = catalogue
            .get("csirt-le-cooperation-csirt")
            .expect("shipped");
        let dimension = cooperation.question("rsit-classes").expect("shipped");
        assert_eq!(answer_level(dimension, &dont_know), None);
    }
}
