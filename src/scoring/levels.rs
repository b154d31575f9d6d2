//! Scoring from levels recorded beside the answers (a peer's, or the level agreed after a
//! peer review): the answers with those levels in place of the self-assessed ones.

use std::collections::BTreeMap;

use crate::questionnaire::{Answer, Answers, Kind, Questionnaire, Scored};

/// The questions whose level a peer review records: the scored parameters of a maturity
/// questionnaire answered by picking a level, in file order.
pub fn level_parameters(
    questionnaire: &Questionnaire,
) -> impl Iterator<Item = &crate::questionnaire::Question> {
    questionnaire.questions().filter(|q| {
        matches!(q.kind(), Kind::Level { .. })
            && matches!(q.scored(), Some(Scored::Category { .. }))
    })
}

/// `answers` with each parameter named in `levels` answered at that level instead; other
/// answers are kept, ids that are no level parameter are ignored.
pub fn with_levels(
    questionnaire: &Questionnaire,
    answers: &Answers,
    levels: &BTreeMap<String, i32>,
) -> Answers {
    let mut out = answers.clone();
    for question in level_parameters(questionnaire) {
        if let Some(level) = levels.get(question.id()) {
            out.insert(question.id().to_owned(), Answer::Choice(level.to_string()));
        }
    }
    out
}
