//! Bad lists are refused whole, on every backend: each problem is named with
//! its row, column and reason, and nothing at all is written.

use liaison::audit::Actor;
use serde_json::{Value, json};

use super::*;

/// A row that would import on its own: its address is not in the campaign yet.
const GOOD: &str =
    "night-shift@alpine-csirt.example.org,Night Shift,Alpine National CSIRT,csirt,AT,de";

/// Imports `bytes` as CSV into a campaign already holding the sample, checks
/// that it is refused and that nothing changed, and returns the problems.
fn refused_csv(db: &TestDb, bytes: &[u8]) -> Vec<String> {
    refused(db, |conn, campaign| {
        participants::import_csv(conn, campaign, bytes, &Actor::Cli)
    })
}

/// The same through the JSON path, with `rows` as the API receives them.
fn refused_json(db: &TestDb, rows: Value) -> Vec<String> {
    let rows: Vec<RawParticipant> = serde_json::from_value(rows).expect("rows parse");
    refused(db, |conn, campaign| {
        participants::import_json(conn, campaign, rows, &Actor::Cli)
    })
}

fn refused(
    db: &TestDb,
    import: impl FnOnce(&mut DbConn, &CampaignDetails) -> Result<ImportReport, ImportError>,
) -> Vec<String> {
    let mut conn = db.conn();
    let campaign = cooperation_campaign(&mut conn);
    participants::import_csv(&mut conn, &campaign, SAMPLE, &Actor::Cli).expect("import the sample");
    let before = stored(&mut conn, &campaign);

    let err = import(&mut conn, &campaign).expect_err("the list is refused");

    assert!(matches!(err, ImportError::Invalid(_)), "{db}: {err:?}");
    assert_eq!(
        stored(&mut conn, &campaign),
        before,
        "{db}: nothing is written"
    );
    err.problems().iter().map(ToString::to_string).collect()
}

#[test]
fn a_malformed_email_is_refused_with_its_row_and_column() {
    for db in TestDb::all() {
        let problems = refused_csv(
            &db,
            &csv_file(&[
                GOOD,
                "duty.example.org,Duty Desk,Alpine National CSIRT,csirt,AT,",
            ]),
        );
        assert_eq!(
            problems,
            [r#"row 3, column email: malformed e-mail address "duty.example.org": it has no @"#],
            "{db}"
        );
    }
}

#[test]
fn an_unknown_type_is_refused_with_the_types_there_are() {
    for db in TestDb::all() {
        let problems = refused_csv(
            &db,
            &csv_file(&[
                GOOD,
                "duty@police.example.org,Duty Desk,Police Graz,police,AT,",
            ]),
        );
        assert_eq!(
            problems,
            [r#"row 3, column type: unknown type "police" (expected csirt, lea or judiciary)"#],
            "{db}"
        );
    }
}

#[test]
fn an_unknown_country_is_refused_with_an_example_of_a_code() {
    for db in TestDb::all() {
        let problems = refused_csv(
            &db,
            &csv_file(&[GOOD, "soc@csirt.example.org,SOC,Atlantis CSIRT,csirt,XX,"]),
        );
        assert_eq!(
            problems,
            [
                r#"row 3, column country: unknown country "XX" (expected an ISO 3166-1 alpha-2 code such as AT or DE)"#
            ],
            "{db}"
        );
    }
}

#[test]
fn an_audience_without_a_questionnaire_in_the_campaign_is_refused() {
    for db in TestDb::all() {
        let problems = refused_csv(
            &db,
            &csv_file(&[
                GOOD,
                "registry@court.example.org,Registry,Regional Court Graz,judiciary,AT,de",
            ]),
        );
        assert_eq!(
            problems,
            [
                "row 3, column type: the campaign has no questionnaire for judiciary (only for csirt and lea)"
            ],
            "{db}"
        );
    }
}

#[test]
fn an_address_twice_in_the_file_is_refused_naming_the_earlier_row() {
    for db in TestDb::all() {
        let problems = refused_csv(
            &db,
            &csv_file(&[
                GOOD,
                "other@csirt.example.org,Other Desk,Alpine National CSIRT,csirt,AT,",
                "Night-Shift@Alpine-CSIRT.example.org,Night Shift,Alpine National CSIRT,csirt,AT,",
            ]),
        );
        assert_eq!(
            problems,
            [
                r#"row 4, column email: duplicate e-mail address "Night-Shift@alpine-csirt.example.org": already on row 2"#
            ],
            "{db}"
        );
    }
}

#[test]
fn a_wrong_header_is_refused_naming_what_is_missing_and_unexpected() {
    for db in TestDb::all() {
        let problems = refused_csv(
            &db,
            b"e-mail,name,organisation,kind,country\nduty@x.example.org,Duty,CSIRT,csirt,AT\n",
        );
        assert_eq!(
            problems,
            [
                "row 1: wrong header: missing columns \"email\", \"type\"; unexpected columns \
                 \"e-mail\", \"kind\" (expected the columns email, name, organisation, type, \
                 country and optionally language, in any order)"
            ],
            "{db}"
        );
    }
}

#[test]
fn a_file_that_is_not_utf8_is_refused_with_the_row() {
    for db in TestDb::all() {
        // "Landeskriminalamt München" as a spreadsheet saves it in Latin-1.
        let mut bytes = csv_file(&[GOOD]);
        bytes.extend_from_slice(
            b"\nduty@lka.example.org,Duty Desk,Landeskriminalamt M\xfcnchen,lea,DE,de",
        );
        let problems = refused_csv(&db, &bytes);
        assert_eq!(
            problems,
            [
                r#"row 3, column organisation: not UTF-8 (save the file as UTF-8; in a spreadsheet choose "CSV UTF-8")"#
            ],
            "{db}"
        );
    }
}

#[test]
fn a_row_with_too_few_values_is_refused() {
    for db in TestDb::all() {
        let problems = refused_csv(
            &db,
            &csv_file(&[
                GOOD,
                "duty@lka.example.org,Duty Desk,LKA Musterland, Cybercrime,lea,DE,de",
            ]),
        );
        assert_eq!(
            problems,
            [
                r#"row 3: has 7 values but the header has 6 (a value containing ',' must be in double quotes)"#
            ],
            "{db}"
        );
    }
}

/// Six bad rows after a good one; as CSV their row numbers are their lines.
const SEVERAL_BAD: [&str; 7] = [
    GOOD,
    "duty.example.org,Duty Desk,Alpine National CSIRT,csirt,AT,",
    "duty@police.example.org,Duty Desk,Police Graz,police,AT,",
    "soc@csirt.example.org,SOC,Hellenic Response Team,csirt,EL,en",
    "registry@court.example.org,Registry,Regional Court Graz,judiciary,AT,de",
    "NIGHT-SHIFT@alpine-csirt.example.org,Night Shift,Alpine National CSIRT,csirt,AT,",
    ",,Alpine National CSIRT,csirt,AT,xx",
];

#[test]
fn a_file_with_several_bad_rows_lists_every_problem() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let campaign = cooperation_campaign(&mut conn);

        let err =
            participants::import_csv(&mut conn, &campaign, &csv_file(&SEVERAL_BAD), &Actor::Cli)
                .expect_err("refused");

        assert_eq!(
            err.to_string(),
            "the participant list has 8 problems, so nothing was imported:\n\
             row 3, column email: malformed e-mail address \"duty.example.org\": it has no @\n\
             row 4, column type: unknown type \"police\" (expected csirt, lea or judiciary)\n\
             row 5, column country: unknown country \"EL\" (expected an ISO 3166-1 alpha-2 code such as AT or DE; did you mean GR?)\n\
             row 6, column type: the campaign has no questionnaire for judiciary (only for csirt and lea)\n\
             row 7, column email: duplicate e-mail address \"NIGHT-SHIFT@alpine-csirt.example.org\": already on row 2\n\
             row 8, column email: required but empty\n\
             row 8, column name: required but empty\n\
             row 8, column language: unknown language \"xx\" (expected a two-letter ISO 639-1 code such as de or en, or nothing)",
            "{db}"
        );
        assert_eq!(
            stored(&mut conn, &campaign),
            (0, 0),
            "{db}: not even the good row"
        );
    }
}

#[test]
fn the_json_path_reports_the_same_problems_numbered_by_position() {
    for db in TestDb::all() {
        let rows: Vec<Value> = SEVERAL_BAD
            .iter()
            .map(|line| {
                let v: Vec<&str> = line.split(',').collect();
                json!({"email": v[0], "name": v[1], "organisation": v[2],
                       "type": v[3], "country": v[4], "language": v[5]})
            })
            .collect();
        let problems = refused_json(&db, Value::Array(rows));

        // The same reasons as for the CSV file, each one row lower: a JSON
        // row is a position in the array, with no header to count.
        assert_eq!(
            problems,
            [
                r#"row 2, column email: malformed e-mail address "duty.example.org": it has no @"#,
                r#"row 3, column type: unknown type "police" (expected csirt, lea or judiciary)"#,
                r#"row 4, column country: unknown country "EL" (expected an ISO 3166-1 alpha-2 code such as AT or DE; did you mean GR?)"#,
                "row 5, column type: the campaign has no questionnaire for judiciary (only for csirt and lea)",
                r#"row 6, column email: duplicate e-mail address "NIGHT-SHIFT@alpine-csirt.example.org": already on row 1"#,
                "row 7, column email: required but empty",
                "row 7, column name: required but empty",
                r#"row 7, column language: unknown language "xx" (expected a two-letter ISO 639-1 code such as de or en, or nothing)"#,
            ],
            "{db}"
        );
    }
}

#[test]
fn json_with_a_missing_key_is_refused_naming_the_column() {
    for db in TestDb::all() {
        let problems = refused_json(
            &db,
            json!([{"email": "duty@csirt.example.org", "name": "Duty Desk",
                    "organisation": "Alpine National CSIRT", "type": "csirt"}]),
        );
        assert_eq!(
            problems,
            ["row 1, column country: required but empty"],
            "{db}"
        );
    }
}
