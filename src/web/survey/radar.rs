//! The respondent's radar chart: categories for maturity, dimensions for cooperation.

use crate::questionnaire::Model;
use crate::reports::{RadarAxis, radar_png};
use crate::scoring::assess;
use crate::web::WebError;
use crate::web::i18n::{category_label, dimension_label};

use super::visit::Visit;

pub fn radar_for(visit: &Visit) -> Result<Vec<u8>, WebError> {
    let q = &visit.questionnaire;
    let lang = visit.language.as_str();
    let assessment = assess(q, q.default_tier_table(), &visit.answers);
    let axes: Vec<RadarAxis> = if q.model() == Model::Cooperation {
        assessment
            .dimensions
            .iter()
            .map(|d| RadarAxis {
                label: dimension_label(d.dimension, lang).to_owned(),
                value: d.score,
            })
            .collect()
    } else {
        assessment
            .categories
            .iter()
            .map(|c| RadarAxis {
                label: category_label(c.category, lang).to_owned(),
                value: c.mean,
            })
            .collect()
    };
    let campaign = &visit.open.campaign.campaign;
    let title = format!("{} — TLP:{}", campaign.name, campaign.tlp);
    let subtitle = format!("{} — {}", visit.organisation, q.title().get(lang));
    radar_png(&title, &subtitle, &axes, 600, 520).map_err(WebError::internal)
}
