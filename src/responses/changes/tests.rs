//! A change as an analyst reads it: the question's words, the option labels, who.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::*;
use crate::ids::{AnalystId, InvitationId};
use crate::questionnaire::Catalogue;

fn maturity() -> Questionnaire {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    let catalogue = Catalogue::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    catalogue
        .get("csirt-maturity")
        .expect("csirt-maturity is shipped")
        .clone()
}

fn change(old: Option<&str>, new: Option<&str>, actor: Option<Actor>) -> AnswerChange {
    AnswerChange {
        question_id: "O-1".to_owned(),
        old: old.map(|v| Answer::Choice(v.to_owned())),
        new: new.map(|v| Answer::Choice(v.to_owned())),
        values_erased: false,
        actor,
        at: NaiveDate::from_ymd_opt(2026, 3, 2)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .expect("a time"),
    }
}

#[test]
fn a_change_reads_as_the_question_the_option_labels_and_who_made_it() {
    let q = maturity();
    let analysts = AnalystNames::from([(7, "ana@example.org".to_owned())]);
    let changes = [
        change(None, Some("1"), Some(Actor::Link(InvitationId(3)))),
        change(Some("1"), Some("3"), Some(Actor::Analyst(AnalystId(7)))),
        change(Some("3"), None, Some(Actor::Demo)),
        change(Some("3"), Some("4"), Some(Actor::Link(InvitationId(9)))),
        change(Some("4"), Some("2"), None),
    ];
    let lines = change_lines(&changes, &q, 3, &analysts, &DelegateNames::new(), "en");
    let question = q.question("O-1").expect("O-1");
    assert!(
        lines
            .iter()
            .all(|l| l.question == question.text().get("en"))
    );
    assert_eq!(lines[0].old, None);
    let level_1 = lines[0].new.as_deref().expect("an answer");
    assert!(
        level_1.starts_with("Staff share an understanding"),
        "{level_1}"
    );
    assert_eq!(lines[2].new, None, "removed");
    let by: Vec<&str> = lines.iter().map(|l| l.by.as_str()).collect();
    assert_eq!(
        by,
        [
            "the respondent's link",
            "ana@example.org",
            "the demo generator",
            "the link of invitation 9",
            NOBODY,
        ]
    );
}

#[test]
fn erased_values_read_as_erased_and_an_unknown_question_by_its_id() {
    let q = maturity();
    let mut erased = change(None, None, None);
    erased.values_erased = true;
    let mut gone = change(None, Some("2"), None);
    gone.question_id = "no-such-question".to_owned();
    let lines = change_lines(
        &[erased, gone],
        &q,
        3,
        &AnalystNames::new(),
        &DelegateNames::new(),
        "en",
    );
    assert_eq!(lines[0].old.as_deref(), Some(ERASED));
    assert_eq!(lines[0].new.as_deref(), Some(ERASED));
    assert_eq!(lines[0].by, NOBODY);
    assert_eq!(lines[1].question, "no-such-question");
    assert_eq!(lines[1].new.as_deref(), Some(r#"{"choice":"2"}"#));
}
