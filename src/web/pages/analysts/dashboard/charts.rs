//! The dashboard's two charts, drawn as inline SVG on the server from the numbers its tables
//! show: submissions over time against the number invited, and the response rate of each
//! country. No script draws anything; the template lays out the shapes computed here, in a
//! `viewBox` that scales to the page's width, so they fit a phone as well as a desktop.

use chrono::{NaiveDate, NaiveDateTime};

use crate::storage::progress::Tally;

/// Width of both charts in their own units; the page scales them to its column.
const WIDTH: f64 = 400.0;

/// Where the rate bars begin and how long a bar of 100 % is.
const BAR_LEFT: f64 = 44.0;
const BAR_FULL: f64 = 300.0;
/// Height of one country's row.
const ROW: u32 = 28;

/// The plot area of the progress chart: left, right, top and bottom edges.
const PLOT: (f64, f64, f64, f64) = (40.0, 392.0, 14.0, 196.0);
/// Total height of the progress chart, dates below the plot included.
pub const PROGRESS_HEIGHT: u32 = 226;

/// One country's bar.
pub struct RateBar {
    pub label: String,
    /// Top of the bar.
    pub y: u32,
    /// Baseline of its texts.
    pub text_y: u32,
    /// Length of the bar; "0" for no invitations.
    pub width: String,
    /// "67 %", or "–" before anyone is invited.
    pub rate: String,
}

/// The response rate by country.
pub struct RateChart {
    pub height: u32,
    pub bar_left: String,
    pub bar_full: String,
    pub rate_x: String,
    pub bars: Vec<RateBar>,
    /// The numbers in words, for those who do not see the chart.
    pub summary: String,
}

/// The rate chart of `by_country`, in the order of the table.
pub fn rate_chart(by_country: &[(String, Tally)]) -> RateChart {
    let bars: Vec<RateBar> = by_country
        .iter()
        .zip(0u32..)
        .map(|((country, tally), i)| {
            let rate = tally.response_rate();
            RateBar {
                label: country.clone(),
                y: 4 + i * ROW + 4,
                text_y: 4 + i * ROW + 19,
                width: number(rate.map_or(0.0, |r| BAR_FULL * r.min(100) as f64 / 100.0)),
                rate: rate.map_or_else(|| "–".to_owned(), |r| format!("{r} %")),
            }
        })
        .collect();
    let summary = by_country
        .iter()
        .map(|(country, t)| match t.response_rate() {
            Some(r) => format!(
                "{country}: {r} % ({} of {} invited)",
                t.submitted, t.invited
            ),
            None => format!("{country}: nobody invited yet"),
        })
        .collect::<Vec<_>>()
        .join("; ");
    RateChart {
        height: 8 + ROW * u32::try_from(bars.len()).unwrap_or(0),
        bar_left: number(BAR_LEFT),
        bar_full: number(BAR_FULL),
        rate_x: number(WIDTH - 4.0),
        bars,
        summary,
    }
}

/// Submissions over time.
pub struct ProgressChart {
    /// The cumulative count as a stepped line, `points` of a polyline.
    pub points: String,
    /// Where the dashed line of the number invited lies; `None` when nobody is invited.
    pub invited_y: Option<String>,
    pub invited: i64,
    /// The top of the count axis.
    pub top: i64,
    pub first: String,
    pub last: String,
    /// Per day with submissions: the date, how many, and how many by then.
    pub days: Vec<(String, i64, i64)>,
    pub summary: String,
}

/// The progress chart of submissions made at `times` (earliest first) out of `invited`;
/// `None` before the first submission.
pub fn progress_chart(times: &[NaiveDateTime], invited: i64) -> Option<ProgressChart> {
    let mut days: Vec<(NaiveDate, i64, i64)> = Vec::new();
    for at in times {
        let day = at.date();
        match days.last_mut() {
            Some((d, new, total)) if *d == day => {
                *new += 1;
                *total += 1;
            }
            _ => {
                let before = days.last().map_or(0, |(_, _, total)| *total);
                days.push((day, 1, before + 1));
            }
        }
    }
    let (first, _, _) = *days.first()?;
    let (last, _, submitted) = *days.last()?;
    let span = (last - first).num_days().max(1) as f64;
    let top = invited.max(submitted).max(1);
    let (left, right, upper, lower) = PLOT;
    let x = |day: NaiveDate| left + (right - left) * (day - first).num_days() as f64 / span;
    let y = |count: i64| lower - (lower - upper) * count as f64 / top as f64;
    let mut points = vec![format!("{},{}", number(x(first)), number(y(0)))];
    let mut before = 0;
    for (day, _, total) in &days {
        points.push(format!("{},{}", number(x(*day)), number(y(before))));
        points.push(format!("{},{}", number(x(*day)), number(y(*total))));
        before = *total;
    }
    // The line goes on to the right edge: nothing more was submitted after the last day.
    points.push(format!("{},{}", number(right), number(y(before))));
    let summary = format!(
        "{submitted} of {invited} invited submitted, the first on {first}, the latest on {last}."
    );
    Some(ProgressChart {
        points: points.join(" "),
        invited_y: (invited > 0).then(|| number(y(invited))),
        invited,
        top,
        first: first.to_string(),
        last: last.to_string(),
        days: days
            .into_iter()
            .map(|(d, new, total)| (d.to_string(), new, total))
            .collect(),
        summary,
    })
}

/// A coordinate with at most one decimal, as SVG reads it.
fn number(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .expect("a time")
    }

    #[test]
    fn each_country_gets_a_bar_as_long_as_its_rate() {
        let tally = |invited, submitted| Tally {
            invited,
            submitted,
            ..Tally::default()
        };
        let chart = rate_chart(&[
            ("AT".to_owned(), tally(4, 2)),
            ("DE".to_owned(), tally(0, 0)),
        ]);
        assert_eq!(chart.height, 8 + 2 * ROW);
        assert_eq!(chart.bars[0].width, "150");
        assert_eq!(chart.bars[0].rate, "50 %");
        assert_eq!(chart.bars[1].width, "0");
        assert_eq!(chart.bars[1].rate, "–");
        assert_eq!(
            chart.summary,
            "AT: 50 % (2 of 4 invited); DE: nobody invited yet"
        );
    }

    #[test]
    fn submissions_add_up_by_day_and_climb_towards_the_number_invited() {
        assert!(progress_chart(&[], 3).is_none());
        let chart = progress_chart(&[at(2, 9), at(2, 15), at(4, 8)], 4).expect("a chart");
        assert_eq!(
            chart.days,
            [
                ("2026-11-02".to_owned(), 2, 2),
                ("2026-11-04".to_owned(), 1, 3)
            ]
        );
        assert_eq!(chart.top, 4);
        assert_eq!(chart.invited_y.as_deref(), Some("14"));
        // From nothing on the first day to 2, then 3 two days later, then flat to the edge.
        assert_eq!(
            chart.points,
            "40,196 40,196 40,105 392,105 392,59.5 392,59.5"
        );
        assert!(chart.summary.starts_with("3 of 4 invited submitted"));
    }
}
