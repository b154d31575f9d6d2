//! The evidence page's own words, in every language the respondent pages speak, and the
//! refusals of `crate::evidence` put into them.

use crate::locale::{fill, words};

use crate::evidence::sniff::{ACCEPTED_NAMES, LookedLike};
use crate::evidence::{NOTE_MAX_CHARS, Refusal};

words! {
    /// Every fixed text of the evidence page and of the link to it.
    pub struct EvidenceWords in "evidence" {
        title,
        intro,
        back,
        note,
        note_help,
        personal,
        files,
        no_files,
        add_files,
        remove,
        save,
        saved,
        removed,
        uploaded,
        read_only,
        no_note,
        personal_marked,
        /// The link on a section page when a question has no evidence yet.
        add_link,
        /// The link's end when it has some: "— add or change".
        change_link,
        show_link,
    }
}

/// The words in `language`; English for a language without its own.
pub fn words(language: &str) -> &'static EvidenceWords {
    EvidenceWords::of(language)
}

words! {
    /// The evidence page's sentences with values in them, and what evidence a question has.
    pub struct EvidenceMessages in "evidence_message" {
        /// `{accepted}`: the file types; `{file_max}`, `{response_max}`, `{used}`: sizes.
        files_help,
        /// `{chars}` in the note, at most `{max}`.
        note_too_long,
        note_control,
        /// `{name}` is the file's name.
        empty,
        /// `{name}` is `{size}`, more than `{limit}`.
        too_large,
        /// `{name}`; `{looked}` is one of the two `looked_*` texts; `{accepted}` the types.
        type_refused,
        /// `{name}` of `{size}`; at most `{limit}` in all, `{used}` used.
        over_budget,
        /// `{media_type}` and `{extension}` of what the content looks like.
        looked_known,
        looked_unknown,
        one_note,
        one_file,
        /// `{n}` files, more than one.
        files,
    }
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
    fill(
        EvidenceMessages::of(language).files_help,
        &[
            ("accepted", ACCEPTED_NAMES),
            ("file_max", &size(file_bytes)),
            ("response_max", &size(response_bytes)),
            ("used", &size(used)),
        ],
    )
}

/// What a refused file looked like.
fn looked(looked_like: &LookedLike, language: &str) -> String {
    let w = EvidenceMessages::of(language);
    match looked_like {
        LookedLike::Known {
            media_type,
            extension,
        } => fill(
            w.looked_known,
            &[("media_type", media_type), ("extension", extension)],
        ),
        LookedLike::Unknown => w.looked_unknown.to_owned(),
    }
}

/// A refusal in `language`, naming the file it concerns.
pub fn refusal(refusal: &Refusal, language: &str) -> String {
    let w = EvidenceMessages::of(language);
    match refusal {
        Refusal::NoteTooLong { chars } => fill(
            w.note_too_long,
            &[
                ("chars", &chars.to_string()),
                ("max", &NOTE_MAX_CHARS.to_string()),
            ],
        ),
        Refusal::NoteControl => w.note_control.to_owned(),
        Refusal::Empty { name } => fill(w.empty, &[("name", name)]),
        Refusal::TooLarge {
            name,
            size: s,
            limit,
        } => fill(
            w.too_large,
            &[
                ("name", name),
                ("size", &size(*s)),
                ("limit", &size(*limit)),
            ],
        ),
        Refusal::Type { name, looked_like } => fill(
            w.type_refused,
            &[
                ("name", name),
                ("looked", &looked(looked_like, language)),
                ("accepted", ACCEPTED_NAMES),
            ],
        ),
        Refusal::OverBudget {
            name,
            size: s,
            used,
            limit,
        } => fill(
            w.over_budget,
            &[
                ("name", name),
                ("size", &size(*s)),
                ("limit", &size(*limit)),
                ("used", &size(*used)),
            ],
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
