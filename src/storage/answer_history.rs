//! The history of answers, as rows: appended by `answer_writes` in the transaction that
//! changes the answers, read oldest first, and scrubbed by retention.
//! Nothing else is offered: no row is ever updated otherwise or deleted (the migrations'
//! triggers refuse it too).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::answer_history;
use super::{DbConn, StorageError};
use crate::responses::ActorKind;

/// One change as stored.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = answer_history)]
pub struct StoredChange {
    pub id: i64,
    pub response_id: i64,
    pub question_id: String,
    /// The answer before, as JSON; `None`: none (or erased, see `values_erased`).
    pub old_value: Option<String>,
    /// The answer after, as JSON; `None`: none (or erased, see `values_erased`).
    pub new_value: Option<String>,
    /// `None` once retention dropped who made the change.
    pub actor_kind: Option<ActorKind>,
    pub actor_id: Option<i64>,
    pub at: NaiveDateTime,
    /// Retention erased both values: the question is personal.
    pub values_erased: bool,
}

/// The changes to the answers of a response, oldest first.
pub fn of_response(conn: &mut DbConn, response_id: i64) -> Result<Vec<StoredChange>, StorageError> {
    Ok(answer_history::table
        .filter(answer_history::response_id.eq(response_id))
        .order(answer_history::id)
        .select(StoredChange::as_select())
        .load(conn)?)
}

/// What retention did to one response's history.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scrubbed {
    /// Changes whose author was dropped.
    pub authors: usize,
    /// Changes to personal questions whose values were erased.
    pub values: usize,
}

/// Retention's one update: drops who made each change of `response_id`, and erases both
/// values of its changes to `personal` questions. Rows already scrubbed are left alone,
/// so running it again changes nothing.
pub fn scrub(
    conn: &mut DbConn,
    response_id: i64,
    personal: &[String],
) -> Result<Scrubbed, StorageError> {
    let of_response = answer_history::response_id.eq(response_id);
    let authors = diesel::update(
        answer_history::table
            .filter(of_response)
            .filter(answer_history::actor_kind.is_not_null()),
    )
    .set((
        answer_history::actor_kind.eq(None::<ActorKind>),
        answer_history::actor_id.eq(None::<i64>),
    ))
    .execute(conn)?;
    let values = if personal.is_empty() {
        0
    } else {
        diesel::update(
            answer_history::table
                .filter(of_response)
                .filter(answer_history::question_id.eq_any(personal))
                .filter(answer_history::values_erased.eq(false)),
        )
        .set((
            answer_history::old_value.eq(None::<String>),
            answer_history::new_value.eq(None::<String>),
            answer_history::values_erased.eq(true),
        ))
        .execute(conn)?
    };
    Ok(Scrubbed { authors, values })
}
