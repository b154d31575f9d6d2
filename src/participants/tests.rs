//! Reading and checking participant lists, without a database.

use super::*;
use crate::participants::OrganisationKind::{Csirt, Lea};

const HEADER: &str = "email,name,organisation,type,country,language";

/// A CSV file: the standard header, then `rows`.
fn file(rows: &[&str]) -> Vec<u8> {
    std::iter::once(HEADER)
        .chain(rows.iter().copied())
        .collect::<Vec<_>>()
        .join("\n")
        .into_bytes()
}

/// The problems `check_csv` finds, as displayed.
fn problems(bytes: &[u8]) -> Vec<String> {
    match check_csv(bytes, &[Csirt, Lea]) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems().iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn a_good_row_becomes_a_normalised_record() {
    let records = check_csv(
        &file(&[" Desk@CSIRT.Example.org , Incident Response Desk ,Alpine CSIRT, CSIRT ,at,DE"]),
        &[Csirt],
    );
    let record = records.ok().and_then(|r| r.into_iter().next());
    let record = record.as_ref();
    assert_eq!(record.map(|r| r.email()), Some("Desk@csirt.example.org"));
    assert_eq!(record.map(|r| r.name()), Some("Incident Response Desk"));
    assert_eq!(record.map(|r| r.kind()), Some(Csirt));
    assert_eq!(record.map(|r| r.country()), Some("AT"));
    assert_eq!(record.and_then(|r| r.language()), Some("de"));
    assert_eq!(record.map(|r| r.row()), Some(2));
}

#[test]
fn columns_may_come_in_any_order_and_language_may_be_left_out() {
    let bytes =
        b"Country,Type,Email,Name,Organisation\nDE,lea,desk@lka.example.org,Duty Desk,LKA\n";
    let records = check_csv(bytes, &[Lea]).ok().unwrap_or_default();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].country(), "DE");
    assert_eq!(records[0].language(), None);
}

#[test]
fn a_semicolon_separated_file_from_a_spreadsheet_is_read() {
    let bytes = "\u{feff}email;name;organisation;type;country\n\
                 desk@lka.example.org;Duty Desk;LKA Musterland, Cybercrime;lea;DE\n";
    let records = check_csv(bytes.as_bytes(), &[Lea]).ok().unwrap_or_default();
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].organisation(), "LKA Musterland, Cybercrime");
}

#[test]
fn every_problem_of_every_row_is_listed_with_its_row_and_column() {
    let found = problems(&file(&[
        "desk.example.org,Desk,CSIRT,csirt,AT,",
        "ok@example.org,,CSIRT,police,XX,deu",
    ]));
    assert_eq!(
        found,
        [
            r#"row 2, column email: malformed e-mail address "desk.example.org": it has no @"#,
            "row 3, column name: required but empty",
            r#"row 3, column type: unknown type "police" (expected csirt, lea or judiciary)"#,
            r#"row 3, column country: unknown country "XX" (expected an ISO 3166-1 alpha-2 code such as AT or DE)"#,
            r#"row 3, column language: unknown language "deu" (expected a two-letter ISO 639-1 code such as de or en, or nothing)"#,
        ]
    );
}

#[test]
fn a_repeated_address_names_the_earlier_row_whatever_its_case() {
    let found = problems(&file(&[
        "desk@example.org,Desk,CSIRT,csirt,AT,",
        "other@example.org,Other,CSIRT,csirt,AT,",
        "DESK@Example.org,Desk again,CSIRT,csirt,AT,",
    ]));
    assert_eq!(
        found,
        [r#"row 4, column email: duplicate e-mail address "DESK@example.org": already on row 2"#]
    );
}

#[test]
fn rows_are_numbered_by_line_so_quoted_line_breaks_do_not_shift_them() {
    let found = problems(&file(&[
        "a@example.org,\"Desk\nsecond line\",CSIRT,csirt,AT,",
        "b@example.org,Desk,CSIRT,csirt,XX,",
    ]));
    assert_eq!(found.len(), 2);
    assert!(
        found[0].starts_with("row 2, column name: \"Desk\\nsecond line\" contains"),
        "{found:?}"
    );
    assert!(found[1].starts_with("row 4, column country:"), "{found:?}");
}

#[test]
fn rows_are_numbered_the_same_with_windows_line_endings() {
    let unix = file(&[
        "a@example.org,Desk,CSIRT,csirt,AT,",
        "b@example.org,Desk,CSIRT,csirt,XX,",
        "c@example.org,\"Desk\nsecond line\",CSIRT,csirt,AT,",
        "d@example.org,Desk,CSIRT,csirt,YY,",
    ]);
    let windows: Vec<u8> = String::from_utf8(unix.clone())
        .expect("text")
        .replace('\n', "\r\n")
        .into_bytes();
    let found = problems(&windows);
    let rows = |found: &[String]| -> Vec<String> {
        found
            .iter()
            .map(|p| p.split(',').next().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(rows(&found), rows(&problems(&unix)));
    assert!(found[0].starts_with("row 3, column country:"), "{found:?}");
    assert!(
        found
            .last()
            .expect("a problem")
            .starts_with("row 6, column country:"),
        "{found:?}"
    );
}

#[test]
fn blank_rows_are_skipped_but_short_rows_are_not() {
    let found = problems(&file(&[",,,,,", "a@example.org,Desk,CSIRT,csirt,AT"]));
    assert_eq!(
        found,
        [
            r#"row 3: has 5 values but the header has 6 (a value containing ',' must be in double quotes)"#
        ]
    );
}

#[test]
fn a_value_that_is_not_utf8_is_reported_with_the_other_problems() {
    let mut bytes = file(&["a@example.org,Desk,CSIRT,csirt,AT,"]);
    bytes.extend_from_slice(b"\nb@example.org,Desk,Landeskriminalamt M\xfcnchen,lea,DE,de");
    bytes.extend_from_slice(b"\nc@example.org,Desk,CSIRT,csirt,EL,");
    assert_eq!(
        problems(&bytes),
        [
            r#"row 3, column organisation: not UTF-8 (save the file as UTF-8; in a spreadsheet choose "CSV UTF-8")"#,
            r#"row 4, column country: unknown country "EL" (expected an ISO 3166-1 alpha-2 code such as AT or DE; did you mean GR?)"#,
        ]
    );
}

#[test]
fn a_wrong_header_names_what_is_missing_and_what_is_unexpected() {
    let found = problems(b"email,name,organisation,kind,language,Email\n");
    assert_eq!(
        found,
        [
            "row 1: wrong header: missing columns \"type\", \"country\"; unexpected column \"kind\"; \
             column \"Email\" more than once (expected the columns email, name, organisation, \
             type, country and optionally language, in any order)"
        ]
    );
}

#[test]
fn empty_files_and_files_without_rows_are_refused() {
    assert_eq!(
        problems(b" \n"),
        [
            "row 1: the file is empty; expected the columns email, name, organisation, type, \
          country and optionally language, in any order"
        ]
    );
    assert_eq!(
        problems(&file(&[])),
        ["row 2: no participants: the file has a header but no rows"]
    );
    assert!(problems(&[0xFF, 0xFE, b'e', 0])[0].contains("the file is UTF-16"));
}

#[test]
fn json_rows_are_numbered_by_position_and_missing_keys_are_named() {
    let rows: Vec<RawParticipant> = serde_json::from_str(
        r#"[{"email": "a@example.org", "name": "Desk", "organisation": "CSIRT",
             "type": "csirt", "country": "AT"},
            {"email": "b@example.org", "name": "Desk", "organisation": "CSIRT", "type": "lea"}]"#,
    )
    .unwrap_or_default();
    let found: Vec<String> = match check(rows, &[Csirt]) {
        Ok(_) => Vec::new(),
        Err(e) => e.problems().iter().map(ToString::to_string).collect(),
    };
    assert_eq!(
        found,
        [
            "row 2, column type: the campaign has no questionnaire for lea (only for csirt)",
            "row 2, column country: required but empty",
        ]
    );
}
