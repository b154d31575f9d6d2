//! Importing participants into a campaign, from CSV and from JSON, on every
//! backend: every row is checked first, a bad row means nothing is imported,
//! and importing the same list twice adds nobody twice.

mod labels;
mod refused;

use std::path::Path;

use chrono::NaiveDate;
use diesel::connection::SimpleConnection;
use liaison::audit::Actor;
use liaison::campaigns::Tlp;
use liaison::participants::OrganisationKind;
use liaison::participants::{self, ImportError, ImportReport, RawParticipant};
use liaison::questionnaire::Catalogue;
use liaison::storage::campaigns::{
    CampaignDetails, NewCampaign, QuestionnaireChoice, close_campaign, create_campaign,
};
use liaison::storage::organisations::list_organisations;
use liaison::storage::participants::{count_participants, list_participants};
use liaison::storage::questionnaires::record_catalogue;
use liaison::storage::{Backend, DbConn, StorageError};

use crate::test_db::TestDb;

/// The sample list shipped for users to start from.
const SAMPLE: &[u8] = include_bytes!("../../assets/participants-sample.csv");

const HEADER: &str = "email,name,organisation,type,country,language";

/// A CSV file: the usual header, then `rows`.
fn csv_file(rows: &[&str]) -> Vec<u8> {
    std::iter::once(HEADER)
        .chain(rows.iter().copied())
        .collect::<Vec<_>>()
        .join("\n")
        .into_bytes()
}

/// A campaign asking CSIRTs and LEAs the shipped cooperation questionnaires;
/// there is no judiciary questionnaire.
fn cooperation_campaign(conn: &mut DbConn) -> CampaignDetails {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    let catalogue = Catalogue::load(&folder).expect("the shipped questionnaires load");
    record_catalogue(conn, &catalogue).expect("record the questionnaires");
    let questionnaires = [
        (OrganisationKind::Csirt, "csirt-le-cooperation-csirt"),
        (OrganisationKind::Lea, "csirt-le-cooperation-lea"),
    ]
    .map(|(audience, id)| QuestionnaireChoice {
        audience,
        questionnaire_id: id.to_owned(),
        questionnaire_version: catalogue.get(id).expect(id).version().to_owned(),
    });
    let new = NewCampaign {
        name: "CSIRT–LE cooperation 2027".to_owned(),
        tlp: Tlp::Amber,
        sender_organisation: "CSIRTs Network secretariat".to_owned(),
        closes_on: NaiveDate::from_ymd_opt(2027, 6, 30).expect("a date"),
        questionnaires: questionnaires.to_vec(),
    };
    create_campaign(conn, &new).expect("create the campaign")
}

/// How many participants the campaign and organisations the database hold.
fn stored(conn: &mut DbConn, campaign: &CampaignDetails) -> (i64, usize) {
    let participants = count_participants(conn, campaign.campaign.id).expect("count");
    let organisations = list_organisations(conn).expect("organisations").len();
    (participants, organisations)
}

#[test]
fn the_sample_file_imports_every_participant() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let campaign = cooperation_campaign(&mut conn);

        let report =
            participants::import_csv(&mut conn, &campaign, SAMPLE, &Actor::Cli).expect("import");

        let expected = ImportReport {
            added: 12,
            already_present: 0,
        };
        assert_eq!(report, expected, "{db}");
        assert_eq!(
            report.to_string(),
            "12 participants added, 0 already in the campaign"
        );
        let stored_participants = list_participants(&mut conn, campaign.campaign.id).expect("list");
        let liaison = stored_participants
            .iter()
            .find(|p| p.email == "liaison@lka-musterland.example.org")
            .expect("the LKA liaison officer");
        assert_eq!(liaison.name, "Liaison Officer", "{db}");
        assert_eq!(liaison.audience, OrganisationKind::Lea, "{db}");
        assert_eq!(liaison.language.as_deref(), Some("de"), "{db}");
        let organisations = list_organisations(&mut conn).expect("organisations");
        assert_eq!(organisations.len(), 12, "{db}");
        let krakow = organisations
            .iter()
            .find(|o| o.name == "Regional Police Kraków, Cybercrime Section")
            .expect("a quoted name with a comma and a non-ASCII letter");
        assert_eq!(
            (krakow.country.as_str(), krakow.kind),
            ("PL", OrganisationKind::Lea)
        );
    }
}

#[test]
fn importing_the_same_file_twice_adds_nobody_twice() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let campaign = cooperation_campaign(&mut conn);
        participants::import_csv(&mut conn, &campaign, SAMPLE, &Actor::Cli).expect("first import");
        let after_first = stored(&mut conn, &campaign);

        let again = participants::import_csv(&mut conn, &campaign, SAMPLE, &Actor::Cli)
            .expect("second import");

        let expected = ImportReport {
            added: 0,
            already_present: 12,
        };
        assert_eq!(again, expected, "{db}");
        assert_eq!(stored(&mut conn, &campaign), after_first, "{db}");
    }
}

#[test]
fn an_address_already_in_the_campaign_is_not_added_again_whatever_its_case() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let campaign = cooperation_campaign(&mut conn);
        participants::import_csv(&mut conn, &campaign, SAMPLE, &Actor::Cli)
            .expect("import the sample");

        let report = participants::import_csv(
            &mut conn,
            &campaign,
            &csv_file(&[
                "INCIDENT-DESK@Alpine-CSIRT.example.org,Incident Response Desk,Alpine National CSIRT,csirt,AT,de",
                "night-shift@alpine-csirt.example.org,Night Shift,Alpine National CSIRT,csirt,AT,de",
            ]),
            &Actor::Cli,
        )
        .expect("import");

        let expected = ImportReport {
            added: 1,
            already_present: 1,
        };
        assert_eq!(report, expected, "{db}");
        assert_eq!(
            stored(&mut conn, &campaign),
            (13, 12),
            "{db}: the CSIRT is reused"
        );
    }
}

#[test]
fn the_json_path_imports_what_the_csv_path_imports() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let campaign = cooperation_campaign(&mut conn);
        let rows = participants::read_csv(SAMPLE).expect("the sample reads");
        let json = serde_json::to_string(&rows).expect("rows serialise");
        let from_json: Vec<RawParticipant> = serde_json::from_str(&json).expect("rows parse");

        let report = participants::import_json(&mut conn, &campaign, from_json, &Actor::Cli)
            .expect("import");

        assert_eq!(report.added, 12, "{db}");
        let again = participants::import_csv(&mut conn, &campaign, SAMPLE, &Actor::Cli)
            .expect("csv import");
        assert_eq!(again.already_present, 12, "{db}: the same participants");
    }
}

#[test]
fn a_closed_campaign_takes_no_participants() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let open = cooperation_campaign(&mut conn);
        let records = participants::check_csv(SAMPLE, &participants::audiences(&open))
            .expect("the sample passes the checks");
        let id = open.campaign.id;
        let closed = close_campaign(&mut conn, id).expect("close");

        let from_csv = participants::import_csv(&mut conn, &closed, SAMPLE, &Actor::Cli);
        let checked_before_closing = participants::import(&mut conn, id, &records, &Actor::Cli);

        for result in [from_csv, checked_before_closing] {
            let err = result.expect_err("a closed campaign refuses");
            assert!(
                matches!(err, ImportError::CampaignClosed(n) if n == id),
                "{db}: {err:?}"
            );
            assert_eq!(
                err.to_string(),
                format!("campaign {id} is closed; it takes no new participants")
            );
        }
        assert_eq!(stored(&mut conn, &closed), (0, 0), "{db}");
    }
}

#[test]
fn importing_into_a_campaign_that_does_not_exist_is_refused() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let campaign = cooperation_campaign(&mut conn);
        let records = participants::check_csv(SAMPLE, &participants::audiences(&campaign))
            .expect("the sample passes the checks");

        let err = participants::import(&mut conn, 999, &records, &Actor::Cli)
            .expect_err("no such campaign");

        assert!(
            matches!(
                err,
                ImportError::Storage(StorageError::NotFound {
                    what: "campaign",
                    ..
                })
            ),
            "{db}: {err:?}"
        );
        assert_eq!(
            list_organisations(&mut conn).expect("organisations"),
            [],
            "{db}"
        );
    }
}

#[test]
fn a_database_failure_half_way_leaves_nothing_behind() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let campaign = cooperation_campaign(&mut conn);
        // A trigger refuses the sample's last participant, after the others
        // and their organisations have been written in the same transaction.
        let last = "head-of-operations@liffey-csirt.example.org";
        let trigger = match db.backend {
            Backend::Sqlite => format!(
                "CREATE TRIGGER refuse_last BEFORE INSERT ON participants \
                 WHEN NEW.email = '{last}' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;"
            ),
            Backend::Postgres => format!(
                "CREATE FUNCTION refuse_last() RETURNS trigger AS $$ BEGIN \
                   IF NEW.email = '{last}' THEN RAISE EXCEPTION 'refused by the test'; END IF; \
                   RETURN NEW; END $$ LANGUAGE plpgsql; \
                 CREATE TRIGGER refuse_last BEFORE INSERT ON participants \
                   FOR EACH ROW EXECUTE FUNCTION refuse_last();"
            ),
        };
        conn.batch_execute(&trigger).expect("create the trigger");

        let err = participants::import_csv(&mut conn, &campaign, SAMPLE, &Actor::Cli)
            .expect_err("refused");

        assert!(matches!(err, ImportError::Storage(_)), "{db}: {err:?}");
        assert!(
            err.to_string().contains("refused by the test"),
            "{db}: {err}"
        );
        assert_eq!(
            stored(&mut conn, &campaign),
            (0, 0),
            "{db}: all rolled back"
        );
    }
}
