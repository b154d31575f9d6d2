//! An organisation's responses across campaigns: where one self-assessment is read
//! against another the same organisation handed in elsewhere.

use diesel::prelude::*;

use super::schema::{invitations, participants, responses};
use super::{DbConn, StorageError};

/// The id and questionnaire version of the response `organisation_id` handed in last to
/// `questionnaire_id`, in any campaign; `None` when it handed in none.
pub fn latest_handed_in(
    conn: &mut DbConn,
    organisation_id: i64,
    questionnaire_id: &str,
) -> Result<Option<(i64, String)>, StorageError> {
    let found = responses::table
        .inner_join(invitations::table.inner_join(participants::table))
        .filter(participants::organisation_id.eq(organisation_id))
        .filter(responses::questionnaire_id.eq(questionnaire_id))
        .filter(responses::submitted_at.is_not_null())
        .order((responses::submitted_at.desc(), responses::id.desc()))
        .select((responses::id, responses::questionnaire_version))
        .first::<(i64, String)>(conn)
        .optional()?;
    Ok(found)
}
