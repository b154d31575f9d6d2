//! Carrying evidence from one response to another, as a next round that starts from the
//! last one does: notes always, files only when the respondent asks for them.

use crate::ids::ResponseId;
use crate::storage::evidence as stored;
use crate::storage::{DbConn, StorageError};

/// What [`carry`] copied.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Carried {
    pub notes: usize,
    pub files: usize,
}

/// Copies the evidence of `question_ids` from response `from` to response `to`, in one
/// transaction (a savepoint inside the caller's): each note of `from` replaces the note of
/// the same question in `to`, personal mark included; with `with_files`, each file of `from`
/// is added to the same question of `to` unless `to` already holds the same content there,
/// so carrying twice copies nothing twice. Files are copied inside the database, content
/// never loaded. The per-response budget is not checked: the files were within it in
/// `from`, and a response being pre-filled holds none of its own yet.
pub fn carry(
    conn: &mut DbConn,
    from: ResponseId,
    to: ResponseId,
    question_ids: &[&str],
    with_files: bool,
) -> Result<Carried, StorageError> {
    let wanted = |question: &str| question_ids.contains(&question);
    crate::storage::write_transaction(conn, |conn| {
        let at = crate::storage::now();
        let mut carried = Carried::default();
        for note in stored::notes_of(conn, from.get())? {
            if wanted(&note.question_id) {
                stored::put_note(
                    conn,
                    to.get(),
                    &note.question_id,
                    &note.note,
                    note.personal,
                    at,
                )?;
                carried.notes += 1;
            }
        }
        if !with_files {
            return Ok(carried);
        }
        let held: Vec<(String, String)> = stored::files_of(conn, to.get())?
            .into_iter()
            .map(|f| (f.question_id, f.sha256))
            .collect();
        for file in stored::files_of(conn, from.get())? {
            let key = (file.question_id.clone(), file.sha256.clone());
            if wanted(&file.question_id) && !held.contains(&key) {
                stored::copy_file(conn, from.get(), file.id, to.get(), at)?;
                carried.files += 1;
            }
        }
        Ok(carried)
    })
}
