//! The demo's answers to the division of duties: who does what, drawn around the
//! reference matrix so that the sides of a country mostly agree.

use rand::Rng;
use rand::rngs::StdRng;

use crate::questionnaire::{Cells, Matrix, Reference};

/// Who does what, as one respondent sees it: mostly as the reference matrix has it
/// (where the reference gives an actor a role, it is responsible or supporting; where
/// not, it has no role), with a share of the cells seen otherwise, more of them the lower
/// `target`, so the sides of a country disagree here and there. Without a reference, a
/// role at random.
pub(super) fn cells(
    matrix: &Matrix,
    reference: Option<&Reference>,
    target: f64,
    rng: &mut StdRng,
) -> Cells {
    let values: Vec<&str> = matrix.choices().iter().map(|c| c.value()).collect();
    let pick = |wanted: &str, rng: &mut StdRng| {
        if values.contains(&wanted) {
            wanted.to_owned()
        } else {
            values[rng.random_range(0..values.len())].to_owned()
        }
    };
    let astray = (0.35 - target * 0.06).clamp(0.08, 0.35);
    let mut cells = Cells::new();
    for row in matrix.rows() {
        let mut answered = std::collections::BTreeMap::new();
        for column in matrix.columns() {
            let by_reference = reference.and_then(|r| r.has_role(row.id(), column.id()));
            let value = match by_reference {
                _ if rng.random_bool(astray) => {
                    values[rng.random_range(0..values.len())].to_owned()
                }
                Some(true) if rng.random_bool(0.7) => pick("responsible", rng),
                Some(true) => pick("supporting", rng),
                Some(false) => pick("no_role", rng),
                None => values[rng.random_range(0..values.len())].to_owned(),
            };
            answered.insert(column.id().to_owned(), value);
        }
        cells.insert(row.id().to_owned(), answered);
    }
    cells
}
