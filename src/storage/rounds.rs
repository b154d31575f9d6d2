//! The series of rounds a campaign closes: the campaigns it follows, one `follows_id` after
//! another, and itself, oldest first. The trend report reads each round's submitted rows
//! (`report_rows::submitted_rows`) along this series.

use std::collections::HashSet;

use diesel::prelude::*;

use super::campaigns::Campaign;
use super::schema::campaigns;
use super::{DbConn, StorageError};

/// The most rounds a series is followed back: far more than any yearly assessment runs, and
/// a bound on the queries one report makes.
pub const MAX_ROUNDS: usize = 50;

/// Campaign `campaign_id` and the campaigns it follows, oldest first; just the campaign
/// when it is a first round. A loop of `follows_id` (which no form makes, but a database
/// edited by hand might hold) ends the series where a campaign would come back, and the
/// series stops at [`MAX_ROUNDS`]. One query per round.
pub fn series(conn: &mut DbConn, campaign_id: i64) -> Result<Vec<Campaign>, StorageError> {
    let mut seen = HashSet::new();
    let mut rounds = Vec::new();
    let mut next = Some(campaign_id);
    while let Some(id) = next {
        if rounds.len() == MAX_ROUNDS || !seen.insert(id) {
            break;
        }
        let (campaign, follows) = campaigns::table
            .find(id)
            .select((Campaign::as_select(), campaigns::follows_id))
            .first::<(Campaign, Option<i64>)>(conn)
            .optional()?
            .ok_or_else(|| StorageError::not_found("campaign", id))?;
        rounds.push(campaign);
        next = follows;
    }
    rounds.reverse();
    Ok(rounds)
}
