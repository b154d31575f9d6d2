//! The check after the run: every request the application acknowledged (303) is in the
//! database. Each save changes every answer of its page, so each leaves one history row
//! per answer; each baseline write leaves its one row.

use std::collections::HashMap;

use anyhow::bail;
use diesel::prelude::*;
use liaison::storage::DbConn;
use liaison::storage::schema::{answer_history, invitations, participants, responses};

use super::baseline;
use super::respondents::Respondent;

/// What was found: saves and writes acknowledged, all of them stored.
pub struct Stored {
    pub saves: u64,
    pub writes: u64,
}

/// Compares what each respondent was told with what the database holds; any difference
/// fails the benchmark.
pub fn check(conn: &mut DbConn, respondents: &[&Respondent]) -> anyhow::Result<Stored> {
    let rows: Vec<(String, i64)> = answer_history::table
        .inner_join(responses::table.inner_join(invitations::table.inner_join(participants::table)))
        .group_by(participants::email)
        .select((participants::email, diesel::dsl::count_star()))
        .load(conn)?;
    let history: HashMap<String, i64> = rows.into_iter().collect();
    let mut missing = Vec::new();
    for respondent in respondents {
        let expected = respondent.saves * respondent.answers() as u64;
        let found = history.get(&respondent.email).copied().unwrap_or(0);
        if u64::try_from(found)? != expected {
            missing.push(format!(
                "{}: {} saves acknowledged, so {expected} answer changes, but {found} stored",
                respondent.email, respondent.saves
            ));
        }
    }
    if let Some(first) = missing.first() {
        bail!(
            "{} of {} respondents' acknowledged saves are not all stored; the first: {first}",
            missing.len(),
            respondents.len()
        );
    }
    let writes: u64 = respondents.iter().map(|r| r.writes).sum();
    let row_writes: u64 = respondents
        .iter()
        .map(|r| r.row_writes * r.rows_per_save() as u64)
        .sum();
    let written = baseline::written(conn)?;
    if written != writes + row_writes {
        bail!(
            "{writes} one-row writes and {row_writes} rows of the others acknowledged, but \
             {written} rows stored"
        );
    }
    Ok(Stored {
        saves: respondents.iter().map(|r| r.saves).sum(),
        writes,
    })
}
