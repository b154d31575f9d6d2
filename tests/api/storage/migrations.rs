//! Migrations on every backend: they create exactly the tables `schema.rs`
//! names, with every column it names, and both backends ship the same set.

use std::collections::BTreeSet;
use std::path::Path;

use diesel::prelude::*;
use diesel::sql_types::Text;
use liaison::storage::schema::*;
use liaison::storage::{self, Backend, DbConn};

use crate::test_db::TestDb;

const TABLES: [&str; 18] = [
    "analysts",
    "answers",
    "api_tokens",
    "audit_log",
    "campaign_analysts",
    "campaign_mail_texts",
    "campaign_questionnaires",
    "campaigns",
    "invitations",
    "organisations",
    "outbox",
    "participants",
    "password_links",
    "questionnaire_snapshots",
    "response_events",
    "responses",
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
