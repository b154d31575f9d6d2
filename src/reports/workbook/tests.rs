//! The workbook read back as a spreadsheet reads it: one sheet per table, the TLP line on
//! top, text kept as text and neutralised, numbers as numbers, no formula anywhere.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

use super::*;

const TLP_LINE: &str = "# TLP:AMBER — Maturity 2026 — generated 2026-12-06T09:00:00Z — csirt-maturity 1.0.0 scored with tier table baseline version 1";

/// A build folder with three small tables written as the report CSVs are.
fn build_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a folder");
    let files = [
        (
            "answers.csv",
            "response_id,organisation,country,audience,question_id,value,level\n\
             1,\"'=HYPERLINK(\"\"http://evil.example\"\")\",AT,csirt,P-1,\"'-1+2\",3\n\
             1,\"'=HYPERLINK(\"\"http://evil.example\"\")\",AT,csirt,P-2,12,\n\
             2,Team B,DE,csirt,P-1,-2.5,4\n",
        ),
        (
            "scores.csv",
            "response_id,organisation_id,organisation,country,audience,questionnaire,version,completeness,P-1,tier,tier_table\n\
             1,10,Team A,AT,csirt,csirt-maturity,1,0.5,3,basic,baseline\n",
        ),
        (
            "aggregates.csv",
            "audience,country,measure,n,responses,mean,median,min,max,suppressed\n\
             csirt,ALL,P-1,3,3,3.5,4,3,4,false\n\
             csirt,AT,P-1,,,,,,,true\n",
        ),
    ];
    for (name, body) in files {
        std::fs::write(dir.path().join(name), format!("{TLP_LINE}\n{body}")).expect("written");
    }
    dir
}

fn workbook(dir: &Path, tables: &[&str], sheet_rows: u32) -> Xlsx<Cursor<Vec<u8>>> {
    let mut out = Cursor::new(Vec::new());
    write_sheets(dir, tables, &mut out, sheet_rows).expect("a workbook");
    open_workbook_from_rs(Cursor::new(out.into_inner())).expect("it opens")
}

fn text(s: &str) -> Data {
    Data::String(s.to_owned())
}

#[test]
fn each_table_is_a_sheet_headed_by_its_tlp_line_with_text_and_numbers_kept_apart() {
    let dir = build_folder();
    let tables = ["answers.csv", "scores.csv", "aggregates.csv"];
    let mut book = workbook(dir.path(), &tables, SHEET_ROWS);
    assert_eq!(book.sheet_names(), ["answers", "scores", "aggregates"]);

    let answers = book.worksheet_range("answers").expect("answers");
    let line = TLP_LINE.trim_start_matches("# ");
    assert_eq!(answers.get_value((0, 0)), Some(&text(line)));
    assert_eq!(answers.get_value((1, 5)), Some(&text("value")));
    // Formula-like text stays neutralised as in the CSV; numbers are numbers.
    assert_eq!(
        answers.get_value((2, 1)),
        Some(&text("'=HYPERLINK(\"http://evil.example\")"))
    );
    assert_eq!(answers.get_value((2, 5)), Some(&text("'-1+2")));
    assert_eq!(answers.get_value((2, 0)), Some(&Data::Float(1.0)));
    assert_eq!(answers.get_value((2, 6)), Some(&Data::Float(3.0)));
    // A number entered is a number; an empty level is an empty cell.
    assert_eq!(answers.get_value((3, 5)), Some(&Data::Float(12.0)));
    assert_eq!(answers.get_value((3, 6)), Some(&Data::Empty));
    assert_eq!(answers.get_value((4, 5)), Some(&Data::Float(-2.5)));
    assert_eq!(answers.get_value((4, 2)), Some(&text("DE")));

    let scores = book.worksheet_range("scores").expect("scores");
    assert_eq!(
        scores.get_value((2, 6)),
        Some(&text("1")),
        "a version is text"
    );
    assert_eq!(scores.get_value((2, 7)), Some(&Data::Float(0.5)));
    assert_eq!(scores.get_value((2, 9)), Some(&text("basic")));

    let aggregates = book.worksheet_range("aggregates").expect("aggregates");
    assert_eq!(aggregates.get_value((0, 0)), Some(&text(line)));
    assert_eq!(aggregates.get_value((2, 5)), Some(&Data::Float(3.5)));
    assert_eq!(aggregates.get_value((2, 9)), Some(&Data::Bool(false)));
    assert_eq!(aggregates.get_value((3, 9)), Some(&Data::Bool(true)));

    for sheet in tables.map(|t| t.trim_end_matches(".csv")) {
        let formulas = book.worksheet_formula(sheet).expect("formulas");
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "{sheet} has a formula"
        );
    }
}

#[test]
fn a_table_longer_than_a_sheet_goes_on_in_the_next_with_the_same_headings() {
    let dir = build_folder();
    let mut book = workbook(dir.path(), &["answers.csv"], 4);
    assert_eq!(book.sheet_names(), ["answers", "answers (2)"]);
    let second = book.worksheet_range("answers (2)").expect("second part");
    assert_eq!(second.get_value((1, 0)), Some(&text("response_id")));
    assert_eq!(second.get_value((2, 2)), Some(&text("DE")));
}

#[test]
fn a_missing_table_is_an_error_not_an_empty_sheet() {
    let dir = tempfile::tempdir().expect("a folder");
    let out = Cursor::new(Vec::new());
    assert!(write_workbook(dir.path(), &["answers.csv"], out).is_err());
}
