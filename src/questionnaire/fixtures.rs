//! A small questionnaire with one matrix question and its reference, shared by the tests
//! of the questionnaire, the survey form and the reports.

use std::path::PathBuf;

use super::{Questionnaire, Sources, parse};

/// A cooperation questionnaire `ID` of audience `AUDIENCE` in English and German with one
/// matrix, `sod`: rows collect and judge, columns csirt and court, three choices, compared
/// with reference `ref`.
pub const MATRIX: &str = r#"
id = "ID"
version = "1"
audience = "AUDIENCE"
model = "cooperation"
model_source = "the test's own model"
languages = ["en", "de"]
title = { en = "Duties", de = "Aufgaben" }

[[sections]]
id = "who"
title = { en = "Who", de = "Wer" }

[[sections.questions]]
id = "sod"
kind = "matrix"
text = { en = "Who does it?", de = "Wer macht es?" }
required = true
reference = "ref"
rows = [
  { id = "collect", label = { en = "Collecting", de = "Sammeln" } },
  { id = "judge", label = { en = "Judging", de = "Urteilen" } },
]
columns = [
  { id = "csirt", label = { en = "CSIRT", de = "CSIRT" } },
  { id = "court", label = { en = "Court", de = "Gericht" } },
]
choices = [
  { value = "responsible", label = { en = "Responsible", de = "Verantwortlich" } },
  { value = "no_role", label = { en = "No role", de = "Keine Rolle" } },
  { value = "dont_know", label = { en = "Don't know", de = "Weiß nicht" } },
]
"#;

/// The reference of [`MATRIX`]: the CSIRT collects, the court judges.
pub const REFERENCE: &str = r#"
id = "ref"
title = { en = "A reference" }
source = "a test reference"
status = "indicative examples"
columns = ["csirt", "court"]

[[duties]]
id = "collect"
phase = "during"
actors = ["csirt"]

[[duties]]
id = "judge"
phase = "after"
actors = ["court"]

[[advice]]
duty = "collect"
text = { en = "Agree who collects." }
"#;

/// The folder of questionnaire `id` for `audience`, with `questionnaire` (the text of
/// [`MATRIX`], perhaps changed) and `reference`.
pub fn matrix_sources(id: &str, audience: &str, questionnaire: &str, reference: &str) -> Sources {
    Sources {
        folder: PathBuf::from(id),
        files: vec![
            (
                "questionnaire.toml".to_owned(),
                questionnaire
                    .replace("\"ID\"", &format!("\"{id}\""))
                    .replace("AUDIENCE", audience),
            ),
            ("reference-ref.toml".to_owned(), reference.to_owned()),
        ],
    }
}

/// [`MATRIX`] as questionnaire `id` for `audience`, parsed.
pub fn matrix_questionnaire(id: &str, audience: &str) -> Questionnaire {
    parse(&matrix_sources(id, audience, MATRIX, REFERENCE)).unwrap_or_else(|e| panic!("{e}"))
}
