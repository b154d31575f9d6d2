//! Matrix questions and the reference matrices they are compared with.

use super::*;

use crate::questionnaire::fixtures::{MATRIX, REFERENCE, matrix_sources};

fn folder(questionnaire: &str, reference: &str) -> Result<Questionnaire, DefinitionErrors> {
    parse(&matrix_sources("duties", "csirt", questionnaire, reference))
}

#[test]
fn a_matrix_with_its_reference_loads() {
    let q = folder(MATRIX, REFERENCE).unwrap_or_else(|e| panic!("{e}"));
    let Kind::Matrix(matrix) = q.question("sod").expect("sod").kind() else {
        panic!("sod is no matrix");
    };
    assert_eq!(matrix.rows().len(), 2);
    assert_eq!(matrix.choice("no_role").map(|c| c.value()), Some("no_role"));
    let reference = q.reference("ref").expect("the reference");
    assert_eq!(reference.has_role("collect", "csirt"), Some(true));
    assert_eq!(reference.has_role("collect", "court"), Some(false));
    assert_eq!(reference.has_role("other", "court"), None);
    assert!(reference.duty("collect").and_then(|d| d.advice()).is_some());
    assert!(reference.duty("judge").and_then(|d| d.advice()).is_none());
    assert_eq!(reference.status(), "indicative examples");
}

#[test]
fn a_broken_matrix_is_refused_with_the_file_and_the_question_named() {
    for (broken, message) in [
        (
            MATRIX.replace(r#"{ id = "court", label"#, r#"{ id = "bench", label"#),
            "duties/questionnaire.toml: question sod: column \"bench\" is not a column of reference \"ref\"",
        ),
        (
            MATRIX.replace(r#", de = "Keine Rolle""#, ""),
            "duties/questionnaire.toml: question sod: language \"de\" is declared but the label of choice \"no_role\" has no text in it",
        ),
        (
            MATRIX.replace(r#"{ id = "judge", label"#, r#"{ id = "collect", label"#),
            "duties/questionnaire.toml: question sod: row \"collect\" is declared twice",
        ),
        (
            MATRIX.replace(r#"reference = "ref""#, r#"reference = "other""#),
            "duties/questionnaire.toml: question sod: reference \"other\" matches no reference*.toml in this folder",
        ),
        (
            MATRIX.replace(
                r#"{ value = "no_role", label"#,
                r#"{ value = "no_role", level = 2, label"#,
            ),
            "duties/questionnaire.toml: question sod: choice \"no_role\": a matrix is never scored and takes no level or exclusive",
        ),
        (
            MATRIX.replace(
                r#"{ id = "judge", label = { en = "Judging", de = "Urteilen" } },"#,
                "",
            ),
            "duties/questionnaire.toml: reference \"ref\" has duties no matrix asks: judge",
        ),
    ] {
        let errors = messages(folder(&broken, REFERENCE).expect_err(message));
        assert!(
            errors.contains(&message.to_owned()),
            "{message}\n{errors:#?}"
        );
    }
}

#[test]
fn cells_belong_only_to_matrices_and_a_reference_to_its_own_columns() {
    let single = MATRIX.replace(r#"kind = "matrix""#, r#"kind = "single""#);
    let errors = messages(folder(&single, REFERENCE).expect_err("rows on a single question"));
    assert!(
        errors.contains(
            &"duties/questionnaire.toml: question sod: rows, columns, choices and reference apply only to matrix questions, not single".to_owned()
        ),
        "{errors:#?}"
    );
    let stray = REFERENCE.replace(r#"actors = ["court"]"#, r#"actors = ["police"]"#);
    let errors = messages(folder(MATRIX, &stray).expect_err("an actor that is no column"));
    assert_eq!(
        errors,
        ["duties/reference-ref.toml: duty judge: actor \"police\" is not one of the columns"]
    );
}

#[test]
fn the_shipped_reference_reads_the_same_in_every_folder_and_each_matrix_is_covered() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    let catalogue = Catalogue::load(&dir).unwrap_or_else(|e| panic!("{e}"));
    let copies: Vec<&Reference> = catalogue
        .iter()
        .filter_map(|q| q.reference("enisa-sod-2020"))
        .collect();
    assert_eq!(copies.len(), 3, "one per cooperation questionnaire");
    assert_eq!(copies[0].duties().len(), 31);
    assert!(copies.iter().all(|c| c.duties() == copies[0].duties()));
    assert!(
        copies[0].duties().iter().all(|d| d.advice().is_some()),
        "advice for every duty"
    );
}
