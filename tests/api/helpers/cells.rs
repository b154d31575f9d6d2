//! Every value of every column of every table, read as text: what a test scans to prove
//! that something is stored nowhere (a link token, a person's address).

use diesel::prelude::*;
use diesel::sql_types::Text;
use liaison::storage::{Backend, DbConn};

use crate::test_db::TestDb;

#[derive(QueryableByName)]
struct Value {
    #[diesel(sql_type = Text)]
    value: String,
}

/// One value of one row, as text, and where it is.
pub struct Cell {
    pub table: String,
    pub column: String,
    pub value: String,
}

fn texts(conn: &mut DbConn, sql: &str) -> Vec<String> {
    diesel::sql_query(sql)
        .load::<Value>(conn)
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .map(|v| v.value)
        .collect()
}

/// Every value of every column of every table, read as text.
pub fn every_cell(db: &TestDb) -> Vec<Cell> {
    let mut conn = db.conn();
    let tables = match db.backend {
        Backend::Sqlite => "SELECT name AS value FROM sqlite_master WHERE type = 'table'",
        Backend::Postgres => {
            "SELECT table_name::text AS value FROM information_schema.tables \
             WHERE table_schema = 'public'"
        }
    };
    let mut cells = Vec::new();
    for table in texts(&mut conn, tables) {
        let columns = match db.backend {
            Backend::Sqlite => format!("SELECT name AS value FROM pragma_table_info('{table}')"),
            Backend::Postgres => format!(
                "SELECT column_name::text AS value FROM information_schema.columns \
                 WHERE table_schema = 'public' AND table_name = '{table}'"
            ),
        };
        for column in texts(&mut conn, &columns) {
            let values = format!(
                "SELECT COALESCE(CAST(\"{column}\" AS TEXT), '') AS value FROM \"{table}\""
            );
            for value in texts(&mut conn, &values) {
                cells.push(Cell {
                    table: table.clone(),
                    column: column.clone(),
                    value,
                });
            }
        }
    }
    assert!(
        cells.iter().any(|c| c.table == "campaigns"),
        "{db}: the scan reads the tables"
    );
    cells
}

/// The cells holding any of `needles`, in any letter case, as `table.column: value`.
pub fn holding(cells: &[Cell], needles: &[&str]) -> Vec<String> {
    cells
        .iter()
        .filter(|c| {
            let value = c.value.to_lowercase();
            needles.iter().any(|n| value.contains(&n.to_lowercase()))
        })
        .map(|c| format!("{}.{}: {}", c.table, c.column, c.value))
        .collect()
}
