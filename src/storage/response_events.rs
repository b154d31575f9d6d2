//! The append-only history of responses: rows are inserted, never updated or deleted
//! (they go only with their response).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::response_events;
use super::{DbConn, StorageError};
use crate::responses::{ActorKind, ResponseState};

/// One transition as stored.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = response_events)]
pub struct StoredEvent {
    pub response_id: i64,
    pub from_state: Option<ResponseState>,
    pub to_state: ResponseState,
    pub actor_kind: ActorKind,
    pub actor_id: Option<i64>,
    pub at: NaiveDateTime,
}

/// Appends one transition; callers write it in the transaction that makes it.
pub(crate) fn append(conn: &mut DbConn, event: &StoredEvent) -> Result<(), StorageError> {
    diesel::insert_into(response_events::table)
        .values(event)
        .execute(conn)?;
    Ok(())
}

/// Appends one transition and gives its id, for the rows that refer to it (the comments a
/// reviewer's decision is sent with).
pub(crate) fn append_returning_id(
    conn: &mut DbConn,
    event: &StoredEvent,
) -> Result<i64, StorageError> {
    append(conn, event)?;
    Ok(super::last_insert_id(conn)?)
}

/// The history of a response, oldest first.
pub fn of_response(conn: &mut DbConn, response_id: i64) -> Result<Vec<StoredEvent>, StorageError> {
    Ok(response_events::table
        .filter(response_events::response_id.eq(response_id))
        .order(response_events::id)
        .select(StoredEvent::as_select())
        .load(conn)?)
}
