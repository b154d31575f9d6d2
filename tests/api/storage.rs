//! Storage on every backend: the same tests run on SQLite and, when
//! `TEST_DATABASE_URL` is set, on PostgreSQL.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::Text;
use liaison::questionnaire::{self, Catalogue};
use liaison::storage::campaigns::{
    NewCampaign, QuestionnaireChoice, create_campaign, get_campaign, list_campaigns,
};
use liaison::storage::organisations::{
    NewOrganisation, find_or_create_organisation, list_organisations,
};
use liaison::storage::participants::{NewParticipant, add_participant};
use liaison::storage::questionnaires::{
    NewQuestionnaireSnapshot, get_snapshot, record_catalogue, store_snapshot,
};
use liaison::storage::schema::*;
use liaison::storage::{self, Backend, DbConn, OrganisationKind, StorageError, Tlp};

use crate::test_db::TestDb;

const TABLES: [&str; 14] = [
    "analysts",
    "answers",
    "api_tokens",
    "audit_log",
    "campaign_analysts",
    "campaign_questionnaires",
    "campaigns",
    "invitations",
    "organisations",
    "outbox",
    "participants",
    "questionnaire_snapshots",
    "responses",
    "sessions",
];

#[derive(QueryableByName)]
struct Name {
    #[diesel(sql_type = Text)]
    name: String,
}

#[test]
fn migrations_create_every_table_the_schema_names() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        assert_eq!(
            storage::backend(&conn),
            db.backend,
            "{db}: chosen by the URL"
        );
        let sql = match storage::backend(&conn) {
            Backend::Sqlite => {
                "SELECT name FROM sqlite_master WHERE type = 'table' \
                 AND name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations'"
            }
            Backend::Postgres => {
                "SELECT table_name::text AS name FROM information_schema.tables \
                 WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'"
            }
        };
        let tables: BTreeSet<String> = diesel::sql_query(sql)
            .load::<Name>(&mut conn)
            .expect("list tables")
            .into_iter()
            .map(|t| t.name)
            .collect();
        assert_eq!(tables, TABLES.map(String::from).into(), "{db}");
        select_every_column(&mut conn)
            .unwrap_or_else(|e| panic!("{db}: schema.rs and the migrations differ: {e}"));
    }
}

/// Selecting every column `schema.rs` names fails if a migration lacks one.
fn select_every_column(conn: &mut DbConn) -> QueryResult<()> {
    organisations::table
        .select(organisations::all_columns)
        .execute(conn)?;
    campaigns::table
        .select(campaigns::all_columns)
        .execute(conn)?;
    campaign_questionnaires::table
        .select(campaign_questionnaires::all_columns)
        .execute(conn)?;
    questionnaire_snapshots::table
        .select(questionnaire_snapshots::all_columns)
        .execute(conn)?;
    participants::table
        .select(participants::all_columns)
        .execute(conn)?;
    invitations::table
        .select(invitations::all_columns)
        .execute(conn)?;
    responses::table
        .select(responses::all_columns)
        .execute(conn)?;
    answers::table.select(answers::all_columns).execute(conn)?;
    analysts::table
        .select(analysts::all_columns)
        .execute(conn)?;
    campaign_analysts::table
        .select(campaign_analysts::all_columns)
        .execute(conn)?;
    sessions::table
        .select(sessions::all_columns)
        .execute(conn)?;
    api_tokens::table
        .select(api_tokens::all_columns)
        .execute(conn)?;
    outbox::table.select(outbox::all_columns).execute(conn)?;
    audit_log::table
        .select(audit_log::all_columns)
        .execute(conn)?;
    Ok(())
}

#[test]
fn connecting_again_to_a_migrated_database_works() {
    for db in TestDb::all() {
        let first = db.pool();
        let second = db.pool();
        assert!(second.get().is_ok() && first.get().is_ok(), "{db}");
    }
}

#[test]
fn an_unsupported_database_url_is_refused_with_the_schemes_that_work() {
    let err = storage::connect("mysql://root:secret@db/liaison", 2).expect_err("mysql");
    let message = err.to_string();
    assert!(
        matches!(err, StorageError::UnsupportedUrl { .. }),
        "{message}"
    );
    assert!(
        message.contains("postgres://") && message.contains("sqlite://"),
        "{message}"
    );
    assert!(!message.contains("secret"), "{message}");
}

#[test]
fn a_database_that_cannot_be_opened_is_named_without_its_password() {
    let err = storage::connect("postgres://liaison:secret@127.0.0.1:1/liaison", 2)
        .expect_err("nothing listens on port 1");
    let message = err.to_string();
    assert!(matches!(err, StorageError::Open { .. }), "{message}");
    assert!(
        message.starts_with("cannot open database at postgres://liaison:***@127.0.0.1:1/liaison: "),
        "{message}"
    );

    let dir = tempfile::tempdir().expect("a temporary folder");
    let missing = dir.path().join("no-such-folder").join("liaison.sqlite");
    let err = storage::connect(&missing.display().to_string(), 2).expect_err("missing folder");
    assert!(err.to_string().contains("does not exist"), "{err}");
}

#[test]
fn pooled_sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout() {
    let db = TestDb::sqlite();
    let mut conn = db.conn();
    #[derive(QueryableByName)]
    struct Setting {
        #[diesel(sql_type = Text)]
        value: String,
    }
    let mut setting = |pragma: &str| {
        diesel::sql_query(format!("SELECT CAST(({pragma}) AS TEXT) AS value"))
            .get_result::<Setting>(&mut conn)
            .map(|s| s.value)
            .unwrap_or_else(|e| panic!("{pragma}: {e}"))
    };
    assert_eq!(
        setting("SELECT journal_mode FROM pragma_journal_mode"),
        "wal"
    );
    assert_eq!(setting("SELECT foreign_keys FROM pragma_foreign_keys"), "1");
    assert_eq!(setting("SELECT timeout FROM pragma_busy_timeout"), "5000");
    // NORMAL is 1.
    assert_eq!(setting("SELECT synchronous FROM pragma_synchronous"), "1");
}

#[test]
fn a_campaign_round_trips_with_its_questionnaires() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        store(&mut conn, "csirt-maturity", "1", "[]");
        store(&mut conn, "coop-lea", "2", "[]");
        let new = NewCampaign {
            name: "Maturity 2027".to_owned(),
            tlp: Tlp::Green,
            sender_organisation: "CSIRTs Network secretariat".to_owned(),
            closes_on: NaiveDate::from_ymd_opt(2027, 3, 31).expect("a date"),
            questionnaires: vec![
                choice(OrganisationKind::Lea, "coop-lea", "2"),
                choice(OrganisationKind::Csirt, "csirt-maturity", "1"),
            ],
        };

        let created = create_campaign(&mut conn, &new).expect("create campaign");

        assert_eq!(created.campaign.name, "Maturity 2027", "{db}");
        assert_eq!(created.campaign.tlp, Tlp::Green);
        assert_eq!(created.campaign.state, storage::CampaignState::Open);
        assert_eq!(created.campaign.closed_at, None);
        let audiences: Vec<_> = created.questionnaires.iter().map(|q| q.audience).collect();
        assert_eq!(
            audiences,
            [OrganisationKind::Csirt, OrganisationKind::Lea],
            "{db}"
        );
        assert_eq!(
            get_campaign(&mut conn, created.campaign.id).expect("get campaign"),
            created,
            "{db}"
        );

        let second = create_campaign(
            &mut conn,
            &NewCampaign {
                name: "Cooperation 2027".to_owned(),
                ..new.clone()
            },
        )
        .expect("create second campaign");
        let listed = list_campaigns(&mut conn).expect("list campaigns");
        assert_eq!(
            listed,
            [second, created],
            "{db}: newest first, questionnaires included"
        );
    }
}

#[test]
fn a_campaign_whose_questionnaire_version_was_never_stored_is_refused() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let new = NewCampaign {
            name: "Orphan".to_owned(),
            tlp: Tlp::Amber,
            sender_organisation: "ENISA".to_owned(),
            closes_on: NaiveDate::from_ymd_opt(2027, 1, 1).expect("a date"),
            questionnaires: vec![choice(OrganisationKind::Csirt, "csirt-maturity", "9")],
        };
        let err = create_campaign(&mut conn, &new).expect_err("no snapshot stored");
        assert!(
            matches!(
                err,
                StorageError::NotFound {
                    what: "questionnaire snapshot",
                    ..
                }
            ),
            "{db}: {err}"
        );
        assert_eq!(
            list_campaigns(&mut conn).expect("list").len(),
            0,
            "{db}: nothing half-written"
        );
    }
}

#[test]
fn finding_or_creating_an_organisation_twice_does_not_duplicate_it() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let cert = NewOrganisation {
            name: "CERT-Bund",
            kind: OrganisationKind::Csirt,
            country: "DE",
        };

        let first = find_or_create_organisation(&mut conn, &cert).expect("create");
        let again = find_or_create_organisation(&mut conn, &cert).expect("find");
        let police = find_or_create_organisation(
            &mut conn,
            &NewOrganisation {
                kind: OrganisationKind::Lea,
                ..cert
            },
        )
        .expect("same name, other kind");

        assert_eq!(first, again, "{db}");
        assert_ne!(first.id, police.id, "{db}");
        assert_eq!(
            list_organisations(&mut conn).expect("list").len(),
            2,
            "{db}"
        );
    }
}

#[test]
fn storing_different_content_under_a_stored_questionnaire_version_is_refused() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let original = store(
            &mut conn,
            "csirt-maturity",
            "1",
            r#"[["questionnaire.toml","a"]]"#,
        );
        let same_again = store(
            &mut conn,
            "csirt-maturity",
            "1",
            r#"[["questionnaire.toml","a"]]"#,
        );
        assert_eq!(
            original, same_again,
            "{db}: storing the same files again is a no-op"
        );

        let changed = NewQuestionnaireSnapshot::new(
            "csirt-maturity",
            "1",
            r#"[["questionnaire.toml","b"]]"#.to_owned(),
        );
        let err = store_snapshot(&mut conn, &changed).expect_err("changed content, same version");

        assert!(matches!(err, StorageError::Conflict(_)), "{db}: {err}");
        assert!(
            err.to_string().contains("csirt-maturity version 1"),
            "{db}: {err}"
        );
        assert_eq!(
            get_snapshot(&mut conn, "csirt-maturity", "1").expect("get"),
            original,
            "{db}"
        );
        let files = original.sources().expect("stored content decodes").files;
        assert_eq!(
            files,
            [("questionnaire.toml".to_owned(), "a".to_owned())],
            "{db}"
        );
    }
}

#[test]
fn recording_the_shipped_questionnaires_twice_keeps_one_readable_snapshot_each() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    let catalogue = Catalogue::load(&dir).expect("the shipped questionnaires are valid");
    assert!(!catalogue.is_empty());
    for db in TestDb::all() {
        let mut conn = db.conn();
        record_catalogue(&mut conn, &catalogue).expect("first start");
        record_catalogue(&mut conn, &catalogue).expect("second start, same files");

        let stored: i64 = questionnaire_snapshots::table
            .count()
            .get_result(&mut conn)
            .expect("count");
        assert_eq!(stored, catalogue.len() as i64, "{db}");
        for questionnaire in catalogue.iter() {
            let snapshot = get_snapshot(&mut conn, questionnaire.id(), questionnaire.version())
                .expect("snapshot");
            let sources = snapshot.sources().expect("decodes");
            let reparsed = questionnaire::parse(&sources).expect("parses again");
            assert_eq!(reparsed.version(), questionnaire.version(), "{db}");
        }
    }
}

#[test]
fn a_participant_of_an_unknown_campaign_is_refused_by_a_foreign_key() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let org = find_or_create_organisation(
            &mut conn,
            &NewOrganisation {
                name: "CERT.at",
                kind: OrganisationKind::Csirt,
                country: "AT",
            },
        )
        .expect("organisation");
        let new = NewParticipant {
            campaign_id: 4242,
            organisation_id: org.id,
            email: "team@cert.at",
            name: "Team",
            audience: OrganisationKind::Csirt,
            language: None,
        };
        let err = add_participant(&mut conn, &new).expect_err("unknown campaign");
        assert!(err.is_foreign_key_violation(), "{db}: {err}");
    }
}

#[test]
fn an_outbox_mail_and_an_answer_are_written_and_read_back() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let (invitation_id, response_id) = seed_response(&mut conn);
        let now = storage::now();

        diesel::insert_into(answers::table)
            .values((
                answers::response_id.eq(response_id),
                answers::question_id.eq("O-1"),
                answers::value.eq(r#"{"level":3}"#),
                answers::updated_at.eq(now),
            ))
            .execute(&mut conn)
            .expect("insert answer");
        diesel::insert_into(outbox::table)
            .values((
                outbox::kind.eq("invitation"),
                outbox::invitation_id.eq(Some(invitation_id)),
                outbox::recipient.eq("team@cert.at"),
                outbox::subject.eq("Your questionnaire"),
                outbox::body_text.eq("Open your link"),
                outbox::body_html.eq("<p>Open your link</p>"),
                outbox::next_attempt_at.eq(now),
                outbox::created_at.eq(now),
            ))
            .execute(&mut conn)
            .expect("insert mail");

        let answer = answers::table
            .select((answers::question_id, answers::value, answers::updated_at))
            .filter(answers::response_id.eq(response_id))
            .first::<(String, String, chrono::NaiveDateTime)>(&mut conn)
            .expect("read answer");
        assert_eq!(
            answer,
            ("O-1".to_owned(), r#"{"level":3}"#.to_owned(), now),
            "{db}"
        );

        let mail = outbox::table
            .select((
                outbox::state,
                outbox::attempts,
                outbox::invitation_id,
                outbox::last_error,
                outbox::next_attempt_at,
            ))
            .first::<(
                String,
                i32,
                Option<i64>,
                Option<String>,
                chrono::NaiveDateTime,
            )>(&mut conn)
            .expect("read mail");
        assert_eq!(
            mail,
            ("pending".to_owned(), 0, Some(invitation_id), None, now),
            "{db}: defaults apply"
        );
    }
}

#[test]
fn both_backends_have_migrations_with_the_same_folder_names() {
    let folders = |backend: &str| -> BTreeSet<String> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("migrations")
            .join(backend);
        std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|entry| {
                entry
                    .expect("a folder entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect()
    };
    let sqlite = folders("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, folders("postgres"));
}

fn store(
    conn: &mut DbConn,
    id: &str,
    version: &str,
    content: &str,
) -> storage::questionnaires::QuestionnaireSnapshot {
    store_snapshot(
        conn,
        &NewQuestionnaireSnapshot::new(id, version, content.to_owned()),
    )
    .expect("store snapshot")
}

fn choice(audience: OrganisationKind, id: &str, version: &str) -> QuestionnaireChoice {
    QuestionnaireChoice {
        audience,
        questionnaire_id: id.to_owned(),
        questionnaire_version: version.to_owned(),
    }
}

/// A campaign, organisation, participant, invitation and draft response;
/// returns the invitation and response ids.
fn seed_response(conn: &mut DbConn) -> (i64, i64) {
    store(conn, "csirt-maturity", "1", "[]");
    let campaign = create_campaign(
        conn,
        &NewCampaign {
            name: "Maturity".to_owned(),
            tlp: Tlp::Amber,
            sender_organisation: "ENISA".to_owned(),
            closes_on: NaiveDate::from_ymd_opt(2027, 6, 30).expect("a date"),
            questionnaires: vec![choice(OrganisationKind::Csirt, "csirt-maturity", "1")],
        },
    )
    .expect("campaign");
    let org = find_or_create_organisation(
        conn,
        &NewOrganisation {
            name: "CERT.at",
            kind: OrganisationKind::Csirt,
            country: "AT",
        },
    )
    .expect("organisation");
    let participant = add_participant(
        conn,
        &NewParticipant {
            campaign_id: campaign.campaign.id,
            organisation_id: org.id,
            email: "team@cert.at",
            name: "Team",
            audience: OrganisationKind::Csirt,
            language: Some("en"),
        },
    )
    .expect("participant");
    let now = storage::now();
    diesel::insert_into(invitations::table)
        .values((
            invitations::participant_id.eq(participant.id),
            invitations::token_hash.eq("hash-of-a-token"),
            invitations::created_at.eq(now),
        ))
        .execute(conn)
        .expect("invitation");
    let invitation_id = invitations::table
        .select(invitations::id)
        .first::<i64>(conn)
        .expect("invitation id");
    diesel::insert_into(responses::table)
        .values((
            responses::invitation_id.eq(invitation_id),
            responses::questionnaire_id.eq("csirt-maturity"),
            responses::questionnaire_version.eq("1"),
            responses::language.eq("en"),
            responses::started_at.eq(now),
            responses::updated_at.eq(now),
        ))
        .execute(conn)
        .expect("response");
    let response_id = responses::table
        .select(responses::id)
        .first::<i64>(conn)
        .expect("response id");
    (invitation_id, response_id)
}
