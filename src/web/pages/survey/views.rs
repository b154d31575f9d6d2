//! What the respondent templates show, built from a visit. All text is escaped by askama.

use askama::Template;

use crate::questionnaire::{Answer, Kind, Question, Questionnaire};
use crate::survey::FieldError;
use crate::web::i18n::{Ui, tlp_meaning, ui};

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

/// One option of a radio, checkbox or select list.
pub struct OptionView {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

/// One question as the section page shows it.
pub struct QuestionView {
    pub id: String,
    pub text: String,
    pub help: Option<String>,
    pub required: bool,
    /// Radios and checkboxes sit in a fieldset; the rest have one labelled field.
    pub grouped: bool,
    /// radio, checkbox, textarea, select or text.
    pub input_type: &'static str,
    pub options: Vec<OptionView>,
    pub value: String,
    pub unit: Option<String>,
    pub max_length: usize,
    pub scale_hint: Option<String>,
    pub error: Option<String>,
    pub described_by: String,
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

/// Builds the view of `question`, showing `answer` or, after a refused value, `raw`.
pub fn question_view(
    question: &Question,
    answer: Option<&Answer>,
    error: Option<&FieldError>,
    language: &str,
) -> QuestionView {
    let chosen: Vec<&str> = match answer {
        Some(Answer::Choice(c)) => vec![c.as_str()],
        Some(Answer::Choices(cs)) => cs.iter().map(String::as_str).collect(),
        _ => Vec::new(),
    };
    let choice_options = || -> Vec<OptionView> {
        question
            .kind()
            .options()
            .iter()
            .map(|o| OptionView {
                value: o.value().to_owned(),
                label: o.label().get(language).to_owned(),
                checked: chosen.contains(&o.value()),
            })
            .collect()
    };
    let value = match (error.and_then(|e| e.raw.clone()), answer) {
        (Some(raw), _) => raw,
        (None, Some(Answer::Number(n))) => plain_number(*n),
        (None, Some(Answer::Text(t) | Answer::Choice(t))) => t.clone(),
        _ => String::new(),
    };
    let (grouped, input_type, options, scale_hint, max_length, unit) = match question.kind() {
        Kind::Level { .. } | Kind::Single { .. } => {
            (true, "radio", choice_options(), None, 0, None)
        }
        Kind::Multi { .. } => (true, "checkbox", choice_options(), None, 0, None),
        Kind::Scale {
            min,
            max,
            min_label,
            max_label,
        } => {
            let current = match answer {
                Some(Answer::Number(n)) => Some(*n as i64),
                _ => None,
            };
            let points = (*min..=*max)
                .map(|p| OptionView {
                    value: p.to_string(),
                    label: p.to_string(),
                    checked: current == Some(p),
                })
                .collect();
            let hint = format!(
                "{min} = {}, {max} = {}",
                min_label.get(language),
                max_label.get(language)
            );
            (true, "radio", points, Some(hint), 0, None)
        }
        Kind::Number { unit, .. } => (false, "text", Vec::new(), None, 0, unit.clone()),
        Kind::Text { max_length } => (false, "textarea", Vec::new(), None, *max_length, None),
        Kind::Country => {
            let current = value.clone();
            let countries = crate::participants::all_countries()
                .iter()
                .map(|(code, name)| OptionView {
                    value: (*code).to_owned(),
                    label: format!("{name} ({code})"),
                    checked: *code == current,
                })
                .collect();
            (false, "select", countries, None, 0, None)
        }
    };
    let help = question.help().map(|h| h.get(language).to_owned());
    let mut described_by = Vec::new();
    if help.is_some() {
        described_by.push(format!("q-{}-help", question.id()));
    }
    if error.is_some() {
        described_by.push(format!("q-{}-error", question.id()));
    }
    QuestionView {
        id: question.id().to_owned(),
        text: question.text().get(language).to_owned(),
        help,
        required: question.required(),
        grouped,
        input_type,
        options,
        value,
        unit,
        max_length,
        scale_hint,
        error: error.map(|e| e.message(language)),
        described_by: described_by.join(" "),
    }
}

/// The anchor an error summary entry jumps to: the field, or the group's first option.
pub fn error_anchor(questionnaire: &Questionnaire, question_id: &str) -> String {
    match questionnaire.question(question_id).map(Question::kind) {
        Some(Kind::Level { .. }) => format!("q-{question_id}-0"),
        Some(kind @ (Kind::Single { .. } | Kind::Multi { .. })) => match kind.options().first() {
            Some(first) => format!("q-{question_id}-{}", first.value()),
            None => format!("q-{question_id}"),
        },
        Some(Kind::Scale { min, .. }) => format!("q-{question_id}-{min}"),
        _ => format!("q-{question_id}"),
    }
}

/// A number as a person types it: no trailing ".0".
fn plain_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}
