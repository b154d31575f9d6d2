//! When a campaign's personal data is erased: its retention period after it closes.
//!
//! A campaign closes at the earlier of two moments: when someone closes it (`closed_at`),
//! or at the end of its last day (`closes_on`, UTC), when its links stop working
//! ([`crate::campaigns::takes_answers`]) even though nobody closed it. The erasure is due
//! `retention_days` whole days after that moment.

use chrono::{Days, NaiveDate, NaiveDateTime};

use crate::storage::campaigns::Campaign;

/// Where a campaign stands with its retention period at a given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    /// Still taking answers: erased `days` after it closes, which is at `erase_at` if it
    /// runs to its deadline (closing it earlier brings that forward).
    Open { days: i32, erase_at: NaiveDateTime },
    /// Closed at `closed`; erased `days` later, at `erase_at` (already due when that has
    /// passed).
    Closed {
        days: i32,
        closed: NaiveDateTime,
        erase_at: NaiveDateTime,
    },
    /// Its personal data was erased at `at`.
    Erased { at: NaiveDateTime },
}

impl Schedule {
    /// Where `campaign` stands at `now`.
    pub fn of(campaign: &Campaign, now: NaiveDateTime) -> Schedule {
        if let Some(at) = campaign.erased_at {
            return Schedule::Erased { at };
        }
        let days = campaign.retention_days;
        let closed = closing(campaign.closed_at, campaign.closes_on);
        let erase_at = erase_at(closed, days);
        if closed > now {
            Schedule::Open { days, erase_at }
        } else {
            Schedule::Closed {
                days,
                closed,
                erase_at,
            }
        }
    }

    /// Whether the erasure is due at `now`: closed, not yet erased, and its period over.
    pub fn is_due(&self, now: NaiveDateTime) -> bool {
        matches!(self, Schedule::Closed { erase_at, .. } if *erase_at <= now)
    }

    /// One sentence for the dashboard, e.g. "On 2027-12-31, 365 days after the campaign
    /// closed." (times in UTC).
    pub fn sentence(&self) -> String {
        match self {
            Schedule::Open { days, erase_at } => format!(
                "{days} days after the campaign closes; it is still open, so on {} at the \
                 latest (the end of its deadline plus {days} days), sooner if it is closed \
                 earlier.",
                day(*erase_at)
            ),
            Schedule::Closed {
                days,
                closed,
                erase_at,
            } => format!(
                "On {}, {days} days after the campaign closed on {}.",
                moment(*erase_at),
                moment(*closed)
            ),
            Schedule::Erased { at } => format!("Erased on {}.", moment(*at)),
        }
    }
}

/// When a campaign closed (or will close): the earlier of `closed_at` and the end of
/// `closes_on`.
pub fn closing(closed_at: Option<NaiveDateTime>, closes_on: NaiveDate) -> NaiveDateTime {
    let deadline_end = closes_on
        .checked_add_days(Days::new(1))
        .map_or(NaiveDateTime::MAX, |day| {
            day.and_time(chrono::NaiveTime::MIN)
        });
    closed_at.map_or(deadline_end, |at| at.min(deadline_end))
}

/// `days` whole days after `closed`.
pub fn erase_at(closed: NaiveDateTime, days: i32) -> NaiveDateTime {
    let days = Days::new(u64::try_from(days).unwrap_or(0));
    closed.checked_add_days(days).unwrap_or(NaiveDateTime::MAX)
}

/// A day as the page writes it.
fn day(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d").to_string()
}

/// A moment as the page writes it: the day, and the time when it is not midnight.
fn moment(at: NaiveDateTime) -> String {
    if at.time() == chrono::NaiveTime::MIN {
        day(at)
    } else {
        at.format("%Y-%m-%d %H:%M UTC").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::campaigns::{CampaignState, Tlp};

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a date")
    }

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        date(y, m, d).and_hms_opt(h, 0, 0).expect("a time")
    }

    fn campaign(closes_on: NaiveDate, closed_at: Option<NaiveDateTime>) -> Campaign {
        Campaign {
            id: 1,
            name: "Maturity".into(),
            tlp: Tlp::Amber,
            state: if closed_at.is_some() {
                CampaignState::Closed
            } else {
                CampaignState::Open
            },
            sender_organisation: "ENISA".into(),
            closes_on,
            created_at: at(2026, 1, 1, 9),
            closed_at,
            privacy_k: None,
            languages: None,
            retention_days: 365,
            erased_at: None,
            follows_id: None,
            review_required: false,
            peer_review_nis2: false,
        }
    }

    #[test]
    fn a_campaign_closed_by_hand_is_erased_its_period_after_that_moment() {
        let c = campaign(date(2027, 6, 30), Some(at(2027, 3, 1, 14)));
        let schedule = Schedule::of(&c, at(2027, 3, 2, 0));
        assert_eq!(
            schedule,
            Schedule::Closed {
                days: 365,
                closed: at(2027, 3, 1, 14),
                erase_at: at(2028, 2, 29, 14),
            }
        );
        assert!(!schedule.is_due(at(2028, 2, 29, 13)));
        assert!(schedule.is_due(at(2028, 2, 29, 14)));
        assert_eq!(
            schedule.sentence(),
            "On 2028-02-29 14:00 UTC, 365 days after the campaign closed on 2027-03-01 14:00 UTC."
        );
    }

    #[test]
    fn a_campaign_past_its_deadline_counts_as_closed_at_the_end_of_its_last_day() {
        let c = campaign(date(2027, 1, 31), None);
        // On its last day it still takes answers.
        assert!(matches!(
            Schedule::of(&c, at(2027, 1, 31, 23)),
            Schedule::Open { .. }
        ));
        let schedule = Schedule::of(&c, at(2027, 2, 1, 0));
        assert_eq!(
            schedule,
            Schedule::Closed {
                days: 365,
                closed: at(2027, 2, 1, 0),
                erase_at: at(2028, 2, 1, 0),
            }
        );
        assert_eq!(
            schedule.sentence(),
            "On 2028-02-01, 365 days after the campaign closed on 2027-02-01."
        );
        assert!(schedule.is_due(at(2028, 2, 1, 0)));
        assert!(!schedule.is_due(at(2028, 1, 31, 23)));
    }

    #[test]
    fn closing_after_the_deadline_does_not_put_the_erasure_off() {
        let c = campaign(date(2027, 1, 31), Some(at(2027, 5, 1, 10)));
        assert_eq!(closing(c.closed_at, c.closes_on), at(2027, 2, 1, 0));
    }

    #[test]
    fn an_open_campaign_is_never_due_and_says_its_latest_day() {
        let mut c = campaign(date(2099, 1, 31), None);
        c.retention_days = 30;
        let schedule = Schedule::of(&c, at(2027, 1, 1, 0));
        assert_eq!(
            schedule,
            Schedule::Open {
                days: 30,
                erase_at: at(2099, 3, 3, 0),
            }
        );
        assert!(!schedule.is_due(NaiveDateTime::MAX));
        assert!(
            schedule.sentence().starts_with(
                "30 days after the campaign closes; it is still open, so on 2099-03-03"
            )
        );
    }

    #[test]
    fn an_erased_campaign_is_never_due_again() {
        let mut c = campaign(date(2027, 1, 31), Some(at(2027, 1, 2, 0)));
        c.erased_at = Some(at(2028, 1, 2, 1));
        let schedule = Schedule::of(&c, at(2030, 1, 1, 0));
        assert_eq!(
            schedule,
            Schedule::Erased {
                at: at(2028, 1, 2, 1)
            }
        );
        assert!(!schedule.is_due(at(2030, 1, 1, 0)));
        assert_eq!(schedule.sentence(), "Erased on 2028-01-02 01:00 UTC.");
    }

    #[test]
    fn the_furthest_dates_do_not_overflow() {
        assert_eq!(closing(None, NaiveDate::MAX), NaiveDateTime::MAX);
        assert_eq!(erase_at(NaiveDateTime::MAX, 3650), NaiveDateTime::MAX);
    }
}
