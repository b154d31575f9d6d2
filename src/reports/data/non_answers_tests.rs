//! The share of each non-answer per question, and the privacy threshold on it.

use polars::prelude::*;

use super::super::ReportData;
use super::super::tests::{report_of, rows};
use super::NON_ANSWER_COLUMNS;
use crate::storage::report_rows::CampaignRows;

/// The fixture's rows with O-1 answered "Don't know" by organisations 1 and 2 (AT) and
/// "Prefer not to say" by organisation 5 (BE).
fn rows_with_non_answers() -> CampaignRows {
    let mut rows = rows();
    let a = &mut rows.answers;
    a.value_texts
        .push(r#"{"non_answer":"dont_know"}"#.to_owned());
    a.value_texts
        .push(r#"{"non_answer":"prefer_not_to_say"}"#.to_owned());
    let o1 = a
        .question_texts
        .iter()
        .position(|q| q == "O-1")
        .expect("O-1");
    for (organisation, value) in [(1, 5), (2, 5), (5, 6)] {
        let row = (0..a.response_ids.len())
            .find(|&i| a.response_ids[i] == organisation * 10 && a.question_ids[i] as usize == o1)
            .expect("an answer to O-1");
        a.values[row] = value;
    }
    rows
}

/// The cells of the row for `country` and `question`, as text.
fn row(data: &ReportData, country: &str, question: &str) -> Vec<String> {
    let df = &data.non_answers;
    let text = |name: &str, i: usize| {
        df.column(name)
            .ok()
            .and_then(|c| c.str().ok()?.get(i).map(str::to_owned))
    };
    let i = (0..df.height())
        .find(|&i| {
            text("country", i).as_deref() == Some(country)
                && text("question_id", i).as_deref() == Some(question)
        })
        .unwrap_or_else(|| panic!("no row {country} {question}"));
    NON_ANSWER_COLUMNS
        .iter()
        .map(|c| {
            df.column(c)
                .expect("column")
                .get(i)
                .expect("cell")
                .to_string()
        })
        .collect()
}

#[test]
fn each_non_answer_has_its_share_of_a_questions_answers_per_country() {
    let data = report_of(&rows_with_non_answers(), 3);
    assert_eq!(
        row(&data, "AT", "O-1"),
        [
            "\"csirt\"",
            "\"AT\"",
            "\"O-1\"",
            "4",
            "4",
            "0.5",
            "0.0",
            "false"
        ]
    );
    assert_eq!(
        row(&data, "AT", "H-1"),
        [
            "\"csirt\"",
            "\"AT\"",
            "\"H-1\"",
            "4",
            "4",
            "0.0",
            "0.0",
            "false"
        ]
    );
}

#[test]
fn a_group_below_k_and_an_all_row_that_would_reveal_it_show_no_share() {
    let data = report_of(&rows_with_non_answers(), 3);
    for country in ["BE", "ALL"] {
        let cells = row(&data, country, "O-1");
        assert_eq!(
            cells[3..],
            ["null", "null", "null", "null", "true"],
            "{country}"
        );
    }
    let data = report_of(&rows_with_non_answers(), 2);
    assert_eq!(row(&data, "BE", "O-1")[5..], ["0.0", "0.5", "false"]);
    let all = row(&data, "ALL", "O-1");
    assert_eq!(all[3..5], ["6", "6"]);
    assert!(all[5].starts_with("0.333"), "{all:?}");
}

#[test]
fn questions_come_in_questionnaire_order_within_each_country() {
    let data = report_of(&rows_with_non_answers(), 3);
    let df = data.non_answers.clone();
    let at = df
        .lazy()
        .filter(col("country").eq(lit("AT")))
        .collect()
        .expect("filtered");
    let questions: Vec<Option<&str>> = at
        .column("question_id")
        .expect("column")
        .str()
        .expect("text")
        .iter()
        .collect();
    assert_eq!(
        questions,
        [Some("O-1"), Some("H-1"), Some("T-1"), Some("P-1")]
    );
}

#[test]
fn a_non_answer_is_written_as_its_name_and_a_maturity_one_scores_zero() {
    let data = report_of(&rows_with_non_answers(), 3);
    let a = &data.answers_long().expect("the answers as a frame");
    let value = a.column("value").expect("value").str().expect("text");
    let level = a.column("level").expect("level").f64().expect("numbers");
    let non_answer = a
        .column("non_answer")
        .expect("non_answer")
        .str()
        .expect("text");
    let rows: Vec<usize> = (0..a.height())
        .filter(|&i| non_answer.get(i).is_some())
        .collect();
    assert_eq!(rows.len(), 3);
    for i in rows {
        assert_eq!(value.get(i), non_answer.get(i));
        assert_eq!(level.get(i), Some(0.0), "SIM3 counts unknown as level 0");
    }
    assert!(
        (0..a.height()).any(|i| value.get(i) == Some("prefer_not_to_say")),
        "written as its own value"
    );
}

#[test]
fn every_group_has_a_row_per_question_asked_whatever_was_answered() {
    let mut rows = rows_with_non_answers();
    let a = &mut rows.answers;
    let h1 = a
        .question_texts
        .iter()
        .position(|q| q == "H-1")
        .expect("H-1") as u32;
    // Organisation 1 leaves H-1 unanswered, and so does every organisation in BE.
    let keep: Vec<bool> = (0..a.response_ids.len())
        .map(|i| !(a.question_ids[i] == h1 && [10, 50, 60].contains(&a.response_ids[i])))
        .collect();
    fn pick<T>(values: &mut Vec<T>, keep: &[bool]) {
        let mut kept = keep.iter();
        values.retain(|_| kept.next().copied().unwrap_or(true));
    }
    pick(&mut a.response_ids, &keep);
    pick(&mut a.question_ids, &keep);
    pick(&mut a.values, &keep);
    let data = report_of(&rows, 2);
    assert_eq!(row(&data, "AT", "H-1")[3..5], ["4", "3"]);
    assert_eq!(
        row(&data, "BE", "H-1")[3..],
        ["2", "0", "null", "null", "false"]
    );
    assert_eq!(
        data.non_answers.height(),
        3 * 4,
        "AT, BE and ALL × 4 questions"
    );
}
