//! What a report says about where its scores come from: for each questionnaire scored,
//! the tier table that placed the responses (its id, version and declared source) or,
//! for a cooperation questionnaire, the model's declared source, which for the shipped
//! files says it is Liaison's own.

use crate::questionnaire::{Model, Questionnaire};

/// The provenance of a report's scores, one statement per distinct origin.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Provenance {
    /// (what scored, which questionnaires), in questionnaire order.
    statements: Vec<(String, Vec<String>)>,
}

impl Provenance {
    /// The provenance of scores computed from `questionnaires`.
    pub fn of<'q>(questionnaires: impl IntoIterator<Item = &'q Questionnaire>) -> Self {
        let mut statements: Vec<(String, Vec<String>)> = Vec::new();
        for q in questionnaires {
            let origin = origin(q);
            let name = format!("{} {}", q.id(), q.version());
            match statements.iter_mut().find(|(o, _)| *o == origin) {
                Some((_, names)) => names.push(name),
                None => statements.push((origin, vec![name])),
            }
        }
        Provenance { statements }
    }

    /// One line for a report's heading, e.g. "csirt-maturity 1.0.0 scored with tier
    /// table baseline version 1 (source: project baseline)".
    pub fn line(&self) -> String {
        if self.statements.is_empty() {
            return "no responses scored yet".to_owned();
        }
        self.statements
            .iter()
            .map(|(origin, names)| format!("{} scored with {origin}", names.join(" and ")))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// What a questionnaire's scores rest on, as its files declare it.
fn origin(q: &Questionnaire) -> String {
    let model = q.model_source().map(|source| format!("model: {source}"));
    match q.model() {
        Model::Maturity => {
            let table = q.default_tier_table().map_or_else(
                || "no tier table".to_owned(),
                |t| {
                    format!(
                        "tier table {} version {} (source: {})",
                        t.id(),
                        t.version(),
                        t.source()
                    )
                },
            );
            match model {
                Some(model) => format!("{table} · {model}"),
                None => table,
            }
        }
        Model::Cooperation => model.unwrap_or_else(|| "a model of undeclared source".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::questionnaire::Catalogue;

    fn shipped() -> Catalogue {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
        Catalogue::load(&dir).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_maturity_report_names_its_tier_table_and_source() {
        let catalogue = shipped();
        let maturity = catalogue.get("csirt-maturity").expect("ships");
        let line = Provenance::of([maturity]).line();
        assert_eq!(
            line,
            format!(
                "csirt-maturity {} scored with tier table baseline version 1 (source: project baseline)",
                maturity.version()
            )
        );
    }

    #[test]
    fn a_cooperation_report_says_the_model_is_liaisons_own_once_for_both_sides() {
        let catalogue = shipped();
        let sides = ["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"]
            .map(|id| catalogue.get(id).expect("ships"));
        let line = Provenance::of(sides).line();
        assert_eq!(line.matches("scored with").count(), 1, "{line}");
        assert!(
            line.contains("csirt-le-cooperation-csirt 1.4.0 and csirt-le-cooperation-lea 1.4.0")
        );
        assert!(
            line.contains("model: Liaison's own cooperation model built on ENISA's"),
            "{line}"
        );
        assert!(line.contains("not an ENISA scale"), "{line}");
    }

    #[test]
    fn a_report_without_responses_says_nothing_was_scored() {
        assert_eq!(Provenance::default().line(), "no responses scored yet");
    }
}
