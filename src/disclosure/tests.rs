//! One organisation's mirrored answers read against a counterpart's.

use crate::questionnaire::{Answer, Answers, Catalogue, Dimension};
use crate::storage::gap_consents::Counterpart;

use super::{is_shareable, shared_gap};

fn shipped() -> Catalogue {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    Catalogue::load(&dir).unwrap_or_else(|e| panic!("{e}"))
}

fn counterpart() -> Counterpart {
    Counterpart {
        response_id: 9,
        organisation: "Prosecution Service AT".to_owned(),
        audience: "judiciary".to_owned(),
        questionnaire_id: "csirt-le-cooperation-judiciary".to_owned(),
        questionnaire_version: "1.0.0".to_owned(),
    }
}

#[test]
fn the_gap_covers_only_the_mirrored_questions_both_sides_answered() {
    let catalogue = shipped();
    let csirt = catalogue.get("csirt-le-cooperation-csirt").expect("csirt");
    let judiciary = catalogue
        .get("csirt-le-cooperation-judiciary")
        .expect("judiciary");
    assert!(is_shareable(csirt));
    assert!(!is_shareable(
        catalogue.get("csirt-maturity").expect("maturity")
    ));
    // Trust (a 1–5 scale, so 5 is level 4 and 1 is level 0) on both sides, and a CSIRT-only
    // mirrored question the judiciary is not asked.
    let mine: Answers = [
        ("trust".to_owned(), Answer::Number(5.0)),
        (
            "shared-platform".to_owned(),
            Answer::Choice("unprotected".to_owned()),
        ),
    ]
    .into();
    let theirs: Answers = [("trust".to_owned(), Answer::Number(1.0))].into();
    let gap = shared_gap(csirt, &mine, &counterpart(), judiciary, &theirs);
    assert_eq!(gap.dimensions, [(Dimension::Behavioural, 4.0, 0.0)]);
    assert_eq!(gap.differences, [("trust".to_owned(), 4.0, 0.0)]);
    assert_eq!(gap.organisation, "Prosecution Service AT");
}
