//! Where a respondent stands among peers: per SIM3 category or cooperation dimension, the
//! median and interquartile range of the submitted responses of their audience in their
//! campaign, shown only where the reports would show the audience's figure (see
//! [`peer_standing`] for the privacy rule and [`quantile`] for the method).
//!
//! The scores are those of the report tables (`data::measure_scores`), so a median here
//! is the `median` of the audience's "ALL" row of `aggregates.csv` built at the same time.

mod stats;
#[cfg(test)]
mod tests;

use crate::ids::CampaignId;
use crate::participants::OrganisationKind;
use crate::questionnaire::{Catalogue, Category, Dimension};
use crate::storage::DbConn;
use crate::storage::report_rows::{CampaignRows, submitted_rows};

use super::ReportError;
use super::data::{Questionnaires, measure_scores};
use super::recommendations::questionnaires_for;

pub use stats::{PeerScore, PeerStanding, PeerStats, Withheld, peer_standing, quantile};

/// The peer figures of every measure for one audience of one campaign.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerBenchmark {
    /// The threshold the figures were judged at.
    pub k: usize,
    /// `Category::ALL` order.
    pub categories: Vec<(Category, PeerStanding)>,
    /// `Dimension::ALL` order.
    pub dimensions: Vec<(Dimension, PeerStanding)>,
}

impl PeerBenchmark {
    pub fn category(&self, category: Category) -> Option<&PeerStanding> {
        self.categories
            .iter()
            .find(|(c, _)| *c == category)
            .map(|(_, s)| s)
    }

    pub fn dimension(&self, dimension: Dimension) -> Option<&PeerStanding> {
        self.dimensions
            .iter()
            .find(|(d, _)| *d == dimension)
            .map(|(_, s)| s)
    }
}

/// Loads the submitted responses of `campaign` (the reports' query) and judges the peer
/// figures of `audience` at threshold `k`.
pub fn peer_benchmark(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    campaign: CampaignId,
    audience: OrganisationKind,
    k: usize,
) -> Result<PeerBenchmark, ReportError> {
    let mut rows = submitted_rows(conn, campaign.get())?;
    // Answers of responses no longer listed are skipped when scoring, so only the
    // audience's responses are scored.
    rows.responses.retain(|r| r.audience == audience);
    let questionnaires = questionnaires_for(conn, catalogue, &rows)?;
    super::agreed::with_agreed_levels(conn, &mut rows, &questionnaires)?;
    benchmark_from_rows(&rows, &questionnaires, k)
}

/// The peer figures of the responses of `rows` (all of one audience) at threshold `k`.
pub fn benchmark_from_rows(
    rows: &CampaignRows,
    questionnaires: &Questionnaires,
    k: usize,
) -> Result<PeerBenchmark, ReportError> {
    let scores = measure_scores(rows, questionnaires)?;
    // Only responses with a value count towards a measure, as in the aggregates.
    let standing = |value_of: &dyn Fn(usize) -> Option<f64>| {
        let peers: Vec<PeerScore<'_>> = rows
            .responses
            .iter()
            .enumerate()
            .filter_map(|(i, row)| {
                Some(PeerScore {
                    organisation_id: row.organisation_id,
                    country: &row.country,
                    value: value_of(i)?,
                })
            })
            .collect();
        peer_standing(&peers, k)
    };
    let categories = Category::ALL
        .iter()
        .enumerate()
        .map(|(c, category)| {
            let value = |i: usize| scores[i].categories.get(c).copied().flatten();
            (*category, standing(&value))
        })
        .collect();
    let dimensions = Dimension::ALL
        .iter()
        .enumerate()
        .map(|(d, dimension)| {
            let value = |i: usize| scores[i].dimensions.get(d).copied().flatten();
            (*dimension, standing(&value))
        })
        .collect();
    Ok(PeerBenchmark {
        k,
        categories,
        dimensions,
    })
}
