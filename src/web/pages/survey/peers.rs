//! The peer comparison of the result page and its radar: judged for the visit's audience
//! at the threshold the campaign's reports are built with, and laid out spoke by spoke
//! beside the respondent's own scores.

use crate::ids::CampaignId;
use crate::reports::peers::{PeerBenchmark, PeerStanding, Withheld, peer_benchmark};
use crate::reports::{RadarReference, RadarScores, ReportError};
use crate::web::i18n::Ui;
use crate::web::{AppState, WebError, with_conn};

use super::visit::Visit;

/// The threshold the reports are built with (`report_files::build`, `liaison reports`):
/// the result page must never show an audience figure the reports would suppress.
fn threshold(state: &AppState) -> usize {
    state.settings.privacy_k
}

/// The peer figures of the visit's audience in its campaign, from the submitted responses.
pub async fn load(state: &AppState, visit: &Visit) -> Result<PeerBenchmark, WebError> {
    let (catalogue, k) = (state.catalogue.clone(), threshold(state));
    let campaign = CampaignId(visit.open.campaign.campaign.id);
    let audience = visit.open.participant.audience;
    with_conn(state, move |conn| {
        peer_benchmark(conn, &catalogue, campaign, audience, k).map_err(|e| match e {
            ReportError::Storage(e) => e.into(),
            other => WebError::internal(other),
        })
    })
    .await
}

/// The peer standing of each spoke of `scores`, in its order.
pub fn standings<'a>(
    benchmark: &'a PeerBenchmark,
    scores: &RadarScores,
) -> Vec<Option<&'a PeerStanding>> {
    match scores {
        RadarScores::Categories(c) => c.iter().map(|(c, _)| benchmark.category(*c)).collect(),
        RadarScores::Dimensions(d) => d.iter().map(|(d, _)| benchmark.dimension(*d)).collect(),
    }
}

/// A score row's peer columns.
pub struct PeerCells {
    pub median: String,
    pub range: String,
}

/// The peer columns of one spoke, when its figures may be shown.
pub fn cells(standing: Option<&PeerStanding>) -> Option<PeerCells> {
    match standing? {
        PeerStanding::Shown(s) => Some(PeerCells {
            median: format!("{:.1}", s.median),
            range: format!("{:.1}–{:.1}", s.q1, s.q3),
        }),
        PeerStanding::Withheld(_) => None,
    }
}

/// The one sentence saying why some or all peer figures are not shown, if any is withheld:
/// too few organisations first, since it is the reason a respondent can wait out.
pub fn withheld_sentence(ui: &Ui, standings: &[Option<&PeerStanding>]) -> Option<String> {
    let reasons = || {
        standings.iter().filter_map(|s| match s {
            Some(PeerStanding::Withheld(why)) => Some(*why),
            _ => None,
        })
    };
    let why = reasons()
        .find(|w| matches!(w, Withheld::TooFew { .. }))
        .or_else(|| reasons().next())?;
    Some(match why {
        Withheld::TooFew { k, .. } => ui.peers_too_few.replace("{k}", &k.to_string()),
        Withheld::SmallRemainder { k } => ui.peers_small_remainder.replace("{k}", &k.to_string()),
    })
}

/// The peers' median as the radar's second polygon: only when every spoke has one, since a
/// shape with a spoke missing would read as a median of 0 there.
pub fn radar_reference(ui: &Ui, standings: &[Option<&PeerStanding>]) -> Option<RadarReference> {
    let values = standings
        .iter()
        .map(|s| match s {
            Some(PeerStanding::Shown(stats)) => Some(stats.median),
            _ => None,
        })
        .collect::<Option<Vec<f64>>>()?;
    Some(RadarReference {
        label: ui.peers_legend.to_owned(),
        values,
    })
}
