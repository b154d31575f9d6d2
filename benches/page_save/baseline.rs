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

/// How many rows the route wrote.
pub fn written(conn: &mut DbConn) -> anyhow::Result<u64> {
    let count: i64 = bench_writes::table.count().get_result(conn)?;
    Ok(u64::try_from(count)?)
}
