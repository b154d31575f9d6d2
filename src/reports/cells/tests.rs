//! The cell rule: what a spreadsheet would run is neutralised, numbers stay numbers, and a
//! standard CSV reader reads back what was meant.

use super::*;

fn written(cell: Cell<'_>) -> String {
    let mut out = Vec::new();
    cell.write(&mut out);
    String::from_utf8(out).expect("utf-8")
}

/// What a standard CSV reader makes of `cell` written as the middle of three fields.
fn read_back(cell: Cell<'_>) -> String {
    let mut line = Vec::new();
    write_record(&mut line, [Cell::Text("a"), cell, Cell::Text("z")]);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_slice());
    let record = reader
        .records()
        .next()
        .expect("a record")
        .expect("valid CSV");
    assert_eq!(record.len(), 3, "{line:?}");
    record[1].to_owned()
}

#[test]
fn text_beginning_like_a_formula_is_prefixed_with_a_quote_and_quoted() {
    for (text, cell) in [
        ("=1+2", "\"'=1+2\""),
        ("+1", "\"'+1\""),
        ("-1+2", "\"'-1+2\""),
        ("-1.5", "\"'-1.5\""),
        ("@SUM(A1:A9)", "\"'@SUM(A1:A9)\""),
        ("\t=1", "\"'\t=1\""),
        ("\r=1", "\"'\r=1\""),
        (
            "=HYPERLINK(\"http://evil.example\",\"click\")",
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"",
        ),
        ("=cmd|' /C calc'!A0", "\"'=cmd|' /C calc'!A0\""),
        // Spreadsheets may skip leading white space, and some read full-width signs as ASCII.
        (" =spaced", "\"' =spaced\""),
        ("\n=1", "\"'\n=1\""),
        ("\u{3000}+1", "\"'\u{3000}+1\""),
        ("＝1+2", "\"'＝1+2\""),
        ("＠SUM(A1)", "\"'＠SUM(A1)\""),
        ("﹦1+2", "\"'﹦1+2\""),
    ] {
        assert_eq!(written(Cell::Text(text)), cell, "{text:?}");
        assert_eq!(read_back(Cell::Text(text)), format!("'{text}"), "{text:?}");
    }
}

#[test]
fn other_text_is_written_as_rfc_4180_asks() {
    for (text, cell) in [
        ("", ""),
        ("O-1", "O-1"),
        ("Alpine CSIRT", "Alpine CSIRT"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("two\nlines", "\"two\nlines\""),
        ("cr\r", "\"cr\r\""),
        ("#hash", "#hash"),
        (" spaced", " spaced"),
        ("'=already", "'=already"),
        ("a;b", "a;b"),
        ("ünïcödé", "ünïcödé"),
    ] {
        assert_eq!(written(Cell::Text(text)), cell, "{text:?}");
        assert_eq!(read_back(Cell::Text(text)), text, "{text:?}");
    }
}

#[test]
fn text_comes_out_as_the_csv_crate_writes_it_unless_it_is_neutralised() {
    for text in ["", "O-1", "{\"choice\":\"3\"}", "a,b", "x\"", "a\nb", "ok"] {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record([text, "x"]).expect("written");
        let mut bytes = writer.into_inner().expect("flushed");
        bytes.truncate(bytes.len() - ",x\n".len());
        assert_eq!(written(Cell::Text(text)).into_bytes(), bytes, "{text:?}");
    }
}

#[test]
fn numbers_the_program_wrote_stay_numeric_even_when_negative() {
    assert_eq!(written(Cell::Decimal(-1.5, 2)), "-1.5");
    assert_eq!(written(Cell::Number(-1.5)), "-1.5");
    assert_eq!(written(Cell::Integer(-3)), "-3");
    assert_eq!(read_back(Cell::Decimal(-1.5, 2)), "-1.5");
}

#[test]
fn decimals_are_rounded_and_lose_trailing_zeros() {
    for (x, places, cell) in [
        (2.5, 2, "2.5"),
        (3.0, 2, "3"),
        (1.0 / 3.0, 2, "0.33"),
        (2.0 / 3.0, 2, "0.67"),
        (4.0 / 3.0, 2, "1.33"),
        (0.977_777_777_777_777_8, 3, "0.978"),
        (2.999, 2, "3"),
        (0.1 + 0.2, 2, "0.3"),
        (12.0, 0, "12"),
        (1e20, 2, "100000000000000000000"),
    ] {
        assert_eq!(written(Cell::Decimal(x, places)), cell, "{x} to {places}");
    }
}

#[test]
fn zero_is_never_written_with_a_sign() {
    assert_eq!(written(Cell::Decimal(-0.0, 2)), "0");
    assert_eq!(written(Cell::Decimal(-0.001, 2)), "0");
    assert_eq!(written(Cell::Decimal(-0.4, 0)), "0");
    assert_eq!(written(Cell::Number(-0.0)), "0");
}

#[test]
fn numbers_as_given_keep_their_digits() {
    assert_eq!(written(Cell::Number(0.1)), "0.1");
    assert_eq!(written(Cell::Number(12.0)), "12");
    assert_eq!(written(Cell::Number(-7.25)), "-7.25");
}

#[test]
fn values_that_are_not_numbers_are_left_empty() {
    for x in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(written(Cell::Decimal(x, 2)), "");
        assert_eq!(written(Cell::Number(x)), "");
    }
}

#[test]
fn a_record_joins_cells_with_commas_and_ends_the_line() {
    let mut out = Vec::new();
    write_record(
        &mut out,
        [
            Cell::Integer(7),
            Cell::Text("=x"),
            Cell::Empty,
            Cell::Bool(true),
        ],
    );
    assert_eq!(out, b"7,\"'=x\",,true\n");
}

#[test]
fn the_comment_line_stays_one_cell_beginning_with_a_hash() {
    let line = comment_line("TLP:AMBER — a,=1+2 — \"=x\"\nnext");
    assert_eq!(line, "# TLP:AMBER — a，=1+2 — ＂=x＂ next");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(line.as_bytes());
    let record = reader.records().next().expect("a record").expect("valid");
    assert_eq!(record.len(), 1);
    assert!(record[0].starts_with('#'));
}

#[test]
fn text_outside_csv_is_neutralised_as_csv_reads_back() {
    for text in [
        "=1+2", "-1.5", " =spaced", "＝1+2", "\t=1", "plain", "1.5", "a=b",
    ] {
        assert_eq!(neutralised(text), read_back(Cell::Text(text)), "{text:?}");
    }
}
