//! What the respondent templates show, built from a visit. All text is escaped by askama.

use std::collections::BTreeMap;

use askama::Template;

use crate::web::i18n::{tlp_meaning, ui};
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, LanguageLink, language_name, tlp_class};

// The section page is made of question views; its template matches on their controls.
pub use super::controls::{Control, QuestionView, error_anchor, question_view};
use super::evidence_view::EvidenceLink;
use super::review_view::NoteView;
use super::review_words::ReviewWords;
use super::visit::Visit;

/// The frame of `page` (a path below the visit), with a language switch back to it.
pub fn chrome(visit: &Visit, page: &str, csrf: &str) -> Chrome {
    let campaign = &visit.open.campaign.campaign;
    let here = visit.path(page);
    let languages = visit
        .questionnaire
        .languages()
        .iter()
        .filter(|code| campaign.offers(code))
        .map(|code| LanguageLink {
            code: code.clone(),
            name: language_name(code),
            href: format!("{here}?lang={code}"),
            current: *code == visit.language,
        })
        .collect();
    Chrome::respondent(
        ui(&visit.language),
        &campaign.name,
        campaign.tlp,
        languages,
        csrf,
    )
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
    pub tlp: String,
    pub tlp_class: String,
    pub tlp_meaning: &'static str,
    pub saved: bool,
    pub start_href: String,
    pub start_label: &'static str,
    /// The offer to start from the last round's answers, while none is saved.
    pub offer: Option<super::next_round::OfferView>,
    /// The answers a reviewer sent back, while a change request waits.
    pub changes: Option<super::review_view::ChangesView>,
    /// The page that hands sections to colleagues, and its link's words.
    pub delegations_href: String,
    pub delegations_label: &'static str,
}

impl WelcomePage {
    pub fn new(
        visit: &Visit,
        chrome: Chrome,
        saved: bool,
        start_href: String,
        resuming: bool,
        offer: Option<super::next_round::OfferView>,
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
            tlp: campaign.tlp.to_string(),
            tlp_class: tlp_class(campaign.tlp),
            tlp_meaning: tlp_meaning(campaign.tlp, lang),
            saved,
            start_href,
            offer,
            changes: None,
            delegations_href: visit.path("delegations"),
            delegations_label: super::delegation_words::delegation_words(lang).link,
            start_label: if resuming {
                chrome.ui.resume
            } else {
                chrome.ui.start
            },
            chrome,
        }
    }
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
    pub errors: FormErrors,
    /// Saving the page failed on our side: the answers shown are the ones just sent.
    pub not_saved: bool,
    /// Set in a questionnaire's preview: the page then has no form, and links move on.
    pub preview: Option<PreviewNav>,
    /// The link to each question's evidence, by question id (none in a preview).
    pub evidence: BTreeMap<String, EvidenceLink>,
    /// After a change request, the answers that stay as they are, shown without a
    /// field, by question id.
    pub locked: BTreeMap<String, String>,
    /// After a change request, the reviewer's comment and the reply field beside each
    /// question commented on, by question id.
    pub notes: BTreeMap<String, NoteView>,
    pub review_words: &'static ReviewWords,
    /// The longest reply taken, in characters.
    pub reply_max: usize,
}

impl SectionPage {
    /// The answer of question `id` shown without a field, if it is locked.
    pub fn locked_answer(&self, id: &str) -> Option<&String> {
        self.locked.get(id)
    }

    /// The reviewer's comment beside question `id`, if any.
    pub fn note_of(&self, id: &str) -> Option<&NoteView> {
        self.notes.get(id)
    }

    /// The link under question `id` to its evidence, if the page has one.
    pub fn evidence_of(&self, id: &str) -> Option<&EvidenceLink> {
        self.evidence.get(id)
    }
}

/// Where a preview's section page leads: plain links, since a preview sends nothing.
pub struct PreviewNav {
    /// The questionnaire and its version, as the preview banner names it.
    pub questionnaire: String,
    /// The preview's first page: every section listed.
    pub overview: String,
    /// The previous section, or the overview from the first.
    pub back: String,
    /// The next section, or the overview from the last.
    pub next: String,
}
