//! The SQL statements a piece of storage work runs, as diesel reports them, for tests that
//! hold a path to a fixed number of statements however many rows it writes.

use std::sync::{Arc, Mutex};

use diesel::connection::{Connection, InstrumentationEvent};
use liaison::storage::DbConn;

/// Runs `work` on `conn` and returns its result with the SQL of every statement it ran
/// (bound values left out), in order.
pub fn statements_of<T>(
    conn: &mut DbConn,
    work: impl FnOnce(&mut DbConn) -> T,
) -> (T, Vec<String>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
        if let InstrumentationEvent::StartQuery { query, .. } = event {
            let sql = query.to_string();
            let sql = sql.split("-- binds").next().unwrap_or_default().trim();
            record.lock().expect("unpoisoned").push(sql.to_owned());
        }
    });
    let result = work(conn);
    conn.set_instrumentation(|_: InstrumentationEvent<'_>| {});
    let statements = seen.lock().expect("unpoisoned").clone();
    (result, statements)
}
