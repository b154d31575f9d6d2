//! A respondent's mail as a list of blocks, written out twice: as wrapped plain text and
//! as HTML in the mail layout. The words come from the word files; each block fills them
//! with the mail's values, escaped for HTML, so no translation can break the markup.

use askama::Template;

use super::language::{tlp_colour, tlp_label};
use super::wording::{Opening, TEXT_WIDTH, wrap};
use super::{MailError, OutboxKind, RenderedMail};
use crate::campaigns::Tlp;
use crate::locale::fill;

/// Stands for a space inside a value while the text is wrapped (a character no value or
/// text of a mail holds).
const GLUE: &str = "\u{1}";

/// The one value the plain-text part breaks across lines: a sentence, where the others
/// are names, dates and labels that a reader looks for whole.
const FLOWING: &str = "meaning";

/// The values set in bold in HTML wherever a text names them.
const STRONG: [&str; 5] = ["campaign", "questionnaire", "deadline", "day", "tlp"];

/// The values a mail's texts may name, by placeholder.
pub(crate) type Values<'a> = [(&'static str, &'a str)];

/// One part of a mail.
pub(crate) enum Block<'a> {
    /// A paragraph: texts joined by a space, their placeholders filled.
    Para(Vec<&'static str>),
    /// A campaign's own paragraphs, kept line by line.
    Opening(&'a Opening),
    /// A button to the link (HTML only; the text part gives the link below it).
    Button { label: &'static str },
    /// A line introducing the link, then the link itself.
    Link { intro: &'static str },
    /// A list: each item's first line, and an optional second line.
    List(Vec<(String, Option<String>)>),
    /// Lines kept together, such as the greeting at the end.
    Lines(Vec<String>),
}

/// A mail's blocks with what they need: the link and the values of the placeholders.
pub(crate) struct Composed<'a> {
    pub blocks: Vec<Block<'a>>,
    pub link: &'a str,
    pub values: &'a Values<'a>,
}

impl Composed<'_> {
    /// The plain-text part, ending with a line break.
    fn text(&self) -> String {
        let glued = glued(self.values);
        let glued: Vec<(&str, &str)> = glued.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let parts: Vec<String> = self
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Para(texts) => Some(wrapped(&texts.join(" "), &glued)),
                Block::Opening(opening) => Some(opening.text.clone()),
                Block::Button { .. } => None,
                Block::Link { intro } => {
                    Some(format!("{}\n\n    {}", fill(intro, self.values), self.link))
                }
                Block::List(items) => Some(
                    items
                        .iter()
                        .map(|(first, second)| match second {
                            Some(second) => format!("  - {first}\n    {second}"),
                            None => format!("  - {first}"),
                        })
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                Block::Lines(lines) => Some(lines.join("\n")),
            })
            .collect();
        let mut text = parts.join("\n\n");
        text.push('\n');
        text
    }

    /// The HTML part's content, to go inside the mail layout.
    fn html(&self) -> String {
        let link = escape(self.link);
        let escaped = escaped(self.values);
        let escaped: Vec<(&str, &str)> = escaped.iter().map(|(n, v)| (*n, v.as_str())).collect();
        let mut html = String::new();
        for block in &self.blocks {
            match block {
                Block::Para(texts) => {
                    html.push_str(&format!(
                        "<p>{}</p>\n",
                        fill(&escape(&texts.join(" ")), &escaped)
                    ));
                }
                Block::Opening(opening) => {
                    for paragraph in &opening.paragraphs {
                        let lines: Vec<String> = paragraph.iter().map(|l| escape(l)).collect();
                        html.push_str(&format!("<p>{}</p>\n", lines.join("<br>")));
                    }
                }
                Block::Button { label } => html.push_str(&format!(
                    "<p style=\"margin:24px 0;\"><a href=\"{link}\" style=\"display:inline-block;\
                     padding:12px 20px;background-color:#1d4ed8;color:#ffffff;\
                     text-decoration:none;font-weight:bold;border-radius:4px;\">{}</a></p>\n",
                    escape(label)
                )),
                Block::Link { intro } => html.push_str(&format!(
                    "<p>{}<br><a href=\"{link}\" style=\"color:#1d4ed8;word-break:break-all;\">\
                     {link}</a></p>\n",
                    fill(&escape(intro), &escaped)
                )),
                Block::List(items) => {
                    html.push_str("<ul>\n");
                    for (first, second) in items {
                        match second {
                            Some(second) => html.push_str(&format!(
                                "<li><strong>{}</strong><br>{}</li>\n",
                                escape(first),
                                escape(second)
                            )),
                            None => html.push_str(&format!("<li>{}</li>\n", escape(first))),
                        }
                    }
                    html.push_str("</ul>\n");
                }
                Block::Lines(lines) => {
                    let lines: Vec<String> = lines.iter().map(|l| escape(l)).collect();
                    html.push_str(&format!("<p>{}</p>\n", lines.join("<br>")));
                }
            }
        }
        html
    }
}

/// The values as the text part fills them: every space of a value but the flowing one
/// glued, so that the value is not broken across lines.
fn glued(values: &Values<'_>) -> Vec<(&'static str, String)> {
    values
        .iter()
        .map(|(name, value)| match *name == FLOWING {
            true => (*name, (*value).to_owned()),
            false => (*name, value.replace(' ', GLUE)),
        })
        .collect()
}

/// `text` filled with glued values and wrapped, names, dates and labels each kept on one
/// line: "30 June" at a line's end and "2027" at the next one's start reads badly, and a
/// campaign's name broken in two is not found by a search of the mail.
fn wrapped(text: &str, glued: &[(&str, &str)]) -> String {
    wrap(&fill(text, glued), TEXT_WIDTH).replace(GLUE, " ")
}

/// The values as the HTML part fills them: escaped, and bold where [`STRONG`]. The texts
/// around them are escaped before filling; braces are not escaped, so their placeholders
/// survive it.
fn escaped(values: &Values<'_>) -> Vec<(&'static str, String)> {
    values
        .iter()
        .map(|(name, value)| {
            let value = escape(value);
            match STRONG.contains(name) {
                true => (*name, format!("<strong>{value}</strong>")),
                false => (*name, value),
            }
        })
        .collect()
}

/// HTML-escapes text for element content and double-quoted attributes, as the templates
/// do.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut from = 0;
    // The characters escaped are ASCII, so each index is a character boundary.
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&#38;",
            b'<' => "&#60;",
            b'>' => "&#62;",
            b'"' => "&#34;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&text[from..]);
    out
}

/// The values the mail layout shows around the content.
struct Frame<'a> {
    lang: &'a str,
    subject: &'a str,
    tlp_label: &'a str,
    tlp_colour: &'a str,
}

#[derive(Template)]
#[template(path = "mail/blocks.html", config = "assets/askama.toml")]
struct Page<'a> {
    v: &'a Frame<'a>,
    content: &'a str,
}

impl Composed<'_> {
    /// The whole mail of `kind` in language `lang`: the subject, the text part and the
    /// HTML part in the mail layout under the campaign's TLP label.
    pub(crate) fn mail(
        &self,
        kind: OutboxKind,
        lang: &str,
        subject: String,
        tlp: Tlp,
    ) -> Result<RenderedMail, MailError> {
        let label = tlp_label(tlp);
        let frame = Frame {
            lang,
            subject: &subject,
            tlp_label: &label,
            tlp_colour: tlp_colour(tlp),
        };
        let content = self.html();
        let html = Page {
            v: &frame,
            content: &content,
        }
        .render()
        .map_err(|e| MailError::Render {
            kind,
            reason: e.to_string(),
        })?;
        Ok(RenderedMail {
            subject,
            text: self.text(),
            html,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_and_values_are_escaped_and_names_set_in_bold() {
        let values = [("campaign", "A <b> & \"c\" 2027"), ("meaning", "as agreed")];
        let composed = Composed {
            blocks: vec![Block::Para(vec![
                "Take part in {campaign}, <now>.",
                "{meaning}",
            ])],
            link: "https://liaison.example.org/r/{{link_token}}",
            values: &values,
        };
        assert_eq!(
            composed.html(),
            "<p>Take part in <strong>A &#60;b&#62; &#38; &#34;c&#34; 2027</strong>, \
             &#60;now&#62;. as agreed</p>\n"
        );
        assert_eq!(
            composed.text(),
            "Take part in A <b> & \"c\" 2027, <now>. as agreed\n"
        );
    }

    #[test]
    fn a_paragraph_wraps_between_values_and_never_inside_a_name() {
        let name = "Cooperation between national CSIRTs and police 2027";
        let values = [
            ("campaign", name),
            ("meaning", "word ".repeat(30).leak().trim_end()),
        ];
        let composed = Composed {
            blocks: vec![Block::Para(vec![
                "Please answer for {campaign} soon.",
                "{meaning}",
            ])],
            link: "",
            values: &values,
        };
        let text = composed.text();
        assert!(text.lines().any(|line| line.contains(name)), "{text}");
        assert!(
            text.lines().all(|l| l.chars().count() <= TEXT_WIDTH),
            "{text}"
        );
        assert!(text.lines().count() > 2, "the sentence flows: {text}");
    }
}
