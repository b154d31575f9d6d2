//! `Paragraph`: a few lines of plain text that people type and others read in a mail — the
//! opening of an invitation or reminder. Like a [`Label`](crate::text::Label), but line
//! breaks are allowed and it may be longer.

use std::fmt;

use crate::text::{describe, is_hidden};

/// Most characters (not bytes) a paragraph may have: a few short paragraphs, not a letter.
pub const MAX_PARAGRAPH_CHARS: usize = 2000;

/// A trimmed, non-empty text of at most [`MAX_PARAGRAPH_CHARS`] characters whose lines end
/// in `\n` (a browser's `\r\n` is read as one) and that holds no other control character,
/// no bidirectional override or isolate and no invisible formatting character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph(String);

/// Why a text is not a paragraph; shown after the field's name, so it does not repeat it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParagraphError {
    #[error("required but empty")]
    Empty,
    #[error("is {chars} characters long; at most {MAX_PARAGRAPH_CHARS} are allowed")]
    TooLong { chars: usize },
    #[error(
        "contains {} (U+{:04X}) in line {line} at character {column}; remove it",
        describe(*.found), u32::from(*.found)
    )]
    Forbidden {
        found: char,
        line: usize,
        column: usize,
    },
}

impl Paragraph {
    /// The paragraph `value` makes once its line ends are `\n` and it is trimmed, or why
    /// it cannot be one.
    pub fn parse(value: &str) -> Result<Paragraph, ParagraphError> {
        let value = value.replace("\r\n", "\n");
        let value = value.trim();
        if value.is_empty() {
            return Err(ParagraphError::Empty);
        }
        for (index, line) in value.split('\n').enumerate() {
            if let Some((column, found)) = line.chars().enumerate().find(|(_, c)| is_hidden(*c)) {
                return Err(ParagraphError::Forbidden {
                    found,
                    line: index + 1,
                    column: column + 1,
                });
            }
        }
        let chars = value.chars().count();
        if chars > MAX_PARAGRAPH_CHARS {
            return Err(ParagraphError::TooLong { chars });
        }
        Ok(Paragraph(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Paragraph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(value: &str) -> String {
        Paragraph::parse(value)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn a_paragraph_keeps_its_lines_reads_crlf_as_one_break_and_is_trimmed() {
        let paragraph = Paragraph::parse("\r\n  Dear colleagues,\r\n\r\nplease answer.  \n");
        assert_eq!(
            paragraph.map(|p| p.as_str().to_owned()),
            Ok("Dear colleagues,\n\nplease answer.".to_owned())
        );
        assert_eq!(Paragraph::parse(" \n\t\n"), Err(ParagraphError::Empty));
    }

    #[test]
    fn a_long_paragraph_is_refused_counting_characters() {
        assert!(Paragraph::parse(&"Ω".repeat(MAX_PARAGRAPH_CHARS)).is_ok());
        assert_eq!(
            refusal(&"Ω".repeat(MAX_PARAGRAPH_CHARS + 1)),
            "is 2001 characters long; at most 2000 are allowed"
        );
    }

    #[test]
    fn tabs_lone_carriage_returns_and_bidirectional_controls_are_refused_by_place() {
        assert_eq!(
            refusal("First line\nsecond\tline"),
            "contains a tab (U+0009) in line 2 at character 7; remove it"
        );
        assert!(refusal("a\rb").contains("a line break (U+000D) in line 1"));
        assert!(refusal("a\u{202E}b").contains("a bidirectional text control"));
        assert!(refusal("a\u{2028}b").contains("U+2028"));
        assert!(refusal("a\u{7}b").contains("a control character (U+0007)"));
    }
}
