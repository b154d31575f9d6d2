//! The survey read, checked and navigated with a small fixture of every kind and with the shipped questionnaires.

mod checking;
mod display;
mod fields;
mod matrix;
mod navigation;
mod non_answers;
mod reading;

use std::path::PathBuf;

use crate::questionnaire::{Answer, Answers, Catalogue, Questionnaire, Section, Sources, parse};

/// Three sections: facts (country, number, text), practice (level, single,
/// multi shown only with an agreement, scale), and a follow-up section whose
/// only question is shown only with an agreement.
const FIXTURE: &str = r#"
id = "fixture"
version = "1"
audience = "any"
model = "cooperation"
languages = ["en", "de"]
title = { en = "Fixture", de = "Testbogen" }

[[sections]]
id = "about"
title = { en = "About you", de = "Über Sie" }

[[sections.questions]]
id = "country"
kind = "country"
text = { en = "Country?", de = "Land?" }
required = true

[[sections.questions]]
id = "staff"
kind = "number"
text = { en = "Staff?", de = "Personal?" }
min = 0
max = 100
unit = "FTE"

[[sections.questions]]
id = "comment"
kind = "text"
text = { en = "Comment?", de = "Anmerkung?" }
max_length = 10

[[sections]]
id = "practice"
title = { en = "Practice", de = "Praxis" }

[[sections.questions]]
id = "procedure"
kind = "level"
text = { en = "Procedure?", de = "Verfahren?" }
required = true
options = [
  { level = 0, label = { en = "none", de = "keines" } },
  { level = 1, label = { en = "implicit", de = "implizit" } },
  { level = 2, label = { en = "written", de = "schriftlich" } },
  { level = 3, label = { en = "approved", de = "genehmigt" } },
  { level = 4, label = { en = "audited", de = "geprüft" } },
]

[[sections.questions]]
id = "agreement"
kind = "single"
text = { en = "Agreement?", de = "Vereinbarung?" }
required = true
options = [
  { value = "yes", label = { en = "Yes", de = "Ja" } },
  { value = "no", label = { en = "No", de = "Nein" } },
  { value = "dont-know", label = { en = "Don't know", de = "Weiß nicht" } },
]

[[sections.questions]]
id = "scope"
kind = "multi"
text = { en = "Scope?", de = "Umfang?" }
required = true
show_if = { question = "agreement", equals = "yes" }
options = [
  { value = "data", label = { en = "Data", de = "Daten" } },
  { value = "contacts", label = { en = "Contacts", de = "Kontakte" } },
  { value = "training", label = { en = "Training", de = "Schulung" } },
  { value = "none", exclusive = true, label = { en = "None of these", de = "Nichts davon" } },
]

[[sections.questions]]
id = "trust"
kind = "scale"
text = { en = "Trust?", de = "Vertrauen?" }
min = 1
max = 5
min_label = { en = "low", de = "gering" }
max_label = { en = "high", de = "hoch" }

[[sections]]
id = "follow-up"
title = { en = "Follow-up", de = "Nachfrage" }

[[sections.questions]]
id = "signed"
kind = "number"
text = { en = "Signed in?", de = "Unterzeichnet im Jahr?" }
required = true
show_if = { question = "agreement", equals = "yes" }
"#;

fn fixture() -> Questionnaire {
    let sources = Sources {
        folder: PathBuf::from("fixture"),
        files: vec![("questionnaire.toml".to_owned(), FIXTURE.to_owned())],
    };
    parse(&sources).expect("the fixture is valid")
}

fn shipped(id: &str) -> Questionnaire {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
    let catalogue = Catalogue::load(&dir).expect("the shipped questionnaires load");
    catalogue.get(id).expect("a shipped questionnaire").clone()
}

fn section<'q>(questionnaire: &'q Questionnaire, id: &str) -> &'q Section {
    questionnaire
        .sections()
        .iter()
        .find(|s| s.id() == id)
        .expect("a section of the questionnaire")
}

/// Form fields as a browser sends them: `("q.<id>", value)`.
fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(id, value)| (format!("q.{id}"), (*value).to_owned()))
        .collect()
}

fn answers(pairs: &[(&str, Answer)]) -> Answers {
    pairs
        .iter()
        .map(|(id, answer)| ((*id).to_owned(), answer.clone()))
        .collect()
}

fn choice(value: &str) -> Answer {
    Answer::Choice(value.to_owned())
}

fn choices(values: &[&str]) -> Answer {
    Answer::Choices(values.iter().map(|v| (*v).to_owned()).collect())
}

/// Answers to every question of the fixture, with an agreement.
fn complete() -> Answers {
    answers(&[
        ("country", choice("AT")),
        ("staff", Answer::Number(12.5)),
        ("comment", Answer::Text("fine".to_owned())),
        ("procedure", choice("2")),
        ("agreement", choice("yes")),
        ("scope", choices(&["data"])),
        ("trust", Answer::Number(4.0)),
        ("signed", Answer::Number(2019.0)),
    ])
}
