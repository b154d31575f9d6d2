//! A translator's round trip through `liaison questionnaires export-translation` and
//! `import-translation`, on a copy of the shipped questionnaires.

use std::path::{Path, PathBuf};

use polib::catalog::MessageMutProxy;
use polib::message::{CatalogMessageMutView, Message, MessageMutView, MessageView};

use crate::cli::{liaison_with, stdout_of};
use crate::helpers::shipped_questionnaires;
use crate::service::copy_dir;

const ID: &str = "csirt-le-cooperation-csirt";
const TRUST: &str = "questionnaire.toml:sections.behavioural.questions.trust.text";
const VERY_HIGH: &str = "questionnaire.toml:sections.behavioural.questions.trust.max_label";
/// Has no German text yet.
const INTRO: &str = "questionnaire.toml:sections.context.intro";

/// A copy of the shipped questionnaires, and the settings that point at it.
fn copy() -> (tempfile::TempDir, Vec<(&'static str, String)>) {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&shipped_questionnaires(), dir.path());
    let env = vec![("LIAISON_QUESTIONNAIRES_DIR", path(dir.path()))];
    (dir, env)
}

fn path(p: &Path) -> String {
    p.to_str().expect("utf-8 path").to_owned()
}

/// Exports the German translation file of `ID` and lets `edit` change it as a PO editor would.
fn german(
    dir: &Path,
    env: &[(&str, String)],
    edit: impl FnOnce(&mut polib::catalog::Catalog),
) -> PathBuf {
    let po = dir.join("de.po");
    let args = [
        "questionnaires",
        "export-translation",
        ID,
        "--lang",
        "de",
        "--out",
        &path(&po),
    ];
    stdout_of(&liaison_with(env, &args));
    let mut catalog = polib::po_file::parse(&po).expect("the export reads as PO");
    edit(&mut catalog);
    polib::po_file::write_to_file(&catalog, &po).expect("the edited PO file");
    po
}

fn set(
    catalog: &mut polib::catalog::Catalog,
    key: &str,
    change: impl FnOnce(&mut MessageMutProxy<'_>),
) {
    let mut message = catalog
        .messages_mut()
        .find(|m| m.msgctxt() == Some(key))
        .unwrap_or_else(|| panic!("{key} is exported"));
    change(&mut message);
}

fn translate(catalog: &mut polib::catalog::Catalog, key: &str, text: &str) {
    set(catalog, key, |m| {
        m.set_msgstr(text.to_owned()).expect("a singular message")
    });
}

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        if entry.path().is_dir() {
            files.extend(snapshot(&entry.path()));
        } else {
            files.push((entry.path(), std::fs::read(entry.path()).expect("read")));
        }
    }
    files.sort();
    files
}

#[test]
fn a_translators_german_changes_round_trip_pass_the_check_and_keep_the_comments() {
    let (dir, env) = copy();
    let file = dir.path().join(ID).join("questionnaire.toml");
    let before = std::fs::read_to_string(&file).expect("the questionnaire");
    let po = german(dir.path(), &env, |catalog| {
        translate(
            catalog,
            TRUST,
            "Wie „vertrauensvoll“ ist die \"Zusammenarbeit\"?",
        );
        translate(catalog, VERY_HIGH, "Äußerst hoch");
        translate(
            catalog,
            INTRO,
            "Einige Angaben zum Lesen Ihrer Antworten.\nSie werden nicht bewertet.",
        );
    });

    let args = [
        "questionnaires",
        "import-translation",
        ID,
        &path(&po),
        "--dir",
        &path(dir.path()),
    ];
    let imported = stdout_of(&liaison_with(&[], &args));
    assert!(
        imported.contains(&format!("{ID}: de: 1 added, 2 changed, 0 removed;")),
        "{imported}"
    );
    assert!(
        imported.contains("wrote questionnaire.toml\n"),
        "{imported}"
    );

    let after = std::fs::read_to_string(&file).expect("the questionnaire");
    let comments = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with('#'))
            .map(str::to_owned)
            .collect()
    };
    assert!(!comments(&before).is_empty());
    assert_eq!(comments(&after), comments(&before));
    let changed = before
        .lines()
        .zip(after.lines())
        .filter(|(b, a)| b != a)
        .count();
    assert_eq!(
        (changed, before.lines().count()),
        (3, after.lines().count())
    );

    stdout_of(&liaison_with(&env, &["questionnaires", "check"]));
    let catalogue = liaison::questionnaire::Catalogue::load(dir.path()).expect("it loads");
    let questionnaire = catalogue.get(ID).expect("the questionnaire");
    let trust = questionnaire.question("trust").expect("the trust question");
    assert_eq!(
        trust.text().get("de"),
        "Wie „vertrauensvoll“ ist die \"Zusammenarbeit\"?"
    );
    let context = &questionnaire
        .sections()
        .iter()
        .find(|s| s.id() == "context")
        .expect("context");
    let intro = context.intro().expect("an intro").get("de");
    assert_eq!(
        intro,
        "Einige Angaben zum Lesen Ihrer Antworten.\nSie werden nicht bewertet."
    );
}

#[test]
fn a_translation_with_a_wrong_key_and_a_changed_source_is_refused_and_nothing_is_written() {
    let (dir, env) = copy();
    let po = german(dir.path(), &env, |catalog| {
        translate(catalog, INTRO, "Einige Angaben.");
        set(catalog, TRUST, |m| m.set_msgctxt(format!("{TRUST}x")));
        // The source text as it might have read at an earlier export. (Not through
        // `set_msgid`: polib 0.3 sets the msgctxt there.)
        let mut old = None;
        set(catalog, VERY_HIGH, |m| old = Some(m.detach()));
        let translation = old
            .as_ref()
            .and_then(|m| m.msgstr().ok())
            .unwrap_or_default();
        catalog.append_or_update(
            Message::build_singular()
                .with_msgctxt(VERY_HIGH.to_owned())
                .with_msgid("Very, very high".to_owned())
                .with_msgstr(translation.to_owned())
                .done(),
        );
    });
    let before = snapshot(dir.path());

    let args = ["questionnaires", "import-translation", ID, &path(&po)];
    let output = liaison_with(&env, &args);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("missing: {TRUST}: ")), "{stderr}");
    assert!(
        stderr.contains(&format!("extra: {TRUST}x (line ")),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("changed source: {VERY_HIGH} (line ")),
        "{stderr}"
    );
    assert!(
        stderr.contains("3 problem(s) with the translation file; nothing was written"),
        "{stderr}"
    );
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn exporting_prints_the_po_file_and_an_unknown_questionnaire_names_the_folder_looked_for() {
    let (dir, env) = copy();
    let args = ["questionnaires", "export-translation", ID, "--lang", "fr"];
    let po = stdout_of(&liaison_with(&env, &args));
    assert!(po.contains("\"Language: fr\\n\"\n"), "{po}");
    assert!(
        po.contains("msgctxt \"questionnaire.toml:title\"\n"),
        "{po}"
    );

    let args = [
        "questionnaires",
        "export-translation",
        "nope",
        "--lang",
        "fr",
    ];
    let output = liaison_with(&env, &args);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    let folder = dir.path().join("nope");
    assert!(
        stderr.contains(&format!("no questionnaire folder {}", folder.display())),
        "{stderr}"
    );
}
