//! The evidence page's own words, in every language the respondent pages speak, and the
//! refusals of `crate::evidence` put into them.

use crate::evidence::sniff::{ACCEPTED_NAMES, LookedLike};
use crate::evidence::{NOTE_MAX_CHARS, Refusal};

/// Every fixed text of the evidence page and of the link to it.
pub struct EvidenceWords {
    pub title: &'static str,
    pub intro: &'static str,
    pub back: &'static str,
    pub note: &'static str,
    pub note_help: &'static str,
    pub personal: &'static str,
    pub files: &'static str,
    pub no_files: &'static str,
    pub add_files: &'static str,
    pub remove: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub removed: &'static str,
    pub uploaded: &'static str,
    pub read_only: &'static str,
    pub no_note: &'static str,
    pub personal_marked: &'static str,
    /// The link on a section page when a question has no evidence yet.
    pub add_link: &'static str,
    /// The link's end when it has some: "— add or change".
    pub change_link: &'static str,
    pub show_link: &'static str,
}

const EN: EvidenceWords = EvidenceWords {
    title: "Evidence",
    intro: "Show what your answer rests on: a note naming the source (a document, its \
        version or year) and, if you like, files. Only you, through this link, and the \
        campaign's analysts can see them; they never appear in reports.",
    back: "Back to the section",
    note: "Note",
    note_help: "Source, document name, year — at most 2,000 characters. Leave it empty to \
        remove the note.",
    personal: "This note names a person (it is erased when the campaign's personal data is)",
    files: "Files",
    no_files: "No files yet.",
    add_files: "Add files",
    remove: "Remove",
    save: "Save evidence",
    saved: "Your evidence is saved.",
    removed: "The file was removed.",
    uploaded: "uploaded",
    read_only: "Your response is submitted: its evidence can no longer change.",
    no_note: "No note.",
    personal_marked: "Marked as naming a person.",
    add_link: "Add evidence",
    change_link: "add or change",
    show_link: "show",
};

const DE: EvidenceWords = EvidenceWords {
    title: "Nachweise",
    intro: "Zeigen Sie, worauf Ihre Antwort beruht: eine Notiz zur Quelle (ein Dokument, \
        seine Fassung oder sein Jahr) und, wenn Sie möchten, Dateien. Nur Sie über diesen \
        Link und die Analysten der Kampagne sehen sie; in Berichten erscheinen sie nie.",
    back: "Zurück zum Abschnitt",
    note: "Notiz",
    note_help: "Quelle, Dokumentname, Jahr — höchstens 2.000 Zeichen. Leer lassen, um die \
        Notiz zu entfernen.",
    personal: "Diese Notiz nennt eine Person (sie wird mit den personenbezogenen Daten der \
        Kampagne gelöscht)",
    files: "Dateien",
    no_files: "Noch keine Dateien.",
    add_files: "Dateien hinzufügen",
    remove: "Entfernen",
    save: "Nachweise speichern",
    saved: "Ihre Nachweise sind gespeichert.",
    removed: "Die Datei wurde entfernt.",
    uploaded: "hochgeladen",
    read_only: "Ihre Antwort ist abgeschickt: ihre Nachweise lassen sich nicht mehr ändern.",
    no_note: "Keine Notiz.",
    personal_marked: "Als personenbezogen markiert.",
    add_link: "Nachweis hinzufügen",
    change_link: "hinzufügen oder ändern",
    show_link: "anzeigen",
};

/// The words in `language`; English for a language without its own.
pub fn words(language: &str) -> &'static EvidenceWords {
    match language {
        "de" => &DE,
        _ => &EN,
    }
}

fn german(language: &str) -> bool {
    language == "de"
}

/// `4.2 MB`, `12 KB` or `512 bytes`.
pub fn size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    match bytes {
        b if b >= MB => format!("{:.1} MB", b as f64 / MB as f64),
        b if b >= KB => format!("{} KB", b.div_ceil(KB)),
        b => format!("{b} bytes"),
    }
}

/// What the files may be and how large, for the help beside the file field.
pub fn files_help(language: &str, file_bytes: u64, response_bytes: u64, used: u64) -> String {
    if german(language) {
        format!(
            "Angenommen: {ACCEPTED_NAMES}. Jede Datei höchstens {}, alle Dateien Ihrer \
             Antwort zusammen höchstens {} (belegt: {}).",
            size(file_bytes),
            size(response_bytes),
            size(used)
        )
    } else {
        format!(
            "Accepted: {ACCEPTED_NAMES}. Each file at most {}; all files of your response \
             together at most {} ({} used).",
            size(file_bytes),
            size(response_bytes),
            size(used)
        )
    }
}

/// What a refused file looked like.
fn looked(looked_like: &LookedLike, language: &str) -> String {
    match (looked_like, german(language)) {
        (
            LookedLike::Known {
                media_type,
                extension,
            },
            false,
        ) => {
            format!("its content looks like {media_type} (.{extension})")
        }
        (
            LookedLike::Known {
                media_type,
                extension,
            },
            true,
        ) => {
            format!("ihr Inhalt sieht aus wie {media_type} (.{extension})")
        }
        (LookedLike::Unknown, false) => "its content is of no type we know, and not text".into(),
        (LookedLike::Unknown, true) => {
            "ihr Inhalt ist von keinem bekannten Typ und kein Text".into()
        }
    }
}

/// A refusal in `language`, naming the file it concerns.
pub fn refusal(refusal: &Refusal, language: &str) -> String {
    let de = german(language);
    match refusal {
        Refusal::NoteTooLong { chars } if de => {
            format!("Die Notiz hat {chars} Zeichen; höchstens {NOTE_MAX_CHARS} sind erlaubt.")
        }
        Refusal::NoteTooLong { chars } => {
            format!("The note has {chars} characters; at most {NOTE_MAX_CHARS} are allowed.")
        }
        Refusal::NoteControl if de => {
            "Die Notiz enthält ein Steuerzeichen; nur Tabulatoren und Zeilenumbrüche sind erlaubt."
                .into()
        }
        Refusal::NoteControl => {
            "The note contains a control character; only tabs and line breaks are allowed.".into()
        }
        Refusal::Empty { name } if de => format!("„{name}“ ist leer: nichts wurde gespeichert."),
        Refusal::Empty { name } => format!("“{name}” is empty: nothing was saved."),
        Refusal::TooLarge {
            name,
            size: s,
            limit,
        } if de => format!(
            "„{name}“ ist {} groß; eine Datei darf höchstens {} groß sein.",
            size(*s),
            size(*limit)
        ),
        Refusal::TooLarge {
            name,
            size: s,
            limit,
        } => format!(
            "“{name}” is {}; a file may be at most {}.",
            size(*s),
            size(*limit)
        ),
        Refusal::Type { name, looked_like } if de => format!(
            "„{name}“ wurde abgelehnt: {}. Angenommen werden {ACCEPTED_NAMES}.",
            looked(looked_like, language)
        ),
        Refusal::Type { name, looked_like } => format!(
            "“{name}” is refused: {}. Accepted are {ACCEPTED_NAMES}.",
            looked(looked_like, language)
        ),
        Refusal::OverBudget {
            name,
            size: s,
            used,
            limit,
        } if de => format!(
            "„{name}“ ({}) passt nicht mehr: alle Dateien einer Antwort zusammen dürfen \
             höchstens {} groß sein, {} sind belegt. Entfernen Sie zuerst eine andere Datei.",
            size(*s),
            size(*limit),
            size(*used)
        ),
        Refusal::OverBudget {
            name,
            size: s,
            used,
            limit,
        } => format!(
            "“{name}” ({}) does not fit: all files of a response together may take at most \
             {}, and {} are used. Remove another file first.",
            size(*s),
            size(*limit),
            size(*used)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size(512), "512 bytes");
        assert_eq!(size(2048), "2 KB");
        assert_eq!(size(10 * 1024 * 1024), "10.0 MB");
    }

    #[test]
    fn a_refused_type_says_what_is_accepted_and_what_the_file_looked_like() {
        let refused = Refusal::Type {
            name: "report.pdf".into(),
            looked_like: LookedLike::Known {
                media_type: "application/vnd.microsoft.portable-executable".into(),
                extension: "exe".into(),
            },
        };
        let words = refusal(&refused, "en");
        assert!(words.contains("“report.pdf” is refused"), "{words}");
        assert!(words.contains("portable-executable (.exe)"), "{words}");
        assert!(words.contains("PDF, PNG, JPEG"), "{words}");
        assert!(refusal(&refused, "de").contains("Angenommen werden"));
    }
}
