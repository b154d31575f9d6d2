//! Which questions' answers are personal: the free-text questions a questionnaire marks
//! `personal = true`.
//!
//! A response is read with the questionnaire version it answered, so that version decides;
//! but a later version of the same questionnaire that marks a question personal is a
//! judgement about that question too, so its mark counts as well. Erasing an answer that
//! turned out personal is safe; keeping one is not.

use std::collections::HashMap;

use crate::campaigns::questionnaire_at;
use crate::questionnaire::{Catalogue, Questionnaire};
use crate::storage::{DbConn, StorageError};

/// The personal question ids of each questionnaire version met, looked up once each.
#[derive(Debug, Default)]
pub(super) struct Questions {
    known: HashMap<(String, String), Vec<String>>,
}

impl Questions {
    /// The ids of the personal questions of `id` at `version`, or of the loaded `id`.
    pub(super) fn of(
        &mut self,
        conn: &mut DbConn,
        catalogue: &Catalogue,
        id: &str,
        version: &str,
    ) -> Result<&[String], StorageError> {
        let key = (id.to_owned(), version.to_owned());
        if !self.known.contains_key(&key) {
            let answered = questionnaire_at(conn, catalogue, id, version)?;
            let mut ids = personal_ids(&answered);
            for loaded in catalogue.get(id).map(personal_ids).unwrap_or_default() {
                if !ids.contains(&loaded) {
                    ids.push(loaded);
                }
            }
            self.known.insert(key.clone(), ids);
        }
        Ok(self.known.get(&key).map_or(&[], Vec::as_slice))
    }
}

fn personal_ids(questionnaire: &Questionnaire) -> Vec<String> {
    questionnaire
        .questions()
        .filter(|q| q.is_personal())
        .map(|q| q.id().to_owned())
        .collect()
}
