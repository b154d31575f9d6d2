//! The result page's change since the organisation's earlier round: per category or
//! dimension and for the tier, each round scored with its own questionnaire version.

use actix_web::web;

use crate::questionnaire::{Questionnaire, TierId};
use crate::rounds::{self, Move, RoundChange};
use crate::scoring::{Assessment, assess};
use crate::web::i18n::{category_label, dimension_label};
use crate::web::{AppState, WebError};

use super::next_round::earlier;
use super::round_words::{RoundWords, round_words};
use super::visit::Visit;

/// The change since the earlier round, as the result page shows it.
pub struct SinceView {
    pub words: &'static RoundWords,
    pub campaign: String,
    /// "Tools", "1.9 → 2.4"
    pub rows: Vec<(String, String)>,
    /// "Basic → Intermediate"
    pub tier: Option<String>,
}

/// How the visit's scores moved since the organisation's earlier round, each side scored
/// with its own questionnaire version; `None` without an earlier round.
pub(super) async fn since(
    state: &web::Data<AppState>,
    visit: &Visit,
    now: &Assessment,
    not_yet_basic: &str,
) -> Result<Option<SinceView>, WebError> {
    let Some(earlier) = earlier(state, visit).await? else {
        return Ok(None);
    };
    let eq = &earlier.questionnaire;
    let then = assess(eq, eq.default_tier_table(), &earlier.answers);
    let RoundChange {
        categories,
        dimensions,
        tier,
    } = rounds::change(&then, now);
    let lang = visit.language.as_str();
    let figure = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"));
    let step = |m: Move<f64>| format!("{} → {}", figure(m.then), figure(m.now));
    let rows = categories
        .into_iter()
        .map(|(c, m)| (category_label(c, lang).to_owned(), step(m)))
        .chain(
            dimensions
                .into_iter()
                .map(|(d, m)| (dimension_label(d, lang).to_owned(), step(m))),
        )
        .collect();
    let q = &visit.questionnaire;
    let tier_name = |id: Option<TierId>, from: &Questionnaire| {
        id.map_or_else(
            || not_yet_basic.to_owned(),
            |id| {
                from.default_tier_table()
                    .and_then(|t| t.tiers().iter().find(|tier| tier.id() == id))
                    .map_or_else(|| id.as_str().to_owned(), |t| t.name().get(lang).to_owned())
            },
        )
    };
    let tier = tier.map(|m| format!("{} → {}", tier_name(m.then, eq), tier_name(m.now, q)));
    Ok(Some(SinceView {
        words: round_words(lang),
        campaign: earlier.campaign.campaign.name,
        rows,
        tier,
    }))
}
