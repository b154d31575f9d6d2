//! `Label`: a short text that people type and others read in lists, mails and reports —
//! a participant's name, an organisation, a campaign's name or sender — checked once
//! for every way it comes in (CSV, JSON, CLI).

use std::fmt;

/// Most characters (not bytes: 200 Greek letters are fine) a label may have.
pub const MAX_LABEL_CHARS: usize = 200;

/// How much of a refused value a message quotes.
const QUOTED_CHARS: usize = 40;

/// A trimmed, non-empty text of at most `MAX_LABEL_CHARS` characters holding no
/// control character (C0, DEL, C1: so no CR, LF or TAB), no bidirectional override
/// or isolate, and no invisible formatting character.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label(String);

/// Why a text is not a label; shown after the field's name, so it does not repeat it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LabelError {
    #[error("required but empty")]
    Empty,
    #[error(
        "{} is {chars} characters long; at most {MAX_LABEL_CHARS} are allowed",
        Quoted(.value)
    )]
    TooLong { value: String, chars: usize },
    #[error(
        "{} contains {} (U+{:04X}) at character {position}; remove it",
        Quoted(.value), describe(*.found), u32::from(*.found)
    )]
    Forbidden {
        value: String,
        found: char,
        position: usize,
    },
}

impl Label {
    /// The label `value` makes once trimmed, or why it cannot be one.
    pub fn parse(value: &str) -> Result<Label, LabelError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(LabelError::Empty);
        }
        refuse_hidden(value)?;
        let chars = value.chars().count();
        if chars > MAX_LABEL_CHARS {
            return Err(LabelError::TooLong {
                value: value.to_owned(),
                chars,
            });
        }
        Ok(Label(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// `Err(Forbidden)` for the first character of `value` that `is_hidden`; also for
/// text that is not a label but must be as clean (an e-mail address).
pub fn refuse_hidden(value: &str) -> Result<(), LabelError> {
    match value.chars().enumerate().find(|(_, c)| is_hidden(*c)) {
        Some((index, found)) => Err(LabelError::Forbidden {
            value: value.to_owned(),
            found,
            position: index + 1,
        }),
        None => Ok(()),
    }
}

/// Characters that break lines in CSV files, logs and mail headers, or that make text
/// display other than it reads (bidirectional overrides, "Trojan Source"), or that
/// cannot be seen at all. Joiners (U+200C, U+200D) stay allowed: some scripts and
/// emoji need them.
pub fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'               // Arabic letter mark
            | '\u{00AD}'             // soft hyphen
            | '\u{180E}'             // Mongolian vowel separator
            | '\u{200B}'             // zero-width space
            | '\u{200E}'..='\u{200F}' // left-to-right and right-to-left marks
            | '\u{2028}'..='\u{2029}' // line and paragraph separators
            | '\u{202A}'..='\u{202E}' // bidirectional embeddings and overrides
            | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
            | '\u{2066}'..='\u{2069}' // bidirectional isolates
            | '\u{206A}'..='\u{206F}' // deprecated format characters
            | '\u{FEFF}'             // byte-order mark / zero-width no-break space
            | '\u{FFF9}'..='\u{FFFB}' // interlinear annotations
        )
}

/// A plain name for a refused character.
pub(crate) fn describe(c: char) -> &'static str {
    match c {
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => "a line break",
        '\t' => "a tab",
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}'..='\u{200F}' => {
            "a bidirectional text control"
        }
        c if c.is_control() => "a control character",
        _ => "an invisible formatting character",
    }
}

/// A value in quotes, shortened when long, with hidden characters escaped so the
/// message itself stays on one line and displays as it reads.
struct Quoted<'a>(&'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for c in self.0.chars().take(QUOTED_CHARS) {
            match c {
                '"' | '\\' => write!(f, "\\{c}")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                c if is_hidden(c) => write!(f, "\\u{{{:x}}}", u32::from(c))?,
                c => write!(f, "{c}")?,
            }
        }
        if self.0.chars().nth(QUOTED_CHARS).is_some() {
            f.write_str("…")?;
        }
        f.write_str("\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(value: &str) -> String {
        Label::parse(value)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn a_label_is_trimmed_and_counted_in_characters() {
        assert_eq!(
            Label::parse("  Kraków Desk ").map(Label::into_string),
            Ok("Kraków Desk".to_owned())
        );
        let greek = "Ω".repeat(MAX_LABEL_CHARS);
        assert!(greek.len() > MAX_LABEL_CHARS, "two bytes a letter");
        assert!(Label::parse(&greek).is_ok());
        assert_eq!(Label::parse(" \t "), Err(LabelError::Empty));
    }

    #[test]
    fn a_long_label_is_refused_with_its_length_and_a_short_quote() {
        let reason = refusal(&"Ω".repeat(MAX_LABEL_CHARS + 1));
        assert_eq!(
            reason,
            format!(
                "\"{}…\" is 201 characters long; at most 200 are allowed",
                "Ω".repeat(40)
            )
        );
    }

    #[test]
    fn line_breaks_controls_and_bidirectional_overrides_are_refused_by_position() {
        assert_eq!(
            refusal("Desk\nCERT"),
            r#""Desk\nCERT" contains a line break (U+000A) at character 5; remove it"#
        );
        assert!(refusal("Desk\rCERT").contains("a line break (U+000D)"));
        assert!(refusal("Desk\tCERT").contains("a tab (U+0009)"));
        assert!(refusal("Desk\u{85}CERT").contains("a control character (U+0085)"));
        assert!(refusal("Desk\u{7f}").contains("a control character (U+007F)"));
        for bidi in ['\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}', '\u{200F}'] {
            assert!(
                refusal(&format!("abc{bidi}def")).contains("a bidirectional text control"),
                "{bidi:?}"
            );
        }
        assert!(refusal("a\u{200B}b").contains("an invisible formatting character"));
        assert!(refusal("a\u{FEFF}b").contains("U+FEFF"));
        // Joiners are part of some scripts and of emoji.
        assert!(Label::parse("می\u{200C}خواهم").is_ok());
    }
}
