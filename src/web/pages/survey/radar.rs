//! The respondent's radar chart, drawn by the same code as the campaign reports' radars
//! but with its spokes named in the respondent's language.

use crate::reports::{Provenance, RadarHeading, RadarScores, respondent_radar_png};
use crate::scoring::assess;
use crate::web::WebError;

use super::visit::Visit;

pub fn radar_for(visit: &Visit) -> Result<Vec<u8>, WebError> {
    let q = &visit.questionnaire;
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
    respondent_radar_png(&heading, &RadarScores::of(q.model(), &assessment), lang)
        .map_err(WebError::internal)
}
