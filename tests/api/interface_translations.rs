//! A translator's way through the interface's own texts: `liaison interface
//! export-translation` gives a file to start from, `check-translation` says what is still
//! wrong with it, entry by entry, until every text is translated; and a respondent who
//! answers in French reads the interface and the mails in French.

use std::path::Path;

use liaison::mail::OutboxKind;
use liaison::storage::outbox;
use polib::message::{MessageMutView, MessageView};

use crate::cli::{liaison_with, stdout_of};
use crate::helpers::spawn_app;
use crate::respondent::invite;

fn path(p: &Path) -> String {
    p.to_str().expect("utf-8 path").to_owned()
}

fn check(po: &Path) -> std::process::Output {
    liaison_with(&[], &["interface", "check-translation", &path(po)])
}

#[test]
fn a_new_language_is_exported_checked_and_passes_once_every_text_is_translated() {
    let dir = tempfile::tempdir().expect("tempdir");
    let po = dir.path().join("it.po");
    let args = [
        "interface",
        "export-translation",
        "--lang",
        "it",
        "--out",
        &path(&po),
    ];
    stdout_of(&liaison_with(&[], &args));
    let exported = std::fs::read_to_string(&po).expect("the exported file");
    assert!(exported.contains("\"Language: it\\n\""), "{exported}");
    assert!(exported.contains("msgctxt \"page.next\"\nmsgid \"Next\"\nmsgstr \"\"\n"));

    let output = check(&po);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("page.next has no translation (empty or fuzzy msgstr)"),
        "{stderr}"
    );

    // A translator fills every text, but drops a placeholder from one and renames a key.
    let mut catalog = polib::po_file::parse(&po).expect("the export reads as PO");
    for mut message in catalog.messages_mut() {
        let english = message.msgid().to_owned();
        let translated = match message.msgctxt() {
            Some("page.peers_too_few") => "Troppo pochi per un confronto.".to_owned(),
            _ => format!("[it] {english}"),
        };
        message.set_msgstr(translated).expect("a singular message");
    }
    polib::po_file::write_to_file(&catalog, &po).expect("the edited PO file");
    let text = std::fs::read_to_string(&po).expect("the edited file");
    std::fs::write(&po, text.replace("\"page.next\"", "\"page.nxet\"")).expect("written");

    let output = check(&po);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "page.peers_too_few: the translation must use the placeholders {k} (it has none)",
        "page.nxet is not a text of the interface",
        "page.next is missing",
        "error: 3 problems",
    ] {
        assert!(stderr.contains(expected), "{expected} in {stderr}");
    }
    assert!(
        stderr.contains(": line "),
        "problems name their line: {stderr}"
    );
}

#[test]
fn the_shipped_french_and_german_pass_the_check_and_export_with_their_translations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/i18n");
    for code in ["de", "fr"] {
        let out = stdout_of(&check(&root.join(format!("{code}.po"))));
        assert!(
            out.contains("every text of the interface is translated"),
            "{out}"
        );
    }
    let exported = stdout_of(&liaison_with(
        &[],
        &["interface", "export-translation", "--lang", "fr"],
    ));
    assert!(
        exported.contains("msgctxt \"page.next\"\nmsgid \"Next\"\nmsgstr \"Suivant\"\n"),
        "{exported}"
    );
}

#[tokio::test]
async fn a_judge_invited_in_french_reads_a_french_mail_and_french_pages() {
    let app = spawn_app().await;
    let r = invite(&app, &["csirt-le-cooperation-judiciary"], "judiciary", "fr").await;
    let mail = outbox::list(&mut app.db.conn(), None)
        .expect("the outbox")
        .into_iter()
        .rfind(|m| m.kind == OutboxKind::Invitation)
        .expect("an invitation");
    assert!(mail.subject.starts_with("Invitation"), "{}", mail.subject);
    let text = mail.text_to_send();
    assert!(text.contains("Bonjour Duty Desk,"), "{text}");
    assert!(text.contains("Cordialement,"), "{text}");

    let welcome = r.text("").await;
    assert!(welcome.contains("<html lang=\"fr\""), "{welcome}");
    assert!(welcome.contains("Commencer"), "the interface's French");
    assert!(
        welcome.contains("questionnaire destiné aux procureurs et aux juges"),
        "the questionnaire's French"
    );
    let section = r.text("/s/1").await;
    assert!(section.contains("Suivant"), "{section}");
    assert!(section.contains("Dans quel pays exercez-vous"), "{section}");

    // A refusal speaks French too, and keeps what was typed.
    let refused = r
        .post("/s/1", &[("q.country", "ZZ"), ("action", "next")])
        .await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.expect("a body");
    assert!(body.contains("Choisissez un pays dans la liste"), "{body}");
}
