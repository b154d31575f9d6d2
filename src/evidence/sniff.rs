//! What a file is, told from its content alone: the name and the type a browser sends are
//! the sender's claims, so neither decides. Accepted: PDF, PNG, JPEG, OpenDocument and
//! Office Open XML documents, and plain text.

/// A kind of file evidence may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Accepted {
    Pdf,
    Png,
    Jpeg,
    /// OpenDocument text, spreadsheet or presentation.
    Odt,
    Ods,
    Odp,
    /// Office Open XML: Word, Excel, PowerPoint.
    Docx,
    Xlsx,
    Pptx,
    /// UTF-8 text without control characters other than tab, carriage return and line feed.
    Text,
}

impl Accepted {
    /// The media type stored and sent with a download.
    pub fn media_type(self) -> &'static str {
        match self {
            Accepted::Pdf => "application/pdf",
            Accepted::Png => "image/png",
            Accepted::Jpeg => "image/jpeg",
            Accepted::Odt => "application/vnd.oasis.opendocument.text",
            Accepted::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            Accepted::Odp => "application/vnd.oasis.opendocument.presentation",
            Accepted::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Accepted::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Accepted::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            Accepted::Text => "text/plain; charset=utf-8",
        }
    }
}

/// What a refused file looked like, for the message that refuses it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookedLike {
    /// A type the sniffer knows: its media type and usual extension (`exe`, `zip` …).
    Known {
        media_type: String,
        extension: String,
    },
    /// Bytes of no type we know, and not text.
    Unknown,
}

/// The kinds accepted, as a list for messages: "PDF, PNG, JPEG, …".
pub const ACCEPTED_NAMES: &str = "PDF, PNG, JPEG, OpenDocument (odt, ods, odp), \
     Office Open XML (docx, xlsx, pptx) and plain text (UTF-8)";

/// The kind of `bytes`, or what they looked like when they are of no accepted kind.
pub fn sniff(bytes: &[u8]) -> Result<Accepted, LookedLike> {
    let found = infer::get(bytes);
    let kind = found.map(|t| t.extension());
    let accepted = match kind {
        Some("pdf") => Some(Accepted::Pdf),
        Some("png") => Some(Accepted::Png),
        Some("jpg") => Some(Accepted::Jpeg),
        Some("odt") => Some(Accepted::Odt),
        Some("ods") => Some(Accepted::Ods),
        Some("odp") => Some(Accepted::Odp),
        Some("docx") => Some(Accepted::Docx),
        Some("xlsx") => Some(Accepted::Xlsx),
        Some("pptx") => Some(Accepted::Pptx),
        // infer reads the order of the first ZIP entries, which not every writer keeps:
        // such a document is told by the parts it holds instead.
        Some("zip") | None if bytes.starts_with(b"PK\x03\x04") => office_open_xml(bytes),
        None if is_plain_text(bytes) => Some(Accepted::Text),
        _ => None,
    };
    accepted.ok_or_else(|| match found {
        Some(t) => LookedLike::Known {
            media_type: t.mime_type().to_owned(),
            extension: t.extension().to_owned(),
        },
        None => LookedLike::Unknown,
    })
}

/// An Office Open XML document whose ZIP entries come in an order infer does not expect:
/// it has `[Content_Types].xml` and the main part of Word, Excel or PowerPoint (entry names
/// are stored as plain bytes, in each entry's header and in the central directory).
fn office_open_xml(bytes: &[u8]) -> Option<Accepted> {
    let holds = |name: &[u8]| bytes.windows(name.len()).any(|w| w == name);
    if !holds(b"[Content_Types].xml") {
        return None;
    }
    if holds(b"word/document.xml") {
        Some(Accepted::Docx)
    } else if holds(b"xl/workbook.xml") {
        Some(Accepted::Xlsx)
    } else if holds(b"ppt/presentation.xml") {
        Some(Accepted::Pptx)
    } else {
        None
    }
}

/// Valid UTF-8 holding no control character but tab, carriage return and line feed.
fn is_plain_text(bytes: &[u8]) -> bool {
    std::str::from_utf8(bytes).is_ok_and(|text| {
        text.chars()
            .all(|c| !c.is_control() || matches!(c, '\t' | '\r' | '\n'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The smallest ZIP local header naming `first` as its first entry, then `rest`.
    fn zip_with(first: &str, rest: &[u8]) -> Vec<u8> {
        let mut bytes = b"PK\x03\x04".to_vec();
        bytes.extend_from_slice(&[0; 26]);
        bytes.extend_from_slice(first.as_bytes());
        bytes.extend_from_slice(rest);
        bytes
    }

    #[test]
    fn documents_and_pictures_are_told_by_their_first_bytes() {
        assert_eq!(sniff(b"%PDF-1.4\n%%EOF\n"), Ok(Accepted::Pdf));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Ok(Accepted::Png));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF\0"), Ok(Accepted::Jpeg));
    }

    #[test]
    fn open_document_files_are_told_by_their_mimetype_entry() {
        for (kind, accepted) in [
            ("text", Accepted::Odt),
            ("spreadsheet", Accepted::Ods),
            ("presentation", Accepted::Odp),
        ] {
            let bytes = zip_with(
                "mimetype",
                format!("application/vnd.oasis.opendocument.{kind}").as_bytes(),
            );
            assert_eq!(sniff(&bytes), Ok(accepted), "{kind}");
        }
    }

    #[test]
    fn office_open_xml_files_are_told_by_their_parts_whatever_their_order() {
        for (part, accepted) in [
            ("word/document.xml", Accepted::Docx),
            ("xl/workbook.xml", Accepted::Xlsx),
            ("ppt/presentation.xml", Accepted::Pptx),
        ] {
            let mut rest = b"....PK\x03\x04".to_vec();
            rest.extend_from_slice(part.as_bytes());
            let bytes = zip_with("docProps/app.xml", &rest);
            let bytes = [bytes, b"[Content_Types].xml".to_vec()].concat();
            assert_eq!(sniff(&bytes), Ok(accepted), "{part}");
        }
        let plain_zip = zip_with("notes.txt", b"hello");
        assert!(matches!(
            sniff(&plain_zip),
            Err(LookedLike::Known { extension, .. }) if extension == "zip"
        ));
    }

    #[test]
    fn text_is_utf8_without_control_characters_but_tabs_and_line_breaks() {
        assert_eq!(
            sniff("Policy v2, 2025\r\n\tsigned — ok\n".as_bytes()),
            Ok(Accepted::Text)
        );
        assert_eq!(sniff(b"bell\x07"), Err(LookedLike::Unknown));
        assert_eq!(sniff(b"\xC3\x28 not utf-8"), Err(LookedLike::Unknown));
    }

    #[test]
    fn a_program_named_like_a_pdf_is_refused_and_named_for_what_it_is() {
        let mut exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xFF\xFF\0\0".to_vec();
        exe.resize(256, 0);
        exe[0x3C] = 0x80;
        exe.extend_from_slice(b"PE\0\0");
        match sniff(&exe) {
            Err(LookedLike::Known { extension, .. }) => assert_eq!(extension, "exe"),
            other => panic!("{other:?}"),
        }
    }
}
