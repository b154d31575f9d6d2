//! Checkpoints of SQLite's write-ahead log, off the thread that commits the saves.
//!
//! In WAL mode a commit appends the pages it changed to the log, and now and then the log
//! is copied back into the database file (a checkpoint), which reads the log, writes the
//! file and flushes it to disk. SQLite does that in whichever connection commits once the
//! log has grown past a limit: for saves, the one writer thread, which then holds every
//! waiting save for the length of the copy, a tenth of its time. A thread of its own does
//! it here instead, beside the writer, with a connection of its own. A passive checkpoint
//! never blocks the writer nor the readers; the writer's own limit stays, raised, as a
//! backstop should this thread ever fall behind.

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::time::Duration;

use diesel::connection::SimpleConnection;

use super::pool::DbPool;

/// Waited after each checkpoint before the next, so that one covers the commits of this
/// long rather than of one group: a page changed by many saves is copied once.
const PAUSE: Duration = Duration::from_millis(200);

/// The log length, in pages, past which the writer checkpoints by itself (SQLite's own
/// default is 1,000): reached only when this thread falls behind.
pub(super) const WRITER_LIMIT_PAGES: u32 = 20_000;

/// Asks the checkpointer thread for a checkpoint; it stops once this is dropped.
pub(super) struct Checkpointer {
    wake: SyncSender<()>,
}

impl Checkpointer {
    /// Starts the thread on a connection of `own` (a pool of one, see
    /// `pool::sqlite_writer`).
    pub(super) fn start(own: DbPool) -> std::io::Result<Checkpointer> {
        let (wake, woken) = mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("liaison-checkpoint".to_owned())
            .spawn(move || checkpoints(&own, &woken))?;
        Ok(Checkpointer { wake })
    }

    /// After a commit: a checkpoint soon, unless one is already asked for.
    pub(super) fn nudge(&self) {
        // Full: one is asked for already. Disconnected: the thread stopped (a panic), and
        // the writer's backstop limit takes over. Neither needs anything more.
        let _ = self.wake.try_send(());
    }
}

fn checkpoints(own: &DbPool, woken: &Receiver<()>) {
    while woken.recv().is_ok() {
        match own.get() {
            Ok(mut conn) => {
                if let Err(e) = conn.batch_execute("PRAGMA wal_checkpoint(PASSIVE)") {
                    tracing::warn!(error = %e, "a checkpoint of the SQLite log failed");
                }
            }
            Err(e) => tracing::warn!(error = %e, "no connection for a checkpoint"),
        }
        std::thread::sleep(PAUSE);
    }
}

/// Sets the writer's backstop limit on its connection.
pub(super) fn raise_writer_limit(conn: &mut super::DbConn) -> diesel::QueryResult<()> {
    conn.batch_execute(&format!("PRAGMA wal_autocheckpoint = {WRITER_LIMIT_PAGES}"))
}
