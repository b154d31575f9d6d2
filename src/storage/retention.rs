//! The statements that erase a campaign's personal data, each over one table; which ones
//! run, when and in which transaction is `crate::retention`'s.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::audit::AuditEntry;
use super::campaigns::Campaign;
use super::schema::responses;
use super::schema::{analysts, answers, audit_log, campaigns, invitations, outbox, participants};
use super::{DbConn, StorageError};

/// The name an erased participant is left with: the column must hold some text.
pub const ERASED_NAME: &str = "(erased)";

/// The neutral address an erased participant is left with: unique in its campaign, as the
/// column demands, and naming nobody (`.invalid` is reserved, RFC 2606).
pub fn erased_email(participant_id: i64) -> String {
    format!("erased-{participant_id}@erased.invalid")
}

/// What an erased invitation's `token_hash` becomes: unique as the column demands, and
/// never the SHA-256 of any token (those are 64 hex digits), so no link can find it.
pub fn erased_token_hash(invitation_id: i64) -> String {
    format!("erased-{invitation_id}")
}

diesel::define_sql_function! {
    /// Lower case, so that a search for an address ignores case on both backends.
    fn lower(text: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// Every campaign whose personal data is not erased yet, oldest first.
pub fn not_erased(conn: &mut DbConn) -> Result<Vec<Campaign>, StorageError> {
    Ok(campaigns::table
        .filter(campaigns::erased_at.is_null())
        .order(campaigns::id)
        .select(Campaign::as_select())
        .load(conn)?)
}

/// Marks the campaign erased at `at`, unless it already is: whether this call did it.
/// Run first in the erasing transaction, so of two runs at once only one erases and audits.
pub fn claim_erasure(
    conn: &mut DbConn,
    campaign_id: i64,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    let changed = diesel::update(
        campaigns::table
            .find(campaign_id)
            .filter(campaigns::erased_at.is_null()),
    )
    .set(campaigns::erased_at.eq(Some(at)))
    .execute(conn)?;
    Ok(changed == 1)
}

/// One participant as erasure needs them: who, and what to look for elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct PersonalRow {
    pub id: i64,
    pub email: String,
    pub name: String,
}

/// The campaign's participants with their addresses and names.
pub fn participants_of(
    conn: &mut DbConn,
    campaign_id: i64,
) -> Result<Vec<PersonalRow>, StorageError> {
    Ok(participants::table
        .filter(participants::campaign_id.eq(campaign_id))
        .order(participants::id)
        .select((participants::id, participants::email, participants::name))
        .load(conn)?)
}

/// Replaces one participant's address and name by [`erased_email`] and [`ERASED_NAME`].
pub fn neutralise_participant(conn: &mut DbConn, id: i64) -> Result<(), StorageError> {
    diesel::update(participants::table.find(id))
        .set((
            participants::email.eq(erased_email(id)),
            participants::name.eq(ERASED_NAME),
        ))
        .execute(conn)?;
    Ok(())
}

/// The ids of the campaign's invitations.
pub fn invitation_ids(conn: &mut DbConn, campaign_id: i64) -> Result<Vec<i64>, StorageError> {
    Ok(invitations::table
        .inner_join(participants::table)
        .filter(participants::campaign_id.eq(campaign_id))
        .order(invitations::id)
        .select(invitations::id)
        .load(conn)?)
}

/// Replaces one invitation's token hash by [`erased_token_hash`]; whether it held a hash.
pub fn neutralise_token(conn: &mut DbConn, invitation_id: i64) -> Result<bool, StorageError> {
    let erased = erased_token_hash(invitation_id);
    let changed = diesel::update(
        invitations::table
            .find(invitation_id)
            .filter(invitations::token_hash.ne(&erased)),
    )
    .set(invitations::token_hash.eq(&erased))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Deletes every mail of the campaign's invitations, sent or not; how many.
pub fn delete_mails(conn: &mut DbConn, campaign_id: i64) -> Result<usize, StorageError> {
    let of_campaign = invitations::table
        .inner_join(participants::table)
        .filter(participants::campaign_id.eq(campaign_id))
        .select(invitations::id.nullable());
    Ok(
        diesel::delete(outbox::table.filter(outbox::invitation_id.eq_any(of_campaign)))
            .execute(conn)?,
    )
}

/// Each response of the campaign with the questionnaire version it answers.
pub fn responses_of(
    conn: &mut DbConn,
    campaign_id: i64,
) -> Result<Vec<(i64, String, String)>, StorageError> {
    Ok(responses::table
        .inner_join(invitations::table.inner_join(participants::table))
        .filter(participants::campaign_id.eq(campaign_id))
        .order(responses::id)
        .select((
            responses::id,
            responses::questionnaire_id,
            responses::questionnaire_version,
        ))
        .load(conn)?)
}

/// Deletes the answers of `response_id` to the questions `question_ids`; how many.
pub fn delete_answers(
    conn: &mut DbConn,
    response_id: i64,
    question_ids: &[String],
) -> Result<usize, StorageError> {
    if question_ids.is_empty() {
        return Ok(0);
    }
    let deleted = diesel::delete(
        answers::table
            .filter(answers::response_id.eq(response_id))
            .filter(answers::question_id.eq_any(question_ids)),
    )
    .execute(conn)?;
    // Answers changed: a save whose page read them before must read them again.
    if deleted > 0 {
        diesel::update(responses::table.find(response_id))
            .set(responses::revision.eq(responses::revision + 1))
            .execute(conn)?;
    }
    Ok(deleted)
}

/// The audit entries whose subject or detail holds `needle`, in any letter case. The
/// search is wide (`_` in an address matches any character); the caller looks closer.
pub fn audit_mentioning(conn: &mut DbConn, needle: &str) -> Result<Vec<AuditEntry>, StorageError> {
    let pattern = format!("%{}%", needle.to_lowercase());
    Ok(audit_log::table
        .filter(
            lower(audit_log::subject)
                .like(pattern.clone())
                .or(lower(audit_log::detail.assume_not_null()).like(pattern)),
        )
        .order(audit_log::id)
        .select(AuditEntry::as_select())
        .load(conn)?)
}

/// The audit entries whose subject is one of `subjects` (`campaign:4`, `invitation:9` …).
pub fn audit_about(
    conn: &mut DbConn,
    subjects: &[String],
) -> Result<Vec<AuditEntry>, StorageError> {
    let mut found = Vec::new();
    // In slices, so no statement has more parameters than SQLite takes.
    for chunk in subjects.chunks(500) {
        found.extend(
            audit_log::table
                .filter(audit_log::subject.eq_any(chunk))
                .order(audit_log::id)
                .select(AuditEntry::as_select())
                .load(conn)?,
        );
    }
    Ok(found)
}

/// Rewrites one audit entry's subject and detail (what it says of a person, erased).
pub fn rewrite_audit_entry(
    conn: &mut DbConn,
    id: i64,
    subject: &str,
    detail: Option<&str>,
) -> Result<(), StorageError> {
    diesel::update(audit_log::table.find(id))
        .set((audit_log::subject.eq(subject), audit_log::detail.eq(detail)))
        .execute(conn)?;
    Ok(())
}

/// The analysts' addresses, lower-cased: kept with their accounts, never erased.
pub fn analyst_emails(conn: &mut DbConn) -> Result<Vec<String>, StorageError> {
    let emails: Vec<String> = analysts::table.select(analysts::email).load(conn)?;
    Ok(emails.into_iter().map(|e| e.to_lowercase()).collect())
}
