//! The 0–4 level one answer is worth.

use crate::questionnaire::{Answer, Kind, MultiScore, Question};

/// The level an answer scores on its question, or `None` when it does not score
/// (unscored kinds, "don't know" options, or an answer of the wrong shape).
pub fn answer_level(question: &Question, answer: &Answer) -> Option<f64> {
    let level = match (question.kind(), answer) {
        (Kind::Level { options } | Kind::Single { options }, Answer::Choice(value)) => {
            options.iter().find(|o| o.value() == value)?.level()
        }
        (Kind::Multi { options, rule }, Answer::Choices(values)) => {
            let levels = options
                .iter()
                .filter(|o| values.iter().any(|v| v == o.value()))
                .filter_map(|o| o.level());
            match rule {
                MultiScore::Max => levels.fold(None, |best: Option<f64>, l| {
                    Some(best.map_or(l, |b| b.max(l)))
                }),
                // An empty selection is a real answer ("none of these") worth 0.
                MultiScore::Sum => Some(levels.sum::<f64>().min(4.0)),
            }
        }
        (Kind::Scale { min, max, .. }, Answer::Number(n)) => {
            let (min, max) = (*min as f64, *max as f64);
            Some((n.clamp(min, max) - min) / (max - min) * 4.0)
        }
        _ => None,
    }?;
    Some(level.clamp(0.0, 4.0))
}
