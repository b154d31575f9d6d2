//! The audit log: who did what, when. Rows are appended; the only change ever made to one
//! is retention erasing a participant's address or name from its subject or detail
//! (`storage::retention::rewrite_audit_entry`).

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::audit_log;
use super::{DbConn, StorageError};

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Identifiable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub id: i64,
    pub at: NaiveDateTime,
    /// Who: an analyst's e-mail address, `cli`, or `anonymous`.
    pub actor: String,
    /// What, as a dotted word such as `login.failed` or `campaign.create`.
    pub action: String,
    /// What it was done to, e.g. `campaign:4` or an e-mail address.
    pub subject: String,
    pub detail: Option<String>,
}

/// Appends an entry stamped with the current time.
pub fn append(
    conn: &mut DbConn,
    actor: &str,
    action: &str,
    subject: &str,
    detail: Option<&str>,
) -> Result<(), StorageError> {
    // What the log records often comes from a stranger (the address tried at a failed
    // login): NUL, which PostgreSQL refuses in text, is kept visible as U+FFFD instead.
    let storable = |text: &str| text.replace('\0', "\u{FFFD}");
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::at.eq(super::now()),
            audit_log::actor.eq(storable(actor)),
            audit_log::action.eq(action),
            audit_log::subject.eq(storable(subject)),
            audit_log::detail.eq(detail.map(storable)),
        ))
        .execute(conn)?;
    Ok(())
}

/// The latest `limit` entries, newest first.
pub fn recent(conn: &mut DbConn, limit: i64) -> Result<Vec<AuditEntry>, StorageError> {
    Ok(audit_log::table
        .order(audit_log::id.desc())
        .limit(limit)
        .select(AuditEntry::as_select())
        .load(conn)?)
}
