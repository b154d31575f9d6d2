//! Evidence rows: the note on one answer and the files attached to it, by response and
//! question. The functions decide nothing: which state takes changes, the limits and what
//! a refusal means are `crate::evidence`'s.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Timestamp};

use super::schema::{evidence_files, evidence_notes, responses};
use super::{DbConn, StorageError};
use crate::responses::ResponseState;

/// The note on one answer.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = evidence_notes)]
pub struct EvidenceNote {
    pub response_id: i64,
    pub question_id: String,
    pub note: String,
    /// It names a person: retention erases it.
    pub personal: bool,
    pub updated_at: NaiveDateTime,
}

/// What is known of a stored file without its content.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = evidence_files)]
pub struct EvidenceFileInfo {
    pub id: i64,
    pub response_id: i64,
    pub question_id: String,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub uploaded_at: NaiveDateTime,
}

impl EvidenceFileInfo {
    /// The file's type without its parameters ("text/plain", not "text/plain; charset=utf-8"),
    /// as pages name it.
    pub fn kind(&self) -> &str {
        self.media_type.split(';').next().unwrap_or_default().trim()
    }
}

/// A stored file with its content, for a download.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceFile {
    pub info: EvidenceFileInfo,
    pub content: Vec<u8>,
}

/// A file to store.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = evidence_files)]
pub struct NewEvidenceFile<'a> {
    pub response_id: i64,
    pub question_id: &'a str,
    pub file_name: &'a str,
    pub media_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub content: &'a [u8],
    pub uploaded_at: NaiveDateTime,
}

/// Locks the response for a change of its evidence, if it is in one of `editable`: on
/// PostgreSQL the row stays locked until the transaction ends, so a submit waits for the
/// change (or the change for the submit, and then finds the response no longer editable).
/// Whether it is editable.
pub fn lock_editable(
    conn: &mut DbConn,
    response_id: i64,
    editable: &[ResponseState],
) -> Result<bool, StorageError> {
    let locked = diesel::update(
        responses::table
            .find(response_id)
            .filter(responses::state.eq_any(editable)),
    )
    .set(responses::state.eq(responses::state))
    .execute(conn)?;
    Ok(locked == 1)
}

/// Every note of a response, by question id.
pub fn notes_of(conn: &mut DbConn, response_id: i64) -> Result<Vec<EvidenceNote>, StorageError> {
    Ok(evidence_notes::table
        .filter(evidence_notes::response_id.eq(response_id))
        .order(evidence_notes::question_id)
        .select(EvidenceNote::as_select())
        .load(conn)?)
}

/// Every file of a response, without content, by question then upload order.
pub fn files_of(
    conn: &mut DbConn,
    response_id: i64,
) -> Result<Vec<EvidenceFileInfo>, StorageError> {
    Ok(evidence_files::table
        .filter(evidence_files::response_id.eq(response_id))
        .order((evidence_files::question_id, evidence_files::id))
        .select(EvidenceFileInfo::as_select())
        .load(conn)?)
}

/// How many notes (0 or 1) and files each question of a response has, for the links on a
/// section page: two small grouped reads, no content.
pub fn counts_of(
    conn: &mut DbConn,
    response_id: i64,
) -> Result<BTreeMap<String, (usize, usize)>, StorageError> {
    // Read on every respondent's page and save: notes and files in one statement, a
    // note's row counting no file.
    let noted = evidence_notes::table
        .filter(evidence_notes::response_id.eq(response_id))
        .select((evidence_notes::question_id, 0_i64.into_sql::<BigInt>()));
    let filed = evidence_files::table
        .filter(evidence_files::response_id.eq(response_id))
        .group_by(evidence_files::question_id)
        .select((evidence_files::question_id, diesel::dsl::count_star()));
    let rows: Vec<(String, i64)> = super::on_backend!(conn, |c| noted.union_all(filed).load(c))?;
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (question, files) in rows {
        let entry = counts.entry(question).or_default();
        match files {
            0 => entry.0 = 1,
            n => entry.1 = usize::try_from(n).unwrap_or(0),
        }
    }
    Ok(counts)
}

/// The bytes the files of a response take in all.
pub fn bytes_of(conn: &mut DbConn, response_id: i64) -> Result<u64, StorageError> {
    // A sum of BIGINT is NUMERIC on PostgreSQL: counted here instead, no content read.
    let sizes: Vec<i64> = evidence_files::table
        .filter(evidence_files::response_id.eq(response_id))
        .select(evidence_files::size_bytes)
        .load(conn)?;
    Ok(sizes
        .into_iter()
        .map(|s| u64::try_from(s).unwrap_or(0))
        .sum())
}

/// One file of a response, with its content; `None` if the response has no such file.
pub fn file(
    conn: &mut DbConn,
    response_id: i64,
    file_id: i64,
) -> Result<Option<EvidenceFile>, StorageError> {
    let found: Option<(EvidenceFileInfo, Vec<u8>)> = evidence_files::table
        .filter(evidence_files::id.eq(file_id))
        .filter(evidence_files::response_id.eq(response_id))
        .select((EvidenceFileInfo::as_select(), evidence_files::content))
        .first(conn)
        .optional()?;
    Ok(found.map(|(info, content)| EvidenceFile { info, content }))
}

/// Writes the note of one answer, replacing any before it.
pub fn put_note(
    conn: &mut DbConn,
    response_id: i64,
    question_id: &str,
    note: &str,
    personal: bool,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    delete_note(conn, response_id, question_id)?;
    diesel::insert_into(evidence_notes::table)
        .values((
            evidence_notes::response_id.eq(response_id),
            evidence_notes::question_id.eq(question_id),
            evidence_notes::note.eq(note),
            evidence_notes::personal.eq(personal),
            evidence_notes::updated_at.eq(at),
        ))
        .execute(conn)?;
    Ok(())
}

/// Deletes the note of one answer; whether there was one.
pub fn delete_note(
    conn: &mut DbConn,
    response_id: i64,
    question_id: &str,
) -> Result<bool, StorageError> {
    let deleted = diesel::delete(
        evidence_notes::table
            .filter(evidence_notes::response_id.eq(response_id))
            .filter(evidence_notes::question_id.eq(question_id)),
    )
    .execute(conn)?;
    Ok(deleted == 1)
}

/// Stores one file; its id.
pub fn insert_file(conn: &mut DbConn, new: &NewEvidenceFile<'_>) -> Result<i64, StorageError> {
    diesel::insert_into(evidence_files::table)
        .values(new)
        .execute(conn)?;
    Ok(super::last_insert_id(conn)?)
}

/// Deletes one file of one answer; whether it was there.
pub fn delete_file(
    conn: &mut DbConn,
    response_id: i64,
    question_id: &str,
    file_id: i64,
) -> Result<bool, StorageError> {
    let deleted = diesel::delete(
        evidence_files::table
            .filter(evidence_files::id.eq(file_id))
            .filter(evidence_files::response_id.eq(response_id))
            .filter(evidence_files::question_id.eq(question_id)),
    )
    .execute(conn)?;
    Ok(deleted == 1)
}

/// Copies file `file_id` of response `from` to response `to` (same question), content and
/// all, inside the database: the content never passes through the program.
pub fn copy_file(
    conn: &mut DbConn,
    from: i64,
    file_id: i64,
    to: i64,
    at: NaiveDateTime,
) -> Result<(), StorageError> {
    let source = evidence_files::table
        .filter(evidence_files::id.eq(file_id))
        .filter(evidence_files::response_id.eq(from))
        .select((
            to.into_sql::<BigInt>(),
            evidence_files::question_id,
            evidence_files::file_name,
            evidence_files::media_type,
            evidence_files::size_bytes,
            evidence_files::sha256,
            evidence_files::content,
            at.into_sql::<Timestamp>(),
        ));
    diesel::insert_into(evidence_files::table)
        .values(source)
        .into_columns((
            evidence_files::response_id,
            evidence_files::question_id,
            evidence_files::file_name,
            evidence_files::media_type,
            evidence_files::size_bytes,
            evidence_files::sha256,
            evidence_files::content,
            evidence_files::uploaded_at,
        ))
        .execute(conn)?;
    Ok(())
}

/// Deletes every file of a response; how many.
pub fn delete_files_of(conn: &mut DbConn, response_id: i64) -> Result<usize, StorageError> {
    Ok(
        diesel::delete(evidence_files::table.filter(evidence_files::response_id.eq(response_id)))
            .execute(conn)?,
    )
}

/// Deletes the notes of a response that are marked personal or belong to one of
/// `personal_questions`; how many.
pub fn delete_personal_notes(
    conn: &mut DbConn,
    response_id: i64,
    personal_questions: &[String],
) -> Result<usize, StorageError> {
    let of_response = evidence_notes::response_id.eq(response_id);
    Ok(diesel::delete(
        evidence_notes::table.filter(
            of_response.and(
                evidence_notes::personal
                    .eq(true)
                    .or(evidence_notes::question_id.eq_any(personal_questions)),
            ),
        ),
    )
    .execute(conn)?)
}
