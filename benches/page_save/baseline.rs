//! The durable-write baseline: a route the benchmark adds to the application, beside its
//! own and under the same middleware, that writes one row in one write transaction on the
//! application's pool and answers 303, as a saved page does. Respondents post their page's
//! form to it, so it pays the same HTTP, cookie and CSRF work as a save, and the ratio of
//! the two measures what a save does beyond one durable write.

use actix_web::http::header::LOCATION;
use actix_web::{HttpResponse, web};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use liaison::storage::{self, Backend, DbConn, StorageError};
use liaison::web::{AppState, WebError, with_conn};

/// Where the write is posted.
pub const ROUTE: &str = "/bench/write";

/// Where it sends the browser after the write.
pub const REDIRECT: &str = "/health";

/// Where a write of as many rows as a save writes is posted, with `?rows=N`: the floor of
/// the save's own writes (its answers and their history rows) on this stack, printed
/// beside the one-row write to show how much of a save is writing what it must.
pub const ROWS_ROUTE: &str = "/bench/write-rows";

diesel::table! {
    /// One row per baseline write.
    bench_writes (id) {
        id -> BigInt,
        written_at -> Timestamp,
    }
}

/// Makes the table the route writes to, keyed as the application's own tables are.
pub fn create_table(conn: &mut DbConn) -> anyhow::Result<()> {
    let id = match storage::backend(conn) {
        Backend::Sqlite => "INTEGER PRIMARY KEY AUTOINCREMENT",
        Backend::Postgres => "BIGSERIAL PRIMARY KEY",
    };
    conn.batch_execute(&format!(
        "CREATE TABLE bench_writes (id {id}, written_at TIMESTAMP NOT NULL)"
    ))?;
    Ok(())
}

/// Registers the route; for `Application::build_with_routes`.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource(ROUTE).post(write_one));
    cfg.service(web::resource(ROWS_ROUTE).post(write_rows));
}

async fn write_one(state: web::Data<AppState>) -> Result<HttpResponse, WebError> {
    with_conn(&state, |conn| {
        storage::write_transaction(conn, |conn| {
            diesel::insert_into(bench_writes::table)
                .values(bench_writes::written_at.eq(storage::now()))
                .execute(conn)
        })
        .map_err(StorageError::from)?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((LOCATION, REDIRECT))
        .finish())
}

#[derive(serde::Deserialize)]
struct Rows {
    rows: usize,
}

/// Apart from `write_one`, whose single-row INSERT stays prepared: diesel prepares a
/// multi-row INSERT from a `Vec` anew on every run, which the one-row write must not pay.
async fn write_rows(
    state: web::Data<AppState>,
    rows: web::Query<Rows>,
) -> Result<HttpResponse, WebError> {
    let rows = rows.rows;
    with_conn(&state, move |conn| {
        let at = storage::now();
        let values: Vec<_> = (0..rows).map(|_| bench_writes::written_at.eq(at)).collect();
        storage::write_transaction(conn, |conn| {
            let insert = diesel::insert_into(bench_writes::table).values(&values);
            // The two-backend connection has no multi-row INSERT; each backend has.
            match conn {
                DbConn::Pg(pg) => insert.execute(pg),
                DbConn::Sqlite(sqlite) => insert.execute(sqlite),
            }
        })
        .map_err(StorageError::from)?;
        Ok(())
    })
    .await?;
    Ok(HttpResponse::SeeOther()
        .insert_header((LOCATION, REDIRECT))
        .finish())
}

/// How many rows the routes wrote.
pub fn written(conn: &mut DbConn) -> anyhow::Result<u64> {
    let count: i64 = bench_writes::table.count().get_result(conn)?;
    Ok(u64::try_from(count)?)
}
