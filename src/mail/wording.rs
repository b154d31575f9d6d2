//! A campaign's own wording of a mail: the subject and the opening paragraph an analyst
//! may write for invitations and reminders, with placeholders such as `{organisation}`
//! that each mail fills in for its recipient.
//!
//! Only these two parts are the campaign's. The link, the deadline, the TLP line and what
//! happens to the answers stay in the templates, so a custom text can neither drop them
//! nor contradict them. The shipped wording is offered in the same placeholder form, so an
//! analyst starts from it; saved unchanged it is not stored at all (see `mail_texts`).

use super::MailContext;
use super::language::Language;
use crate::mail::OutboxKind;

/// The subject and opening paragraph of one kind of mail in one language, as written:
/// placeholders not yet filled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wording<'a> {
    pub subject: &'a str,
    pub opening: &'a str,
}

/// The placeholders a wording may use, each with what it stands for.
pub const PLACEHOLDERS: [(&str, &str); 5] = [
    ("name", "the recipient's name"),
    ("organisation", "the organisation they answer for"),
    ("campaign", "the campaign's name"),
    (
        "questionnaire",
        "the questionnaire's title in the mail's language",
    ),
    ("sender", "the organisation running the campaign"),
];

/// How wide the plain-text part's lines are; the shipped texts keep to it too.
pub(crate) const TEXT_WIDTH: usize = 76;

/// The language code mails in `code` are written in ("de" for "de-AT", "en" for anything
/// without templates): the key a campaign's wording is stored under.
pub fn mail_language(code: &str) -> &'static str {
    Language::or_english(code).code()
}

/// The shipped wording of `kind` in the mail language `code`, in placeholder form; none
/// for a receipt, whose text is not a campaign's to change.
pub fn default_wording(code: &str, kind: OutboxKind) -> Option<Wording<'static>> {
    let language = Language::or_english(code);
    let opening = language.default_opening(kind)?;
    Some(Wording {
        subject: language.subject_template(kind),
        opening,
    })
}

/// Every `{word}` of `text` that is not one of [`PLACEHOLDERS`], in order, each once.
/// Braces around anything but a lower-case word are left alone: they are just text.
pub fn unknown_placeholders(text: &str) -> Vec<String> {
    let mut unknown: Vec<String> = Vec::new();
    for (word, _) in placeholders_in(text) {
        let known = PLACEHOLDERS.iter().any(|(name, _)| *name == word);
        if !known && !unknown.iter().any(|u| u == word) {
            unknown.push(word.to_owned());
        }
    }
    unknown
}

/// Each `{word}` of `text`: the word and the byte range of the whole placeholder.
fn placeholders_in(text: &str) -> Vec<(&str, std::ops::Range<usize>)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|i| from + i) {
        let rest = &text[open + 1..];
        let word_len = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(rest.len());
        if word_len > 0 && rest[word_len..].starts_with('}') {
            found.push((&rest[..word_len], open..open + word_len + 2));
            from = open + word_len + 2;
        } else {
            from = open + 1;
        }
    }
    found
}

/// `text` with every known placeholder replaced by its value for this mail.
pub(crate) fn fill(text: &str, context: &MailContext<'_>) -> String {
    let mut filled = String::with_capacity(text.len());
    let mut from = 0;
    for (word, range) in placeholders_in(text) {
        let value = match word {
            "name" => context.recipient_name,
            "organisation" => context.organisation,
            "campaign" => context.campaign_name,
            "questionnaire" => context.questionnaire_title,
            "sender" => context.sender_organisation,
            _ => continue,
        };
        filled.push_str(&text[from..range.start]);
        filled.push_str(value);
        from = range.end;
    }
    filled.push_str(&text[from..]);
    filled
}

/// An opening paragraph, filled in, as the two parts of a mail show it.
pub(crate) struct Opening {
    /// Paragraphs (split at blank lines), each a list of the lines typed: the HTML part
    /// joins them with `<br>`.
    pub paragraphs: Vec<Vec<String>>,
    /// The plain-text part's version: the same paragraphs, long lines wrapped.
    pub text: String,
}

impl Opening {
    pub(crate) fn new(filled: &str) -> Opening {
        // A line of nothing but spaces ends a paragraph as an empty one does.
        let mut paragraphs: Vec<Vec<String>> = vec![Vec::new()];
        for line in filled.lines().map(str::trim_end) {
            match paragraphs.last_mut() {
                Some(current) if !line.is_empty() => current.push(line.to_owned()),
                Some(current) if !current.is_empty() => paragraphs.push(Vec::new()),
                _ => {}
            }
        }
        paragraphs.retain(|p| !p.is_empty());
        let text = paragraphs
            .iter()
            .map(|p| {
                p.iter()
                    .map(|line| wrap(line, TEXT_WIDTH))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect::<Vec<_>>()
            .join("\n\n");
        Opening { paragraphs, text }
    }
}

/// `line` broken at spaces into lines of at most `width` characters where it can be (a
/// longer word, such as an address, keeps its own line).
pub(crate) fn wrap(line: &str, width: usize) -> String {
    let mut wrapped = String::with_capacity(line.len());
    let mut current = 0;
    for (i, word) in line.split(' ').enumerate() {
        let len = word.chars().count();
        if i > 0 {
            if current > 0 && !word.is_empty() && current + 1 + len > width {
                wrapped.push('\n');
                current = 0;
            } else {
                wrapped.push(' ');
                current += 1;
            }
        }
        wrapped.push_str(word);
        current += len;
    }
    wrapped
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::campaigns::Tlp;
    use crate::mail::{render, render_worded};

    fn context(language: &str) -> MailContext<'_> {
        MailContext {
            language,
            recipient_name: "Alex Example",
            organisation: "CERT <Example>",
            campaign_name: "Cooperation 2027",
            sender_organisation: "European Cooperation Office",
            closes_on: NaiveDate::from_ymd_opt(2027, 6, 30).expect("a date"),
            tlp: Tlp::Amber,
            link: "https://liaison.example.org/r/Zm9vYmFy",
            questionnaire_title: "CSIRT maturity",
            minutes: Some(25),
        }
    }

    #[test]
    fn the_shipped_wording_filled_in_is_what_the_templates_say() {
        for code in ["en", "de", "fr"] {
            for kind in [OutboxKind::Invitation, OutboxKind::Reminder] {
                let context = context(code);
                let plain = render(kind, &context).expect("rendered");
                let shipped = default_wording(code, kind).expect("a shipped wording");
                assert_eq!(fill(shipped.subject, &context), plain.subject);
                let flowing = plain.text.split_whitespace().collect::<Vec<_>>().join(" ");
                // Split as the text was, so a non-breaking space reads as a space in both.
                let opening = fill(shipped.opening, &context);
                let opening = opening.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(flowing.contains(&opening), "{code} {kind}: {opening}");
            }
        }
        assert_eq!(default_wording("en", OutboxKind::Receipt), None);
    }

    #[test]
    fn a_custom_wording_replaces_subject_and_opening_and_keeps_everything_else() {
        let wording = Wording {
            subject: "{campaign}: your view, {name}",
            opening: "Dear colleagues at {organisation},\nwe need you.\n\nThank you, {unknown}.",
        };
        let context = context("en");
        let mail = render_worded(OutboxKind::Reminder, &context, Some(wording)).expect("rendered");
        assert_eq!(mail.subject, "Cooperation 2027: your view, Alex Example");
        assert!(
            mail.text.contains(
                "Hello Alex Example,\n\nDear colleagues at CERT <Example>,\nwe need you.\n\n\
             Thank you, {unknown}.\n\nAnswering takes about 25 minutes.\n\n"
            ),
            "{}",
            mail.text
        );
        assert!(
            mail.html.contains(
                "<p>Dear colleagues at CERT &#60;Example&#62;,<br>we need you.</p>\n\
             <p>Thank you, {unknown}.</p>\n<p>Answering takes about 25 minutes.</p>"
            ),
            "{}",
            mail.html
        );
        assert!(!mail.text.contains("has not yet been submitted"));
        for body in [&mail.text, &mail.html] {
            for fixed in [
                "https://liaison.example.org/r/Zm9vYmFy",
                "30 June 2027",
                "TLP:AMBER",
            ] {
                assert!(body.contains(fixed), "{fixed} in {body}");
            }
        }
        let receipt =
            render_worded(OutboxKind::Receipt, &context, Some(wording)).expect("a receipt");
        assert_eq!(
            receipt,
            render(OutboxKind::Receipt, &context).expect("a receipt")
        );
    }

    #[test]
    fn every_respondent_mail_speaks_french_in_both_parts() {
        let context = context("fr-BE");
        for kind in [
            OutboxKind::Invitation,
            OutboxKind::Reminder,
            OutboxKind::Receipt,
        ] {
            let mail = render(kind, &context).expect("rendered");
            assert!(mail.html.contains("<html lang=\"fr\">"), "{}", mail.html);
            for body in [&mail.text, &mail.html] {
                assert!(body.contains("Bonjour Alex Example,"), "{kind}: {body}");
                assert!(body.contains("30 juin 2027"), "{kind}: {body}");
                assert!(!body.contains("Kind regards"), "{kind}: {body}");
            }
            for line in mail.text.lines() {
                let long = line.chars().count() > TEXT_WIDTH;
                assert!(!long || !line.contains(' '), "{kind}: {line:?}");
            }
        }
    }

    #[test]
    fn only_lower_case_words_in_braces_are_placeholders() {
        assert_eq!(
            unknown_placeholders("Dear {name}, {Name} {x y} {} {orgnisation} {orgnisation}"),
            ["orgnisation"]
        );
        assert!(unknown_placeholders("{sender} and {campaign} {").is_empty());
    }

    #[test]
    fn long_lines_wrap_at_spaces_and_short_ones_stay() {
        assert_eq!(wrap("a short line", 76), "a short line");
        let long = "word ".repeat(30);
        for line in wrap(long.trim_end(), 20).lines() {
            assert!(line.chars().count() <= 20, "{line:?}");
        }
        assert_eq!(
            wrap("see https://example.org/a/very/long/address", 10),
            "see\nhttps://example.org/a/very/long/address"
        );
    }

    #[test]
    fn an_opening_keeps_its_paragraphs_and_lines() {
        let opening = Opening::new("First line\r\nsecond line\n\n  \n\nNext paragraph  \n");
        assert_eq!(
            opening.paragraphs,
            [vec!["First line", "second line"], vec!["Next paragraph"]]
        );
        assert_eq!(opening.text, "First line\nsecond line\n\nNext paragraph");
    }
}
