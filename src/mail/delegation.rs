//! The mail that hands sections of a questionnaire to a colleague: who asked, for which
//! organisation and campaign, which sections, and the colleague's own link. It says that
//! only the contact submits, so the colleague knows their part ends with "I have finished".

use chrono::NaiveDate;

use super::compose::{Block, Composed};
use super::language::{Language, tlp_label};
use super::{MailError, OutboxKind, RenderedMail};
use crate::campaigns::Tlp;
use crate::locale::fill;

/// What a delegation mail says; the caller gathers it from the response and the form.
#[derive(Debug, Clone, Copy)]
pub struct DelegationMail<'a> {
    /// The contact's language code; unsupported ones get English.
    pub language: &'a str,
    /// The colleague's name, if the contact gave one.
    pub colleague: Option<&'a str>,
    /// The contact who asked.
    pub contact: &'a str,
    pub organisation: &'a str,
    pub campaign_name: &'a str,
    pub sender_organisation: &'a str,
    pub questionnaire_title: &'a str,
    /// The delegated sections' titles, in the questionnaire's order.
    pub sections: &'a [String],
    /// The last day the questionnaire accepts answers.
    pub closes_on: NaiveDate,
    pub tlp: Tlp,
    /// The link as stored: the token left as the outbox placeholder.
    pub link: &'a str,
}

/// Renders a delegation mail.
pub fn render_delegation(mail: &DelegationMail<'_>) -> Result<RenderedMail, MailError> {
    let language = Language::or_english(mail.language);
    let w = language.words();
    let subject = fill(
        w.subject_delegation,
        &[
            ("questionnaire", mail.questionnaire_title),
            ("organisation", mail.organisation),
            ("campaign", mail.campaign_name),
        ],
    );
    let deadline = language.date(mail.closes_on);
    let tlp = tlp_label(mail.tlp);
    let colleague = mail.colleague.filter(|c| !c.is_empty());
    let values = [
        ("name", colleague.unwrap_or_default()),
        ("contact", mail.contact),
        ("organisation", mail.organisation),
        ("campaign", mail.campaign_name),
        ("questionnaire", mail.questionnaire_title),
        ("sender", mail.sender_organisation),
        ("deadline", deadline.as_str()),
        ("tlp", tlp.as_str()),
        ("meaning", language.tlp_meaning(mail.tlp)),
    ];
    let hello = if colleague.is_some() {
        w.hello
    } else {
        w.hello_anonymous
    };
    let sections = mail.sections.iter().map(|s| (s.clone(), None)).collect();
    let composed = Composed {
        blocks: vec![
            Block::Para(vec![hello]),
            Block::Para(vec![w.delegation_intro]),
            Block::List(sections),
            Block::Button {
                label: w.delegation_button,
            },
            Block::Link {
                intro: w.delegation_link,
            },
            Block::Para(vec![w.delegation_keep]),
            Block::Para(vec![w.classification]),
            Block::Para(vec![w.delegation_ignore]),
            Block::Lines(vec![
                w.regards.to_owned(),
                mail.sender_organisation.to_owned(),
            ]),
        ],
        link: mail.link,
        values: &values,
    };
    composed.mail(OutboxKind::Delegation, language.code(), subject, mail.tlp)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(language: &str) -> RenderedMail {
        let sections = vec!["Incident handling".to_owned(), "Tools <&>".to_owned()];
        render_delegation(&DelegationMail {
            language,
            colleague: Some("Kim"),
            contact: "Contact Person",
            organisation: "CERT-Example",
            campaign_name: "Survey 2027",
            sender_organisation: "Network secretariat",
            questionnaire_title: "CSIRT maturity",
            sections: &sections,
            closes_on: NaiveDate::from_ymd_opt(2027, 6, 30).unwrap_or_default(),
            tlp: Tlp::Amber,
            link: "https://liaison.example.org/d/{{link_token}}",
        })
        .expect("rendered")
    }

    #[test]
    fn the_mail_names_the_sections_the_contact_and_carries_the_link() {
        for (language, deadline) in [("en", "30 June 2027"), ("de", "30. Juni 2027")] {
            let m = mail(language);
            assert!(m.subject.contains("CERT-Example"), "{}", m.subject);
            for body in [&m.text, &m.html] {
                assert!(body.contains("https://liaison.example.org/d/{{link_token}}"));
                assert!(body.contains("Incident handling"), "{body}");
                assert!(body.contains("Contact Person"), "{body}");
                assert!(body.contains(deadline), "{body}");
            }
            assert!(m.html.contains("Tools &#60;&#38;&#62;"), "{}", m.html);
            assert!(m.text.ends_with('\n'));
        }
    }
}
