//! What the respondent templates show, built from a visit. All text is escaped by askama.

use askama::Template;

use crate::web::i18n::{Ui, tlp_meaning, ui};

// The section page is made of question views; its template matches on their controls.
pub use super::controls::{Control, QuestionView, error_anchor, question_view};
use super::visit::Visit;

/// One entry of the language switch.
pub struct LanguageLink {
    pub code: String,
    pub name: &'static str,
    pub href: String,
    pub current: bool,
}

/// What every respondent page shows around its content.
pub struct Chrome {
    pub ui: &'static Ui,
    pub campaign: String,
    pub tlp: String,
    pub tlp_class: String,
    pub languages: Vec<LanguageLink>,
    pub csrf: String,
    /// The stylesheet's versioned address, cached for a year.
    pub stylesheet: &'static str,
}

fn language_name(code: &str) -> &'static str {
    match code {
        "en" => "English",
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        "it" => "Italiano",
        "nl" => "Nederlands",
        "pl" => "Polski",
        "pt" => "Português",
        _ => "—",
    }
}

impl Chrome {
    /// The chrome of `page` (a path below the visit) with a language switch back to it.
    pub fn new(visit: &Visit, page: &str, csrf: &str) -> Chrome {
        let campaign = &visit.open.campaign.campaign;
        let here = visit.path(page);
        Chrome {
            ui: ui(&visit.language),
            campaign: campaign.name.clone(),
            tlp: campaign.tlp.to_string(),
            tlp_class: campaign.tlp.to_string().to_lowercase(),
            languages: visit
                .questionnaire
                .languages()
                .iter()
                .map(|code| LanguageLink {
                    code: code.clone(),
                    name: language_name(code),
                    href: format!("{here}?lang={code}"),
                    current: *code == visit.language,
                })
                .collect(),
            csrf: csrf.to_owned(),
            stylesheet: crate::web::pages::static_files::stylesheet_href(),
        }
    }
}

#[derive(Template)]
#[template(path = "survey/welcome.html", config = "assets/askama.toml")]
pub struct WelcomePage {
    pub chrome: Chrome,
    pub title: String,
    pub description: Option<String>,
    pub participant: String,
    pub organisation: String,
    pub sender: String,
    pub closes_on: String,
    pub minutes: Option<u32>,
    pub tlp_meaning: &'static str,
    pub saved: bool,
    pub start_href: String,
    pub start_label: &'static str,
}

impl WelcomePage {
    pub fn new(
        visit: &Visit,
        chrome: Chrome,
        saved: bool,
        start_href: String,
        resuming: bool,
    ) -> Self {
        let q = &visit.questionnaire;
        let lang = &visit.language;
        let campaign = &visit.open.campaign.campaign;
        WelcomePage {
            title: q.title().get(lang).to_owned(),
            description: q.description().map(|d| d.get(lang).to_owned()),
            participant: visit.open.participant.name.clone(),
            organisation: visit.organisation.clone(),
            sender: campaign.sender_organisation.clone(),
            closes_on: campaign.closes_on.to_string(),
            minutes: q.minutes(),
            tlp_meaning: tlp_meaning(campaign.tlp, lang),
            saved,
            start_href,
            start_label: if resuming {
                chrome.ui.resume
            } else {
                chrome.ui.start
            },
            chrome,
        }
    }
}

/// An entry of the error summary.
pub struct ErrorLink {
    pub anchor: String,
    pub question: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "survey/section.html", config = "assets/askama.toml")]
pub struct SectionPage {
    pub chrome: Chrome,
    pub number: usize,
    pub total: usize,
    pub section_title: String,
    pub intro: Option<String>,
    pub action: String,
    pub questions: Vec<QuestionView>,
    pub errors: Vec<ErrorLink>,
    /// Saving the page failed on our side: the answers shown are the ones just sent.
    pub not_saved: bool,
}
