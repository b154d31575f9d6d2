//! Respondents' saves on SQLite, committed in groups by one writer.
//!
//! SQLite lets one transaction write at a time, and each commit appends every page it
//! changed to the WAL. Saves that queue up while a transaction runs therefore go
//! faster together: one writer thread takes all that are waiting, runs each in a
//! savepoint of one write transaction and commits them at once. A save that fails rolls
//! back its own savepoint and leaves the others be; every request hears only after the
//! commit, so an acknowledged save is on disk as before, and a crash before the commit
//! loses only saves that nobody was told about. The writer keeps a connection of its own,
//! outside the shared pool, whose page cache stays warm because no other connection
//! commits in between, and leaves the log's checkpoints to a thread of their own (see
//! `checkpoint`).
//!
//! PostgreSQL commits concurrent transactions side by side and flushes their WAL
//! together by itself: there each save runs on a pooled connection as it is.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc;

use diesel::Connection;
use diesel::result::Error as DieselError;
use tokio::sync::oneshot;

use super::checkpoint::{Checkpointer, raise_writer_limit};
use super::pool::{DbPool, PooledConn};
use super::{DbConn, StorageError, write_transaction};

/// The most saves one transaction takes: enough to share a commit among a burst of
/// respondents, few enough that each waits only a few milliseconds for the others.
const MOST_IN_A_GROUP: usize = 64;

/// Where saves are sent to be run and committed.
#[derive(Clone)]
pub struct GroupCommit {
    pool: DbPool,
    /// The writer's queue, on SQLite; `None` on PostgreSQL.
    writer: Option<mpsc::Sender<Box<dyn Pending>>>,
}

impl GroupCommit {
    /// Starts the writer thread when `database_url` names a SQLite database, with a
    /// connection of its own beside `pool`'s (see `pool::sqlite_writer`); on PostgreSQL
    /// saves use `pool`. The thread ends when the last clone of the value is dropped.
    pub fn start(database_url: &str, pool: &DbPool) -> Result<GroupCommit, StorageError> {
        let writer = match super::pool::sqlite_writer(database_url)? {
            None => None,
            Some(own) => {
                let cannot_start = |e: std::io::Error| {
                    StorageError::NotCommitted(format!("cannot start the writer: {e}"))
                };
                let checkpoints = super::pool::sqlite_writer(database_url)?
                    .map(Checkpointer::start)
                    .transpose()
                    .map_err(cannot_start)?;
                let (send, receive) = mpsc::channel();
                std::thread::Builder::new()
                    .name("liaison-saves".to_owned())
                    .spawn(move || write_groups(&own, &receive, checkpoints.as_ref()))
                    .map_err(cannot_start)?;
                Some(send)
            }
        };
        Ok(GroupCommit {
            pool: pool.clone(),
            writer,
        })
    }

    /// Runs `work` and commits what it wrote, answering once that is durable. `work`
    /// must write in one `write_transaction` of its own (as every save does): on SQLite
    /// that becomes a savepoint of the group's transaction. An error of `work` rolls its
    /// writes back and comes back as it is; a failed commit comes back as
    /// `StorageError::NotCommitted`.
    pub async fn run<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StorageError> + From<DieselError> + Send + 'static,
    {
        self.run_on(None, work).await
    }

    /// [`run`](Self::run), on `held` on PostgreSQL when the request already holds a
    /// connection (it read what it saves on it): one checkout of the pool, and its check of
    /// the connection, fewer. On SQLite `held` is let go and the writer runs the work.
    pub async fn run_on<T, E, F>(&self, held: Option<PooledConn>, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConn) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<StorageError> + From<DieselError> + Send + 'static,
    {
        let Some(writer) = &self.writer else {
            let pool = self.pool.clone();
            let ran = tokio::task::spawn_blocking(move || {
                let mut conn = match held {
                    Some(conn) => conn,
                    None => pool.get().map_err(StorageError::from)?,
                };
                work(&mut conn)
            })
            .await;
            return ran.unwrap_or_else(|e| Err(not_committed(&e.to_string())));
        };
        drop(held);
        let (reply, answer) = oneshot::channel();
        let task = Task {
            work: Some(work),
            outcome: None,
            reply,
        };
        if writer.send(Box::new(task)).is_err() {
            return Err(not_committed("the writer has stopped"));
        }
        answer
            .await
            .unwrap_or_else(|_| Err(not_committed("the save failed unexpectedly")))
    }
}

fn not_committed<E: From<StorageError>>(why: &str) -> E {
    E::from(StorageError::NotCommitted(why.to_owned()))
}

/// One save waiting in the queue, its type hidden so that saves of any kind share it.
trait Pending: Send {
    /// Runs the work in a savepoint of the group's transaction.
    fn run(&mut self, conn: &mut DbConn);
    /// Answers the request once the group ended: `None` if it committed.
    fn answer(self: Box<Self>, failure: Option<&str>);
}

struct Task<F, T, E> {
    work: Option<F>,
    outcome: Option<Result<T, E>>,
    reply: oneshot::Sender<Result<T, E>>,
}

impl<F, T, E> Pending for Task<F, T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E> + Send,
    T: Send,
    E: From<StorageError> + From<DieselError> + Send,
{
    fn run(&mut self, conn: &mut DbConn) {
        if let Some(work) = self.work.take() {
            self.outcome = Some(conn.transaction(work));
        }
    }

    fn answer(self: Box<Self>, failure: Option<&str>) {
        let answer = match (self.outcome, failure) {
            // Its own refusal stands whatever became of the others.
            (Some(Err(e)), _) => Err(e),
            (Some(Ok(value)), None) => Ok(value),
            (Some(Ok(_)), Some(why)) | (None, Some(why)) => Err(not_committed(why)),
            (None, None) => Err(not_committed("the save did not run")),
        };
        // The request may have gone (the browser closed): nobody is left to tell.
        let _ = self.reply.send(answer);
    }
}

/// The writer: takes whatever saves are waiting, up to [`MOST_IN_A_GROUP`], and runs and
/// commits them together, until every sender is gone.
fn write_groups(
    pool: &DbPool,
    queue: &mpsc::Receiver<Box<dyn Pending>>,
    checkpoints: Option<&Checkpointer>,
) {
    let mut held = None;
    while let Ok(first) = queue.recv() {
        let mut group = vec![first];
        group.extend(queue.try_iter().take(MOST_IN_A_GROUP - 1));
        let mut conn = match held.take() {
            Some(conn) => conn,
            None => match pool.get().map_err(StorageError::from).and_then(|mut conn| {
                if checkpoints.is_some() {
                    raise_writer_limit(&mut conn)?;
                }
                Ok(conn)
            }) {
                Ok(conn) => conn,
                Err(e) => {
                    let why = e.to_string();
                    group.into_iter().for_each(|t| t.answer(Some(&why)));
                    continue;
                }
            },
        };
        let committed = catch_unwind(AssertUnwindSafe(|| {
            let _turn = super::responses::save_turn(&mut conn);
            write_transaction(&mut conn, |conn| {
                group.iter_mut().for_each(|task| task.run(conn));
                Ok::<_, StorageError>(())
            })
        }));
        let failure = match committed {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e.to_string()),
            Err(_) => Some("a save failed unexpectedly".to_owned()),
        };
        // After a failure the connection goes back, and the pool drops it if it was left
        // inside a transaction; the next group takes a fresh one.
        if failure.is_none() {
            held = Some(conn);
            if let Some(checkpoints) = checkpoints {
                checkpoints.nudge();
            }
        }
        if let Some(why) = &failure {
            tracing::error!(saves = group.len(), error = %why, "a group of saves was not committed");
        }
        group
            .into_iter()
            .for_each(|task| task.answer(failure.as_deref()));
    }
}
