//! Questionnaire snapshots: the files of every questionnaire version ever used,
//! so a response keeps scoring against the version it was answered with.
//!
//! A snapshot never changes. Storing the same version again with the same
//! files is a no-op; with different files it is refused, because a changed file
//! must carry a new version.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use super::schema::questionnaire_snapshots;
use super::{DbConn, StorageError};
use crate::questionnaire::{Catalogue, Sources};

/// A stored questionnaire version.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = questionnaire_snapshots)]
pub struct QuestionnaireSnapshot {
    pub questionnaire_id: String,
    pub version: String,
    /// A short fingerprint of `content`, prefixed by its algorithm, for display
    /// and quick comparison; `content` itself decides equality.
    pub content_hash: String,
    /// The questionnaire's files, serialised (see [`encode_sources`]).
    pub content: String,
    pub stored_at: NaiveDateTime,
}

impl QuestionnaireSnapshot {
    /// The files this snapshot holds, ready for `questionnaire::parse`.
    pub fn sources(&self) -> Result<Sources, StorageError> {
        let files = serde_json::from_str(&self.content).map_err(|e| {
            StorageError::Corrupt(format!(
                "questionnaire snapshot {} version {}: {e}",
                self.questionnaire_id, self.version
            ))
        })?;
        Ok(Sources {
            folder: format!("snapshot {}@{}", self.questionnaire_id, self.version).into(),
            files,
        })
    }
}

/// A questionnaire version to store.
#[derive(Debug, Clone, PartialEq, Eq, Insertable)]
#[diesel(table_name = questionnaire_snapshots)]
pub struct NewQuestionnaireSnapshot {
    pub questionnaire_id: String,
    pub version: String,
    pub content_hash: String,
    pub content: String,
    pub stored_at: NaiveDateTime,
}

impl NewQuestionnaireSnapshot {
    /// A snapshot of `content`, fingerprinted and stamped now.
    pub fn new(questionnaire_id: &str, version: &str, content: String) -> Self {
        Self {
            questionnaire_id: questionnaire_id.to_owned(),
            version: version.to_owned(),
            content_hash: fingerprint(&content),
            content,
            stored_at: super::now(),
        }
    }

    /// A snapshot of a questionnaire folder's files. The folder path is left
    /// out: the same files read from another place are the same version.
    pub fn from_sources(questionnaire_id: &str, version: &str, sources: &Sources) -> Self {
        Self::new(questionnaire_id, version, encode_sources(sources))
    }
}

/// Serialises a folder's files (name and text, sorted by name) as JSON.
pub fn encode_sources(sources: &Sources) -> String {
    let mut files = sources.files.clone();
    files.sort();
    // A list of string pairs always serialises; the fallback is unreachable.
    serde_json::to_string(&files).unwrap_or_default()
}

/// Stores `new` unless that questionnaire version is already stored, and returns
/// the stored snapshot. Refuses with `Conflict` if the stored files differ.
pub fn store_snapshot(
    conn: &mut DbConn,
    new: &NewQuestionnaireSnapshot,
) -> Result<QuestionnaireSnapshot, StorageError> {
    if let Some(stored) = find_snapshot(conn, &new.questionnaire_id, &new.version)? {
        return same_or_conflict(stored, new);
    }
    // Its own (nested) transaction, so losing a race to another instance
    // storing the same version rolls back only this insert.
    let inserted = crate::storage::write_transaction(conn, |conn| {
        diesel::insert_into(questionnaire_snapshots::table)
            .values(new)
            .execute(conn)
            .map_err(StorageError::from)
    });
    match inserted {
        Ok(_) => {}
        Err(e) if e.is_unique_violation() => {}
        Err(e) => return Err(e),
    }
    let stored = get_snapshot(conn, &new.questionnaire_id, &new.version)?;
    same_or_conflict(stored, new)
}

/// The stored snapshot of one questionnaire version.
pub fn get_snapshot(
    conn: &mut DbConn,
    questionnaire_id: &str,
    version: &str,
) -> Result<QuestionnaireSnapshot, StorageError> {
    find_snapshot(conn, questionnaire_id, version)?.ok_or_else(|| {
        StorageError::not_found(
            "questionnaire snapshot",
            format!("{questionnaire_id} version {version}"),
        )
    })
}

/// The stored snapshot of one questionnaire version, if there is one.
pub fn find_snapshot(
    conn: &mut DbConn,
    questionnaire_id: &str,
    version: &str,
) -> Result<Option<QuestionnaireSnapshot>, StorageError> {
    Ok(questionnaire_snapshots::table
        .find((questionnaire_id, version))
        .select(QuestionnaireSnapshot::as_select())
        .first(conn)
        .optional()?)
}

/// Stores a snapshot of every questionnaire in `catalogue`, all or none.
///
/// Run at start-up: a questionnaire file edited without a new version stops the
/// service with a `Conflict` naming it.
pub fn record_catalogue(conn: &mut DbConn, catalogue: &Catalogue) -> Result<(), StorageError> {
    crate::storage::write_transaction(conn, |conn| {
        for questionnaire in catalogue.iter() {
            let id = questionnaire.id();
            let Some(sources) = catalogue.sources(id) else {
                continue;
            };
            let new = NewQuestionnaireSnapshot::from_sources(id, questionnaire.version(), sources);
            store_snapshot(conn, &new)?;
        }
        Ok(())
    })
}

fn same_or_conflict(
    stored: QuestionnaireSnapshot,
    new: &NewQuestionnaireSnapshot,
) -> Result<QuestionnaireSnapshot, StorageError> {
    if stored.content == new.content {
        return Ok(stored);
    }
    Err(StorageError::Conflict(format!(
        "questionnaire {} version {} is already stored with different content \
         ({} now, {} stored); give the changed questionnaire a new version",
        new.questionnaire_id, new.version, new.content_hash, stored.content_hash
    )))
}

/// FNV-1a, 64 bits: enough to tell versions apart at a glance. It is not a
/// security measure; equality is always decided on the full content.
fn fingerprint(content: &str) -> String {
    let hash = content
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    format!("fnv1a64:{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_is_stable_and_names_its_algorithm() {
        assert_eq!(fingerprint(""), "fnv1a64:cbf29ce484222325");
        assert_eq!(fingerprint("a"), "fnv1a64:af63dc4c8601ec8c");
    }

    #[test]
    fn encoded_sources_ignore_the_folder_and_file_order() {
        let files = vec![
            ("b.toml".to_owned(), "b".to_owned()),
            ("a.toml".to_owned(), "a".to_owned()),
        ];
        let here = Sources {
            folder: "here".into(),
            files: files.clone(),
        };
        let there = Sources {
            folder: "there".into(),
            files: files.into_iter().rev().collect(),
        };
        assert_eq!(encode_sources(&here), encode_sources(&there));
    }
}
