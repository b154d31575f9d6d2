//! What the outbox holds back beyond a moment: mails held by a claim's lease
//! and mails waiting for their next attempt, with the times they come free.

use chrono::NaiveDateTime;
use diesel::dsl::{count_star, max, min};
use diesel::prelude::*;

use crate::mail::OutboxState;
use crate::storage::schema::outbox;
use crate::storage::{DbConn, StorageError};

/// Mails no worker may send at a given moment, and until when.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxHeld {
    /// Mails being sent whose lease has not run out: a worker is sending them,
    /// or one that stopped holds them until the lease ends.
    pub held: i64,
    /// When the last of those leases ends.
    pub held_until: Option<NaiveDateTime>,
    /// Pending mails waiting for a retry.
    pub retrying: i64,
    /// When the first of those is due.
    pub next_retry_at: Option<NaiveDateTime>,
}

impl OutboxHeld {
    /// The same figures for a list of mails' states and `next_attempt_at`.
    pub fn of(
        mails: impl IntoIterator<Item = (OutboxState, NaiveDateTime)>,
        now: NaiveDateTime,
    ) -> OutboxHeld {
        let mut held = OutboxHeld::default();
        for (state, at) in mails {
            match state {
                OutboxState::Sending if at > now => {
                    held.held += 1;
                    held.held_until = held.held_until.max(Some(at));
                }
                OutboxState::Pending if at > now => {
                    held.retrying += 1;
                    held.next_retry_at = Some(held.next_retry_at.map_or(at, |t| t.min(at)));
                }
                _ => {}
            }
        }
        held
    }
}

/// The whole outbox's [`OutboxHeld`] at `now`.
pub fn held(conn: &mut DbConn, now: NaiveDateTime) -> Result<OutboxHeld, StorageError> {
    let (held, held_until) = outbox::table
        .filter(outbox::state.eq(OutboxState::Sending))
        .filter(outbox::next_attempt_at.gt(now))
        .select((count_star(), max(outbox::next_attempt_at)))
        .first::<(i64, Option<NaiveDateTime>)>(conn)?;
    let (retrying, next_retry_at) = outbox::table
        .filter(outbox::state.eq(OutboxState::Pending))
        .filter(outbox::next_attempt_at.gt(now))
        .select((count_star(), min(outbox::next_attempt_at)))
        .first::<(i64, Option<NaiveDateTime>)>(conn)?;
    Ok(OutboxHeld {
        held,
        held_until,
        retrying,
        next_retry_at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_future_leases_and_retries_count_with_the_last_lease_and_first_retry() {
        let at = |minute: u32| {
            chrono::NaiveDate::from_ymd_opt(2027, 1, 1)
                .and_then(|d| d.and_hms_opt(12, minute, 0))
                .unwrap()
        };
        let held = OutboxHeld::of(
            [
                (OutboxState::Sending, at(5)),
                (OutboxState::Sending, at(3)),
                (OutboxState::Sending, at(0)),
                (OutboxState::Pending, at(30)),
                (OutboxState::Pending, at(20)),
                (OutboxState::Pending, at(0)),
                (OutboxState::Failed, at(40)),
            ],
            at(1),
        );
        assert_eq!(
            held,
            OutboxHeld {
                held: 2,
                held_until: Some(at(5)),
                retrying: 2,
                next_retry_at: Some(at(20)),
            }
        );
    }
}
