//! Migrations on every backend: they create exactly the tables `schema.rs`
//! names, with every column it names, and both backends ship the same set.

use std::collections::BTreeSet;
use std::path::Path;

use diesel::prelude::*;
use diesel::sql_types::Text;
use liaison::storage::schema::*;
use liaison::storage::{self, Backend, DbConn};

use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use crate::fixtures::{
    CampaignBuilder, ParticipantBuilder, ResponseBuilder, every_answer, questionnaire,
};
use crate::test_db::TestDb;

const TABLES: [&str; 28] = [
    "analysts",
    "answer_history",
    "answers",
    "api_tokens",
    "audit_log",
    "campaign_analysts",
    "campaign_mail_texts",
    "campaign_questionnaires",
    "campaigns",
    "delegations",
    "evidence_files",
    "evidence_notes",
    "gap_consents",
    "invitations",
    "organisations",
    "outbox",
    "participants",
    "password_links",
    "peer_assignments",
    "peer_consents",
    "peer_levels",
    "peer_reviewers",
    "questionnaire_snapshots",
    "response_events",
    "responses",
    "review_comments",
    "sessions",
    "signing_keys",
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
        let tables = tables_of(&mut conn);
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
    campaign_mail_texts::table
        .select(campaign_mail_texts::all_columns)
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
    response_events::table
        .select(response_events::all_columns)
        .execute(conn)?;
    answer_history::table
        .select(answer_history::all_columns)
        .execute(conn)?;
    review_comments::table
        .select(review_comments::all_columns)
        .execute(conn)?;
    evidence_notes::table
        .select(evidence_notes::all_columns)
        .execute(conn)?;
    evidence_files::table
        .select(evidence_files::all_columns)
        .execute(conn)?;
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
    password_links::table
        .select(password_links::all_columns)
        .execute(conn)?;
    outbox::table.select(outbox::all_columns).execute(conn)?;
    audit_log::table
        .select(audit_log::all_columns)
        .execute(conn)?;
    signing_keys::table
        .select(signing_keys::all_columns)
        .execute(conn)?;
    peer_reviewers::table
        .select(peer_reviewers::all_columns)
        .execute(conn)?;
    peer_assignments::table
        .select(peer_assignments::all_columns)
        .execute(conn)?;
    peer_consents::table
        .select(peer_consents::all_columns)
        .execute(conn)?;
    peer_levels::table
        .select(peer_levels::all_columns)
        .execute(conn)?;
    delegations::table
        .select(delegations::all_columns)
        .execute(conn)?;
    gap_consents::table
        .select(gap_consents::all_columns)
        .execute(conn)?;
    Ok(())
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

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Every table of the connection's database but diesel's own record of migrations.
fn tables_of(conn: &mut DbConn) -> BTreeSet<String> {
    let sql = match storage::backend(conn) {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name <> '__diesel_schema_migrations'"
        }
        Backend::Postgres => {
            "SELECT table_name::text AS name FROM information_schema.tables \
             WHERE table_schema = 'public' AND table_name <> '__diesel_schema_migrations'"
        }
    };
    diesel::sql_query(sql)
        .load::<Name>(conn)
        .expect("list tables")
        .into_iter()
        .map(|t| t.name)
        .collect()
}

/// Reverts every migration, newest first, or runs every pending one.
fn migrate(conn: &mut DbConn, down: bool) -> Result<(), String> {
    let done = match (conn, down) {
        (DbConn::Sqlite(c), true) => c.revert_all_migrations(SQLITE_MIGRATIONS).map(drop),
        (DbConn::Sqlite(c), false) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(drop),
        (DbConn::Pg(c), true) => c.revert_all_migrations(POSTGRES_MIGRATIONS).map(drop),
        (DbConn::Pg(c), false) => c.run_pending_migrations(POSTGRES_MIGRATIONS).map(drop),
    };
    done.map_err(|e| e.to_string())
}

/// Every down migration undoes its up migration, on a database holding a campaign with
/// a submitted response, a draft and an outbox: reverting them all leaves no table, and
/// running them again gives the schema back whole.
#[test]
fn every_migration_reverts_cleanly_and_runs_again() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let csirt = questionnaire("csirt-maturity");
        let campaign = CampaignBuilder::new("Reverted")
            .questionnaire("csirt-maturity")
            .build(&mut conn)
            .id();
        ParticipantBuilder::new("desk@one.example.org")
            .response(ResponseBuilder::submitted(every_answer(csirt, 2.0, "AT")))
            .add_to(&mut conn, campaign, csirt);
        ParticipantBuilder::new("desk@two.example.org")
            .response(ResponseBuilder::draft(every_answer(csirt, 1.0, "BE")))
            .add_to(&mut conn, campaign, csirt);

        migrate(&mut conn, true).unwrap_or_else(|e| panic!("{db}: reverting: {e}"));
        assert_eq!(tables_of(&mut conn), BTreeSet::new(), "{db}: tables left");
        migrate(&mut conn, false).unwrap_or_else(|e| panic!("{db}: running again: {e}"));
        assert_eq!(
            tables_of(&mut conn),
            TABLES.map(String::from).into(),
            "{db}"
        );
        select_every_column(&mut conn)
            .unwrap_or_else(|e| panic!("{db}: schema.rs and the migrations differ: {e}"));
    }
}
