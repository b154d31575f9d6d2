//! Requirements read against the parameters they rest on, from hand-written answers.

use std::path::PathBuf;

use super::*;
use crate::questionnaire::{Answer, Catalogue, Sources};

fn level_question(id: &str, category: &str) -> String {
    let options: Vec<String> = (0..5)
        .map(|l| format!("{{ level = {l}, label = {{ en = \"{l}\" }} }}"))
        .collect();
    format!(
        "[[sections.questions]]\nid = \"{id}\"\nkind = \"level\"\nname = \"{id} name\"\ncategory = \"{category}\"\ntext = {{ en = \"{id}?\" }}\noptions = [{}]\n",
        options.join(", ")
    )
}

fn folder(id: &str, questions: &[&str], mapping: Option<&str>) -> Sources {
    let mut q = format!(
        "id = \"{id}\"\nversion = \"1\"\naudience = \"csirt\"\nmodel = \"maturity\"\nlanguages = [\"en\"]\ntier_table = \"t\"\ntitle = {{ en = \"Q\" }}\n[[sections]]\nid = \"s\"\ntitle = {{ en = \"S\" }}\n"
    );
    for question in questions {
        q.push_str(&level_question(question, "O"));
    }
    let tiers: String = ["basic", "intermediate", "advanced"]
        .iter()
        .enumerate()
        .map(|(i, tier)| {
            format!(
                "[[tiers]]\nid = \"{tier}\"\nname = {{ en = \"{tier}\" }}\nminimums = {{ \"{}\" = {} }}\n",
                questions[0],
                i + 1
            )
        })
        .collect();
    let tiers = format!("id = \"t\"\nsource = \"test\"\nversion = \"1\"\n{tiers}");
    let mut files = vec![
        ("questionnaire.toml".to_owned(), q),
        ("tiers.toml".to_owned(), tiers),
    ];
    if let Some(m) = mapping {
        files.push(("mapping.toml".to_owned(), m.to_owned()));
    }
    Sources {
        folder: PathBuf::from(id),
        files,
    }
}

const MAPPING: &str = r#"
id = "m"
questionnaire = "sim3"
source = "the test's own mapping"
[[items]]
question = "N-1"
parameters = ["O-1", "O-2"]
[[items]]
question = "N-2"
parameters = ["O-1", "O-2"]
[[items]]
question = "N-3"
parameters = ["O-2"]
"#;

fn catalogue(mapping: &str) -> Result<Catalogue, crate::questionnaire::DefinitionErrors> {
    Catalogue::from_sources(vec![
        folder("sim3", &["O-1", "O-2"], None),
        folder("nis2", &["N-1", "N-2", "N-3"], Some(mapping)),
    ])
}

fn levels(pairs: &[(&str, u8)]) -> Answers {
    pairs
        .iter()
        .map(|(q, l)| (q.to_string(), Answer::Choice(l.to_string())))
        .collect()
}

#[test]
fn a_claim_without_basis_and_a_basis_without_claim_are_flagged() {
    let catalogue = catalogue(MAPPING).unwrap_or_else(|e| panic!("{e}"));
    let (nis2, sim3) = (
        catalogue.get("nis2").expect("nis2"),
        catalogue.get("sim3").expect("sim3"),
    );
    let mapping = nis2.mapping().expect("a mapping");
    assert_eq!(mapping.source(), "the test's own mapping");
    // O-2 unanswered counts as 0.
    let lines = mapped_lines(
        nis2,
        &levels(&[("N-1", 4), ("N-2", 1), ("N-3", 2)]),
        mapping,
        sim3,
        &levels(&[("O-1", 3)]),
    );
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[0].inconsistency,
        Some(Inconsistency::ClaimedWithoutBasis)
    );
    assert_eq!(
        lines[0].parameters[1],
        ("O-2".to_owned(), "O-2 name".to_owned(), None)
    );
    assert_eq!(lines[1].inconsistency, None, "O-2 is not in place either");
    assert_eq!(lines[2].inconsistency, None);
    let lines = mapped_lines(
        nis2,
        &levels(&[("N-2", 0)]),
        mapping,
        sim3,
        &levels(&[("O-1", 3), ("O-2", 4)]),
    );
    assert_eq!(
        lines[1].inconsistency,
        Some(Inconsistency::BasisWithoutClaim)
    );
    assert_eq!(lines[0].level, None);
    assert_eq!(
        lines[0].inconsistency, None,
        "an unanswered requirement claims nothing"
    );
}

#[test]
fn a_mapping_to_an_unknown_parameter_or_question_is_refused_by_name() {
    let refused = |mapping: &str| -> Vec<String> {
        catalogue(mapping)
            .expect_err("refused")
            .errors()
            .iter()
            .map(ToString::to_string)
            .collect()
    };
    assert_eq!(
        refused(&MAPPING.replace("question = \"N-1\"", "question = \"N-7\"")),
        [
            "nis2/mapping.toml: question N-7: the mapping names a question the questionnaire does not have"
        ]
    );
    assert_eq!(
        refused(&MAPPING.replace("parameters = [\"O-2\"]", "parameters = [\"O-9\"]")),
        ["nis2/mapping.toml: question N-3: \"O-9\" is not a level parameter of \"sim3\""]
    );
}
