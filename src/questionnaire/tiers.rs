//! Tier tables: the minimum level per SIM3 parameter for each tier, kept as data with its source.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use super::check::{Check, Coverage};
use super::error::{Place, Problem};
use super::raw::RawTierFile;
use super::text::Text;

/// The three tiers, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TierId {
    Basic,
    Intermediate,
    Advanced,
}

impl TierId {
    pub const ALL: [TierId; 3] = [Self::Basic, Self::Intermediate, Self::Advanced];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Basic => "basic",
            Self::Intermediate => "intermediate",
            Self::Advanced => "advanced",
        }
    }
}

/// One tier: which parameters it lists and the level each needs.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tier {
    id: TierId,
    name: Text,
    description: Option<Text>,
    tolerance: u32,
    minimums: BTreeMap<String, u8>,
}

impl Tier {
    pub fn id(&self) -> TierId {
        self.id
    }
    pub fn name(&self) -> &Text {
        &self.name
    }
    pub fn description(&self) -> Option<&Text> {
        self.description.as_ref()
    }
    /// How many listed parameters may fall short while the tier still counts as met.
    pub fn tolerance(&self) -> u32 {
        self.tolerance
    }
    /// Parameter id → minimum level, for the parameters this tier lists.
    pub fn minimums(&self) -> &BTreeMap<String, u8> {
        &self.minimums
    }
}

/// A whole tier table, basic first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TierTable {
    id: String,
    source: String,
    version: String,
    description: Option<Text>,
    tiers: Vec<Tier>,
}

impl TierTable {
    pub fn id(&self) -> &str {
        &self.id
    }
    /// Where the table comes from, shown beside every tier it decides.
    pub fn source(&self) -> &str {
        &self.source
    }
    pub fn version(&self) -> &str {
        &self.version
    }
    pub fn description(&self) -> Option<&Text> {
        self.description.as_ref()
    }
    /// The tiers, lowest first.
    pub fn tiers(&self) -> &[Tier] {
        &self.tiers
    }
}

/// Validates a tier file against the questionnaire's parameter ids.
pub(super) fn validate(
    raw: RawTierFile,
    parameters: &HashSet<&str>,
    check: &mut Check<'_>,
) -> TierTable {
    let file = Place::File;
    if raw.id.trim().is_empty() || raw.source.trim().is_empty() {
        check.invalid(&file, "a tier table needs a non-empty id and source");
    }
    let description = check.optional_text(
        &file,
        raw.description.as_ref(),
        "the description",
        Coverage::Fallback,
    );
    let expected: Vec<&str> = TierId::ALL.iter().map(|t| t.as_str()).collect();
    let found: Vec<&str> = raw.tiers.iter().map(|t| t.id.as_str()).collect();
    if found != expected {
        check.invalid(
            &file,
            format!(
                "tiers must be basic, intermediate, advanced in that order, not {}",
                found.join(", ")
            ),
        );
    }
    let mut tiers: Vec<Tier> = Vec::new();
    for (raw_tier, id) in raw.tiers.into_iter().zip(TierId::ALL) {
        let place = Place::Tier(raw_tier.id.clone());
        let name = check.text(&place, &raw_tier.name, "the tier name", Coverage::Fallback);
        let description = check.optional_text(
            &place,
            raw_tier.description.as_ref(),
            "the tier description",
            Coverage::Fallback,
        );
        let mut minimums = BTreeMap::new();
        for (parameter, level) in raw_tier.minimums {
            if !parameters.contains(parameter.as_str()) {
                check.fail(&place, Problem::TierUnknownParameter(parameter));
            } else if !(0..=4).contains(&level) {
                check.fail(&place, Problem::TierLevelOutOfRange { parameter, level });
            } else {
                minimums.insert(parameter, level as u8);
            }
        }
        if raw_tier.tolerance as usize > minimums.len() {
            check.invalid(
                &place,
                format!(
                    "tolerance {} exceeds the {} parameters the tier lists",
                    raw_tier.tolerance,
                    minimums.len()
                ),
            );
        }
        for lower in &tiers {
            for (parameter, level) in &minimums {
                if let Some(lower_level) = lower.minimums.get(parameter).filter(|l| *l > level) {
                    check.invalid(
                        &place,
                        format!(
                            "asks {parameter} at {level}, below {}'s {lower_level}",
                            lower.id.as_str()
                        ),
                    );
                }
            }
        }
        tiers.push(Tier {
            id,
            name,
            description,
            tolerance: raw_tier.tolerance,
            minimums,
        });
    }
    TierTable {
        id: raw.id,
        source: raw.source,
        version: raw.version,
        description,
        tiers,
    }
}
