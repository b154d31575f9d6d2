//! The self-assessed, peer and agreed levels of a response as a table, for the respondent's
//! result page, the analyst's response page and the peer's page alike.

use super::words::{PeerWords, peer_words};
use crate::peer_review::Comparison;
use crate::questionnaire::{Questionnaire, TierId};
use crate::responses::reading::tier_name;
use crate::web::i18n::ui;

/// One parameter's row.
pub(in crate::web) struct ComparisonLine {
    pub(in crate::web) parameter: String,
    pub(in crate::web) name: String,
    pub(in crate::web) own: String,
    pub(in crate::web) peer: String,
    pub(in crate::web) agreed: String,
}

/// What `peer/comparison.html` draws.
pub(in crate::web) struct ComparisonView {
    pub(in crate::web) words: &'static PeerWords,
    pub(in crate::web) rows: Vec<ComparisonLine>,
    pub(in crate::web) own_tier: String,
    pub(in crate::web) peer_tier: String,
    /// `None` until agreed levels are recorded.
    pub(in crate::web) agreed_tier: Option<String>,
}

impl ComparisonView {
    /// The table of `comparison` in `language`.
    pub(in crate::web) fn new(
        questionnaire: &Questionnaire,
        comparison: &Comparison,
        language: &str,
    ) -> ComparisonView {
        let words = peer_words(language);
        let tier = |t: Option<Option<TierId>>| match t {
            Some(Some(id)) => tier_name(questionnaire, id, language),
            Some(None) => ui(language).not_yet_basic.to_owned(),
            None => words.not_given.to_owned(),
        };
        let level =
            |l: Option<i32>| l.map_or_else(|| words.not_given.to_owned(), |l| l.to_string());
        let any_agreed = comparison.rows.iter().any(|r| r.agreed.is_some());
        ComparisonView {
            words,
            rows: comparison
                .rows
                .iter()
                .map(|r| ComparisonLine {
                    parameter: r.parameter.clone(),
                    name: r.name.clone(),
                    own: r
                        .own
                        .map_or_else(|| words.not_given.to_owned(), |l| format!("{l:.0}")),
                    peer: level(r.peer),
                    agreed: level(r.agreed),
                })
                .collect(),
            own_tier: tier(comparison.own_tier),
            peer_tier: tier(comparison.peer_tier),
            agreed_tier: any_agreed.then(|| tier(comparison.agreed_tier)),
        }
    }
}
