//! `trend.csv`: the trend as one long table, every cell written by
//! [`cells`](crate::reports::cells) and a suppressed figure left empty beside
//! `suppressed = true`, as in `aggregates.csv`.
//!
//! One row per round, audience, section and measure, in round order:
//!
//! | section | measure | organisations, responses | count | share | mean |
//! |---|---|---|---|---|---|
//! | `submitted` | (empty) | that submitted | | | |
//! | `tier` | tier word | placed in a tier | responses in the tier | of those placed | |
//! | `mean` | category code or dimension | scoring it | | | its mean (0–4) |
//! | `movement` | `up`, `same`, `down` | the same organisations placed in this round and the one before | organisations that moved so | of those matched | |
//! | `change` | category code or dimension | the same organisations scoring it in both | | | mean change since the round before |
//!
//! `movement` and `change` rows start at round 2 and compare each organisation's latest
//! response of the two rounds. `k` is the threshold the row obeys.

use super::series::{AudienceRound, Counted, Movement, Trend, tier_word};
use crate::reports::cells::{Cell, write_record};

/// The columns of trend.csv, in order.
pub const TREND_COLUMNS: [&str; 14] = [
    "round",
    "campaign_id",
    "campaign",
    "closes_on",
    "audience",
    "section",
    "measure",
    "k",
    "organisations",
    "responses",
    "count",
    "share",
    "mean",
    "suppressed",
];

/// Decimals of a mean or mean change on the 0–4 scale, as in the other report tables.
const MEAN_DECIMALS: u8 = 2;

/// Decimals of a share: three tell apart one organisation more or less among hundreds.
const SHARE_DECIMALS: u8 = 3;

/// The movement words, in the order of `Movement::tiers`.
const MOVEMENTS: [&str; 3] = ["up", "same", "down"];

/// The round's name and date, the same on each of its rows.
struct RoundCells<'a> {
    round: i64,
    campaign_id: i64,
    campaign: &'a str,
    closes_on: String,
}

/// What one row says after the round's cells.
struct Row<'a> {
    audience: &'a str,
    section: &'a str,
    measure: &'a str,
    organisations: Option<usize>,
    responses: Option<usize>,
    count: Option<usize>,
    share: Option<f64>,
    mean: Option<f64>,
    suppressed: bool,
}

impl<'a> Row<'a> {
    fn of<T>(audience: &'a str, section: &'a str, measure: &'a str, c: &Counted<T>) -> Self {
        Row {
            audience,
            section,
            measure,
            organisations: c.organisations,
            responses: c.responses,
            count: None,
            share: None,
            mean: None,
            suppressed: c.suppressed,
        }
    }
}

/// The whole file: `comment` (the TLP and provenance line), the column names, the rows.
pub fn trend_csv(trend: &Trend, comment: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(4096);
    out.extend_from_slice(comment.as_bytes());
    out.push(b'\n');
    write_record(&mut out, TREND_COLUMNS.iter().map(|c| Cell::Text(c)));
    for round in &trend.rounds {
        let at = RoundCells {
            round: count(round.round),
            campaign_id: round.campaign_id,
            campaign: &round.campaign,
            closes_on: round.closes_on.format("%Y-%m-%d").to_string(),
        };
        for audience in &round.audiences {
            write_audience(&mut out, &at, count(round.k), audience);
        }
        for movement in trend.movements.iter().filter(|m| m.round == round.round) {
            write_movement(&mut out, &at, movement);
        }
    }
    out
}

/// The `submitted`, `tier` and `mean` rows of one audience in one round.
fn write_audience(out: &mut Vec<u8>, at: &RoundCells<'_>, k: i64, a: &AudienceRound) {
    let audience = a.audience.as_str();
    let submitted = Row::of(audience, "submitted", "", &a.submitted);
    write_row(out, at, k, &submitted);
    if let Some(tiers) = &a.tiers {
        for (i, word) in (0..4).map(|i| (i, tier_word(i))) {
            let n = tiers.value.map(|c| c[i]);
            let row = Row {
                count: n,
                share: share(n, tiers.responses),
                ..Row::of(audience, "tier", word, tiers)
            };
            write_row(out, at, k, &row);
        }
    }
    for (measure, mean) in &a.means {
        let row = Row {
            mean: mean.value,
            ..Row::of(audience, "mean", measure, mean)
        };
        write_row(out, at, k, &row);
    }
}

/// The `movement` and `change` rows of one audience since the round before.
fn write_movement(out: &mut Vec<u8>, at: &RoundCells<'_>, m: &Movement) {
    let (k, audience) = (count(m.k), m.audience.as_str());
    if let Some(tiers) = &m.tiers {
        for (i, word) in MOVEMENTS.iter().enumerate() {
            let n = tiers.value.map(|c| c[i]);
            let row = Row {
                count: n,
                share: share(n, tiers.organisations),
                ..Row::of(audience, "movement", word, tiers)
            };
            write_row(out, at, k, &row);
        }
    }
    for (measure, change) in &m.changes {
        let row = Row {
            mean: change.value,
            ..Row::of(audience, "change", measure, change)
        };
        write_row(out, at, k, &row);
    }
}

fn write_row(out: &mut Vec<u8>, at: &RoundCells<'_>, k: i64, row: &Row<'_>) {
    let number = |n: Option<usize>| n.map_or(Cell::Empty, |n| Cell::Integer(count(n)));
    let decimal = |x: Option<f64>, places| x.map_or(Cell::Empty, |x| Cell::Decimal(x, places));
    write_record(
        out,
        [
            Cell::Integer(at.round),
            Cell::Integer(at.campaign_id),
            Cell::Text(at.campaign),
            Cell::Text(&at.closes_on),
            Cell::Text(row.audience),
            Cell::Text(row.section),
            Cell::Text(row.measure),
            Cell::Integer(k),
            number(row.organisations),
            number(row.responses),
            number(row.count),
            decimal(row.share, SHARE_DECIMALS),
            decimal(row.mean, MEAN_DECIMALS),
            Cell::Bool(row.suppressed),
        ],
    );
}

fn share(count: Option<usize>, of: Option<usize>) -> Option<f64> {
    let (count, of) = (count?, of?);
    (of > 0).then(|| count as f64 / of as f64)
}

fn count(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}
