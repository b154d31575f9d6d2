//! What a report's figures were scored with: the tier table (id, version and declared
//! source) behind every maturity questionnaire's tiers, and the cooperation model, which
//! is Liaison's own.

use std::collections::BTreeSet;

use crate::questionnaire::{Dimension, Model};

use super::super::data::Questionnaires;
use super::super::labels::dimension_label;
use super::LANGUAGE;

/// The tier table one maturity questionnaire was scored against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TierTableNote {
    /// "CSIRT maturity self-assessment (csirt-maturity 1.0.0)"
    pub questionnaire: String,
    pub table: String,
    pub table_version: String,
    /// What the table file declares as its `source`.
    pub source: String,
    pub description: Option<String>,
}

/// Everything the report's figures were scored with.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Provenance {
    pub tier_tables: Vec<TierTableNote>,
    /// Maturity questionnaires without a tier table: they place nobody in a tier.
    pub untiered: Vec<String>,
    /// Cooperation questionnaires scored on Liaison's own dimensions.
    pub cooperation: Vec<String>,
}

impl Provenance {
    /// What the questionnaires under `used` (those the responses ranked were answered
    /// against) score with.
    pub fn of<'a>(
        questionnaires: &Questionnaires,
        used: impl IntoIterator<Item = &'a (String, String)>,
    ) -> Self {
        let used: BTreeSet<&(String, String)> = used.into_iter().collect();
        let mut provenance = Self::default();
        for q in used.into_iter().filter_map(|key| questionnaires.get(key)) {
            let name = format!("{} ({} {})", q.title().get(LANGUAGE), q.id(), q.version());
            match (q.model(), q.default_tier_table()) {
                (Model::Cooperation, _) => provenance.cooperation.push(name),
                (Model::Maturity, None) => provenance.untiered.push(name),
                (Model::Maturity, Some(table)) => provenance.tier_tables.push(TierTableNote {
                    questionnaire: name,
                    table: table.id().to_owned(),
                    table_version: table.version().to_owned(),
                    source: table.source().to_owned(),
                    description: table.description().map(|d| d.get(LANGUAGE).to_owned()),
                }),
            }
        }
        provenance
    }

    /// Whether any organisation can have been placed in a tier: the maturity section.
    pub fn has_tiers(&self) -> bool {
        !self.tier_tables.is_empty()
    }

    /// Whether any response was scored on the cooperation dimensions: the cooperation section.
    pub fn has_cooperation(&self) -> bool {
        !self.cooperation.is_empty()
    }
}

/// The plain statement that the cooperation model is Liaison's own.
pub fn cooperation_model() -> String {
    let names: Vec<&str> = Dimension::ALL
        .iter()
        .map(|d| dimension_label(*d, LANGUAGE))
        .collect();
    let count = ["three", "four", "five", "six", "seven"]
        .get(names.len().wrapping_sub(3))
        .map_or_else(|| names.len().to_string(), |w| (*w).to_owned());
    format!(
        "The cooperation scores use Liaison's own {count}-dimension model ({}), built on \
         ENISA's work on cooperation between CSIRTs and law enforcement. It is not an ENISA \
         model or scale.",
        names.join(", ")
    )
}
