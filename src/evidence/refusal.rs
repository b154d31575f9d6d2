//! The checks a note and each file pass before anything is written, and the refusals they
//! give: typed, so each page words them in its language beside the field they concern.

use sha2::{Digest, Sha256};

use super::file_name::sanitise;
use super::sniff::{Accepted, LookedLike, sniff};
use super::{EvidenceLimits, Upload};

/// Most characters a note may have.
pub const NOTE_MAX_CHARS: usize = 2000;

/// Which field of the form a refusal concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusalField {
    Note,
    File,
}

/// Why a note or a file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The note has more than [`NOTE_MAX_CHARS`] characters.
    NoteTooLong { chars: usize },
    /// The note holds a control character other than tab and line breaks.
    NoteControl,
    /// A file of no bytes.
    Empty { name: String },
    /// A file larger than one file may be.
    TooLarge { name: String, size: u64, limit: u64 },
    /// A file of no accepted type; what its content looked like.
    Type {
        name: String,
        looked_like: LookedLike,
    },
    /// Adding the file would take the response's files past their budget.
    OverBudget {
        name: String,
        size: u64,
        /// What the response's files took before this one.
        used: u64,
        limit: u64,
    },
}

impl Refusal {
    pub fn field(&self) -> RefusalField {
        match self {
            Refusal::NoteTooLong { .. } | Refusal::NoteControl => RefusalField::Note,
            _ => RefusalField::File,
        }
    }
}

/// A file that passed its own checks (the budget is checked with the response's files).
pub(super) struct CheckedFile<'a> {
    /// Sanitised.
    pub name: String,
    pub kind: Accepted,
    pub sha256: String,
    pub bytes: &'a [u8],
}

/// The note as it is stored (trimmed; `None` when nothing is left), or why it cannot be.
pub(super) fn check_note(note: &str) -> Result<Option<String>, Refusal> {
    let note = note.trim();
    let chars = note.chars().count();
    if chars > NOTE_MAX_CHARS {
        return Err(Refusal::NoteTooLong { chars });
    }
    if note
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return Err(Refusal::NoteControl);
    }
    Ok(Some(note.to_owned()).filter(|n| !n.is_empty()))
}

/// The file checked on its own: not empty, within the limit of one file, of an accepted type.
pub(super) fn check_file(
    upload: &Upload,
    limits: EvidenceLimits,
) -> Result<CheckedFile<'_>, Refusal> {
    let name = sanitise(&upload.file_name);
    let size = upload.bytes.len() as u64;
    if size == 0 {
        return Err(Refusal::Empty { name });
    }
    if size > limits.file_bytes {
        return Err(Refusal::TooLarge {
            name,
            size,
            limit: limits.file_bytes,
        });
    }
    let kind = sniff(&upload.bytes).map_err(|looked_like| Refusal::Type {
        name: name.clone(),
        looked_like,
    })?;
    let sha256 = Sha256::digest(&upload.bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(CheckedFile {
        name,
        kind,
        sha256,
        bytes: &upload.bytes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: EvidenceLimits = EvidenceLimits {
        file_bytes: 16,
        response_bytes: 32,
    };

    fn upload(name: &str, bytes: &[u8]) -> Upload {
        Upload {
            file_name: name.to_owned(),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn a_note_is_trimmed_and_an_empty_one_is_none() {
        assert_eq!(
            check_note("  ISO 27001 certificate, 2024 \n"),
            Ok(Some("ISO 27001 certificate, 2024".into()))
        );
        assert_eq!(check_note(" \n "), Ok(None));
        assert_eq!(check_note("line\n\tnext"), Ok(Some("line\n\tnext".into())));
    }

    #[test]
    fn a_note_too_long_or_with_control_characters_is_refused() {
        let long = "é".repeat(NOTE_MAX_CHARS + 1);
        assert_eq!(
            check_note(&long),
            Err(Refusal::NoteTooLong {
                chars: NOTE_MAX_CHARS + 1
            })
        );
        assert!(check_note(&"é".repeat(NOTE_MAX_CHARS)).is_ok());
        assert_eq!(check_note("a\u{0}b"), Err(Refusal::NoteControl));
    }

    #[test]
    fn files_are_refused_empty_too_large_or_of_a_refused_type() {
        assert_eq!(
            check_file(&upload("a.pdf", b""), LIMITS).err(),
            Some(Refusal::Empty {
                name: "a.pdf".into()
            })
        );
        assert_eq!(
            check_file(&upload("a.txt", &[b'a'; 17]), LIMITS).err(),
            Some(Refusal::TooLarge {
                name: "a.txt".into(),
                size: 17,
                limit: 16
            })
        );
        assert!(matches!(
            check_file(&upload("a.pdf", b"\x7FELF\x02\x01\x01\0\0"), LIMITS).err(),
            Some(Refusal::Type { .. })
        ));
        let text = upload("dir/a.txt", b"hello");
        let ok = check_file(&text, LIMITS).expect("accepted");
        assert_eq!(ok.name, "a.txt");
        assert_eq!(ok.kind, Accepted::Text);
        assert_eq!(
            ok.sha256,
            "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
        );
    }
}
