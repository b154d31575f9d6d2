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
    let (result, ran, _) = statements_and_preparations_of(conn, work);
    (result, ran)
}

/// As [`statements_of`], with the SQL of the statements diesel prepared to keep for the
/// connection's later runs.
pub fn statements_and_preparations_of<T>(
    conn: &mut DbConn,
    work: impl FnOnce(&mut DbConn) -> T,
) -> (T, Vec<String>, Vec<String>) {
    let ran = Arc::new(Mutex::new(Vec::new()));
    let kept = Arc::new(Mutex::new(Vec::new()));
    let (record_ran, record_kept) = (ran.clone(), kept.clone());
    let sql_of = |text: String| {
        let sql = text.split("-- binds").next().unwrap_or_default().trim();
        sql.to_owned()
    };
    conn.set_instrumentation(move |event: InstrumentationEvent<'_>| match event {
        InstrumentationEvent::StartQuery { query, .. } => {
            let sql = sql_of(query.to_string());
            record_ran.lock().expect("unpoisoned").push(sql);
        }
        InstrumentationEvent::CacheQuery { sql, .. } => {
            record_kept
                .lock()
                .expect("unpoisoned")
                .push(sql_of(sql.to_owned()));
        }
        _ => {}
    });
    let result = work(conn);
    conn.set_instrumentation(|_: InstrumentationEvent<'_>| {});
    let ran = ran.lock().expect("unpoisoned").clone();
    let kept = kept.lock().expect("unpoisoned").clone();
    (result, ran, kept)
}
