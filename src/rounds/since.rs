//! How a response's scores moved since the organisation's earlier round, pure: per SIM3
//! category (maturity) or cooperation dimension, and the tier. Each side is scored with
//! its own questionnaire version, so a changed file does not rescore the past.

use crate::questionnaire::{Category, Dimension, TierId};
use crate::scoring::Assessment;

/// One figure then and now; `None` where it had no answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Move<T> {
    pub then: Option<T>,
    pub now: Option<T>,
}

/// The change since the earlier round.
#[derive(Debug, Clone, PartialEq)]
pub struct RoundChange {
    /// Maturity: each category's mean, in the current assessment's order.
    pub categories: Vec<(Category, Move<f64>)>,
    /// Cooperation: each dimension's score, in the current assessment's order.
    pub dimensions: Vec<(Dimension, Move<f64>)>,
    /// The tier reached then and now (`None` inside: not yet basic); `None` when either
    /// side was not placed.
    pub tier: Option<Move<TierId>>,
}

/// The change from `then` to `now`.
pub fn change(then: &Assessment, now: &Assessment) -> RoundChange {
    let categories = now
        .categories
        .iter()
        .map(|c| {
            let earlier = then.categories.iter().find(|e| e.category == c.category);
            let step = Move {
                then: earlier.and_then(|e| e.mean),
                now: c.mean,
            };
            (c.category, step)
        })
        .collect();
    let dimensions = now
        .dimensions
        .iter()
        .map(|d| {
            let earlier = then.dimensions.iter().find(|e| e.dimension == d.dimension);
            let step = Move {
                then: earlier.and_then(|e| e.score),
                now: d.score,
            };
            (d.dimension, step)
        })
        .collect();
    let tier = match (&then.tier, &now.tier) {
        (Some(then), Some(now)) => Some(Move {
            then: then.reached,
            now: now.reached,
        }),
        _ => None,
    };
    RoundChange {
        categories,
        dimensions,
        tier,
    }
}
