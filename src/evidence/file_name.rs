//! The name a browser gave a file, made safe to show on a page, to put in a CSV cell and to
//! name a download in `Content-Disposition`: never a path, never a control or bidirectional
//! character, never a quote or a separator a header or a list would trip on.

/// The longest name kept, in characters; the extension survives the cut.
pub const MAX_CHARS: usize = 120;

/// The name used when nothing of the given one is left.
const FALLBACK: &str = "evidence";

/// `given` as a display and download name: the part after the last `/` or `\`, each
/// character a header, a CSV list or a page could misread replaced by `_`, white space
/// collapsed, leading dots dropped (no hidden files), at most [`MAX_CHARS`] characters
/// with the extension kept; "evidence" when nothing is left.
pub fn sanitise(given: &str) -> String {
    let base = given.rsplit(['/', '\\']).next().unwrap_or_default();
    let mut name = String::with_capacity(base.len());
    let mut space = false;
    for c in base.chars() {
        if c.is_whitespace() {
            space = !name.is_empty();
            continue;
        }
        if space {
            name.push(' ');
            space = false;
        }
        name.push(if refused(c) { '_' } else { c });
    }
    let name = name.trim_start_matches('.');
    let name = shortened(name);
    if name.chars().all(|c| c == '_' || c == '.') {
        FALLBACK.to_owned()
    } else {
        name
    }
}

/// Characters that a header (`"`, `;`), a CSV list of names (`;`), a file system (`:` `*`
/// `?` `<` `>` `|`) or a reader (controls, bidirectional and invisible formatting
/// characters) would misread.
fn refused(c: char) -> bool {
    crate::text::is_hidden(c) || matches!(c, '"' | ';' | ':' | '*' | '?' | '<' | '>' | '|' | '%')
}

/// `name` cut to [`MAX_CHARS`] characters, keeping an extension of up to 10.
fn shortened(name: &str) -> String {
    if name.chars().count() <= MAX_CHARS {
        return name.to_owned();
    }
    let extension = name
        .rsplit_once('.')
        .map(|(_, e)| e)
        .filter(|e| !e.is_empty() && e.chars().count() <= 10);
    match extension {
        Some(e) => {
            let keep = MAX_CHARS - e.chars().count() - 1;
            let stem: String = name.chars().take(keep).collect();
            format!("{stem}.{e}")
        }
        None => name.chars().take(MAX_CHARS).collect(),
    }
}

/// The `Content-Disposition` value of a download named `name` (already sanitised): an
/// attachment, never shown inline, with an ASCII fallback and the UTF-8 name (RFC 6266).
pub fn content_disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_leaves_only_its_last_part() {
        assert_eq!(sanitise("C:\\Users\\x\\Policy 2025.pdf"), "Policy 2025.pdf");
        assert_eq!(sanitise("../../etc/passwd"), "passwd");
        assert_eq!(sanitise("/tmp/"), "evidence");
    }

    #[test]
    fn characters_a_header_or_reader_would_misread_become_underscores() {
        assert_eq!(sanitise("a\"b;c\r\nd.pdf"), "a_b_c d.pdf");
        assert_eq!(sanitise("a\u{7}b.txt"), "a_b.txt");
        assert_eq!(sanitise("report\u{202E}fdp.exe"), "report_fdp.exe");
        assert_eq!(sanitise("  two   spaces .txt "), "two spaces .txt");
        assert_eq!(sanitise(".hidden"), "hidden");
        assert_eq!(sanitise("\"\";"), "evidence");
        assert_eq!(sanitise(""), "evidence");
    }

    #[test]
    fn a_long_name_is_cut_and_keeps_its_extension() {
        let long = format!("{}.docx", "é".repeat(300));
        let cut = sanitise(&long);
        assert_eq!(cut.chars().count(), MAX_CHARS);
        assert!(cut.ends_with(".docx"));
    }

    #[test]
    fn downloads_are_attachments_with_an_ascii_and_a_utf8_name() {
        assert_eq!(
            content_disposition("Prüfbericht 2025.pdf"),
            "attachment; filename=\"Pr_fbericht 2025.pdf\"; \
             filename*=UTF-8''Pr%C3%BCfbericht%202025.pdf"
        );
    }
}
