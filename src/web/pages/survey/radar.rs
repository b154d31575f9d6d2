//! The respondent's radar chart, drawn by the same code as the campaign reports' radars
//! but with its spokes named in the respondent's language, and the peers' median as a
//! second, lighter polygon when every spoke has one that may be shown.

use crate::questionnaire::Questionnaire;
use crate::reports::peers::PeerBenchmark;
use crate::reports::{Provenance, RadarHeading, RadarScores, respondent_radar_with_reference};
use crate::scoring::assess;
use crate::web::WebError;
use crate::web::i18n::ui;

use super::peers::standings;
use super::visit::Visit;

pub fn radar_for(visit: &Visit, peers: &PeerBenchmark) -> Result<Vec<u8>, WebError> {
    let q: &Questionnaire = &visit.questionnaire;
    let lang = visit.language.as_str();
    let assessment = assess(q, q.default_tier_table(), &visit.answers);
    let campaign = &visit.open.campaign.campaign;
    let heading = RadarHeading {
        campaign: &campaign.name,
        tlp: campaign.tlp,
        organisation: &visit.organisation,
        questionnaire: q.title().get(lang),
        provenance: &Provenance::of([q]).line(),
    };
    let scores = RadarScores::of(q.model(), &assessment);
    let reference = super::peers::radar_reference(ui(lang), &standings(peers, &scores));
    respondent_radar_with_reference(&heading, &scores, reference.as_ref(), lang)
        .map_err(WebError::internal)
}
