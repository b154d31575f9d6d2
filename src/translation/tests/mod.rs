//! A small questionnaire in a temporary folder, exported and imported as a translator would.

use std::path::{Path, PathBuf};

use super::folder::{Entry, Folder};

mod import;
mod keys;
mod po;
mod refusals;
mod text;

/// The questionnaire's folder name under the temporary questionnaires folder.
const ID: &str = "fixture";

const QUESTIONNAIRE: &str = r#"# A fixture questionnaire: its comments must survive an import.
id = "fixture"
version = "1.0.0"
audience = "csirt"
model = "maturity"
languages = ["en", "de"]
tier_table = "baseline"
title = { en = "Fixture", de = "Vorlage" }

# ---------------------------------------------------------------------------
[[sections]]
id = "organisation"
title = { en = "Organisation", de = "Organisation" }
intro = { en = "Two lines:\nthe second one." }

[[sections.questions]]
id = "O-1"
kind = "level"
name = "Mandate"
category = "O"
text = { en = "Is the \"mandate\" written?", de = "Ist das Mandat schriftlich?" }
help = { en = "Look at the founding act." }
options = [
  { level = 0, label = { en = "none", de = "keins" } },
  { level = 1, label = { en = "implicit", de = "stillschweigend" } },
  { level = 2, label = { en = "written", de = "schriftlich" } },
  { level = 3, label = { en = "approved", de = "genehmigt" } },
  { level = 4, label = { en = "audited", de = "geprüft" } },
]

[[sections.questions]]
id = "has-policy"
kind = "single"
# A comment inside a question.
text = { en = "Is there a policy?", de = "Gibt es eine Richtlinie?" }
options = [
  { value = "yes", level = 4, label = { en = "Yes", de = "Ja" } },
  { value = "no", level = 0, label = { en = "No", de = "Nein" } },
]
show_if = { question = "O-1", at_least = 1 }
"#;

const TIERS: &str = r#"id = "baseline"
source = "test"
version = "1"
description = { en = "The fixture's tiers." }

[[tiers]]
id = "basic"
name = { en = "Basic", de = "Basis" }
minimums = { "O-1" = 1 }
[[tiers]]
id = "intermediate"
name = { en = "Intermediate", de = "Mittel" }
minimums = { "O-1" = 2 }
[[tiers]]
id = "advanced"
name = { en = "Advanced", de = "Fortgeschritten" }
minimums = { "O-1" = 4 }
"#;

const RECOMMENDATIONS: &str = r#"# Two recommendations for the same band.
[[recommendations]]
target = "O-1"
from = 0
below = 1
title = { en = "Write it down" }
text = { en = "Write the mandate down." }

[[recommendations]]
target = "O-1"
from = 0
below = 1
text = { en = "Ask the ministry." }
"#;

/// A questionnaires folder holding the fixture; dropped with the returned guard.
fn questionnaires() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let folder = dir.path().join(ID);
    std::fs::create_dir(&folder).expect("the fixture folder");
    for (name, content) in [
        ("questionnaire.toml", QUESTIONNAIRE),
        ("tiers.toml", TIERS),
        ("recommendations.toml", RECOMMENDATIONS),
    ] {
        std::fs::write(folder.join(name), content).expect("a fixture file");
    }
    let path = dir.path().to_path_buf();
    (dir, path)
}

/// Every text of a questionnaire file's content, as the export sees it.
fn entries_of(name: &str, content: &str, language: &str) -> Vec<Entry> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let folder = dir.path().join(ID);
    std::fs::create_dir(&folder).expect("the folder");
    std::fs::write(folder.join(name), content).expect("the file");
    Folder::read(dir.path(), ID)
        .expect("the folder reads")
        .entries("en", language)
        .expect("the keys are unique")
}

/// The fixture files' contents, to show that a refused import wrote nothing.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(dir.join(ID))
        .expect("the folder")
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).expect("a file"))
        })
        .collect();
    files.sort();
    files
}

/// Exports the fixture in `language`, lets `edit` change the PO text and writes it to a file.
fn translated(dir: &Path, language: &str, edit: impl FnOnce(String) -> String) -> PathBuf {
    let exported = super::export(dir, ID, language).expect("the export");
    let file = dir.join(format!("{language}.po"));
    std::fs::write(&file, edit(exported.po)).expect("the PO file");
    file
}

/// Sets the `msgstr` of the entry `key` in a PO text written by the export.
fn set_msgstr(po: &str, key: &str, text: &str) -> String {
    // A key too long for one line comes on the line after `msgctxt ""`, as gettext writes it.
    let start = [
        format!("msgctxt \"{key}\"\n"),
        format!("msgctxt \"\"\n\"{key}\"\n"),
    ]
    .iter()
    .find_map(|pattern| po.find(pattern))
    .unwrap_or_else(|| panic!("{key} is in the file"));
    let msgstr = start + po[start..].find("\nmsgstr ").expect("its msgstr") + 1;
    let end = msgstr + po[msgstr..].find("\n\n").expect("the end of the entry");
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!("{}msgstr \"{escaped}\"{}", &po[..msgstr], &po[end..])
}
