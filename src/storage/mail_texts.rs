//! A campaign's own subjects and opening paragraphs of its invitations and reminders, one
//! row per kind and mail language; no row means the shipped wording.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::campaign_mail_texts;
use super::{DbConn, StorageError};
use crate::mail_texts::MailTextKind;

/// A stored wording, placeholders unfilled.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = campaign_mail_texts)]
pub struct StoredMailText {
    pub campaign_id: i64,
    pub kind: MailTextKind,
    /// The mail language ("en", "de"), as `mail::mail_language` names it.
    pub language: String,
    pub subject: String,
    pub opening: String,
    pub updated_at: NaiveDateTime,
}

/// Every stored wording of the campaign, by kind and language.
pub fn list(conn: &mut DbConn, campaign_id: i64) -> Result<Vec<StoredMailText>, StorageError> {
    Ok(campaign_mail_texts::table
        .filter(campaign_mail_texts::campaign_id.eq(campaign_id))
        .order((campaign_mail_texts::kind, campaign_mail_texts::language))
        .select(StoredMailText::as_select())
        .load(conn)?)
}

/// Stores the wording of `kind` in `language`, replacing any before it. The caller runs
/// it in its transaction: the delete and the insert stand or fall together, and the
/// multi-backend has no upsert both backends share.
pub fn put(
    conn: &mut DbConn,
    campaign_id: i64,
    kind: MailTextKind,
    language: &str,
    subject: &str,
    opening: &str,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    remove(conn, campaign_id, kind, language)?;
    diesel::insert_into(campaign_mail_texts::table)
        .values((
            campaign_mail_texts::campaign_id.eq(campaign_id),
            campaign_mail_texts::kind.eq(kind),
            campaign_mail_texts::language.eq(language),
            campaign_mail_texts::subject.eq(subject),
            campaign_mail_texts::opening.eq(opening),
            campaign_mail_texts::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Forgets the wording of `kind` in `language`: the shipped one is used again.
pub fn remove(
    conn: &mut DbConn,
    campaign_id: i64,
    kind: MailTextKind,
    language: &str,
) -> Result<(), StorageError> {
    diesel::delete(
        campaign_mail_texts::table
            .filter(campaign_mail_texts::campaign_id.eq(campaign_id))
            .filter(campaign_mail_texts::kind.eq(kind))
            .filter(campaign_mail_texts::language.eq(language)),
    )
    .execute(conn)?;
    Ok(())
}
