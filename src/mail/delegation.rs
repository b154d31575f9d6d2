//! The mail that hands sections of a questionnaire to a colleague: who asked, for which
//! organisation and campaign, which sections, and the colleague's own link. It says that
//! only the contact submits, so the colleague knows their part ends with "I have finished".

use askama::Template;
use chrono::NaiveDate;

use super::language::{Language, tlp_colour, tlp_label};
use super::{MailError, OutboxKind, RenderedMail};
use crate::campaigns::Tlp;

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

struct View<'a> {
    lang: &'static str,
    subject: String,
    colleague: Option<&'a str>,
    contact: &'a str,
    organisation: &'a str,
    campaign_name: &'a str,
    sender_organisation: &'a str,
    questionnaire_title: &'a str,
    sections: &'a [String],
    deadline: String,
    tlp_label: String,
    tlp_colour: &'static str,
    tlp_meaning: &'static str,
    link: &'a str,
}

macro_rules! templates {
    ($($name:ident => $path:literal,)+) => {
        $(
            #[derive(Template)]
            #[template(path = $path, config = "assets/askama.toml")]
            struct $name<'a> {
                v: &'a View<'a>,
            }
        )+
    };
}

templates! {
    EnText => "mail/en/delegation.txt",
    EnHtml => "mail/en/delegation.html",
    DeText => "mail/de/delegation.txt",
    DeHtml => "mail/de/delegation.html",
}

/// The subject of a delegation mail in `language`.
fn subject(language: Language, organisation: &str, questionnaire: &str) -> String {
    match language {
        Language::English => format!("Your part of \"{questionnaire}\" for {organisation}"),
        Language::German => format!("Ihr Teil von „{questionnaire}“ für {organisation}"),
    }
}

/// Renders a delegation mail.
pub fn render_delegation(mail: &DelegationMail<'_>) -> Result<RenderedMail, MailError> {
    let language = Language::or_english(mail.language);
    let view = View {
        lang: language.code(),
        subject: subject(language, mail.organisation, mail.questionnaire_title),
        colleague: mail.colleague.filter(|c| !c.is_empty()),
        contact: mail.contact,
        organisation: mail.organisation,
        campaign_name: mail.campaign_name,
        sender_organisation: mail.sender_organisation,
        questionnaire_title: mail.questionnaire_title,
        sections: mail.sections,
        deadline: language.date(mail.closes_on),
        tlp_label: tlp_label(mail.tlp),
        tlp_colour: tlp_colour(mail.tlp),
        tlp_meaning: language.tlp_meaning(mail.tlp),
        link: mail.link,
    };
    let failed = |e: askama::Error| MailError::Render {
        kind: OutboxKind::Delegation,
        reason: e.to_string(),
    };
    let v = &view;
    let (mut text, html) = match language {
        Language::English => (EnText { v }.render(), EnHtml { v }.render()),
        Language::German => (DeText { v }.render(), DeHtml { v }.render()),
    };
    if let Ok(t) = &mut text
        && !t.ends_with('\n')
    {
        t.push('\n');
    }
    Ok(RenderedMail {
        subject: view.subject.clone(),
        text: text.map_err(failed)?,
        html: html.map_err(failed)?,
    })
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
