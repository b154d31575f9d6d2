//! A questionnaire's preview for analysts: `/questionnaires/{id}/preview` lists its
//! sections, `/questionnaires/{id}/preview/s/{n}` draws one exactly as the respondent's
//! section page does (the same template and controls), each in any language the
//! questionnaire has (`?lang=`). No token, no response: the pages hold no form, their
//! buttons are links, so nothing can be sent, let alone saved.

use actix_web::{HttpResponse, web};
use askama::Template;

use crate::questionnaire::Questionnaire;
use crate::web::auth::CurrentAnalyst;
use crate::web::i18n::ui;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, LanguageLink, html, language_name};
use crate::web::{AppState, WebError};

use super::pages::PageQuery;
use super::views::{PreviewNav, SectionPage, question_view};

/// One section as the overview lists it.
struct SectionLink {
    number: usize,
    title: String,
    href: String,
}

#[derive(Template)]
#[template(path = "survey/preview.html", config = "assets/askama.toml")]
struct OverviewPage {
    chrome: Chrome,
    questionnaire: String,
    title: String,
    description: Option<String>,
    minutes: Option<u32>,
    sections: Vec<SectionLink>,
}

/// The loaded questionnaire `id` and the language to show it in: the one asked for when
/// it has it, else its first.
fn find<'a>(
    state: &'a AppState,
    id: &str,
    asked: Option<&str>,
) -> Result<(&'a Questionnaire, String), WebError> {
    let questionnaire = state
        .catalogue
        .get(id)
        .ok_or_else(|| WebError::NotFound(format!("No questionnaire \"{id}\" is loaded.")))?;
    let languages = questionnaire.languages();
    let language = asked
        .filter(|l| languages.iter().any(|q| q == l))
        .map_or_else(|| languages[0].clone(), str::to_owned);
    Ok((questionnaire, language))
}

/// The preview path of `questionnaire`'s page `page` ("" for the overview) in `language`.
fn path(questionnaire: &Questionnaire, page: &str, language: &str) -> String {
    let base = format!("/questionnaires/{}/preview", questionnaire.id());
    let page = if page.is_empty() {
        base
    } else {
        format!("{base}/{page}")
    };
    format!("{page}?lang={language}")
}

/// The frame of the preview page `page`, with a language switch back to it.
fn chrome(questionnaire: &Questionnaire, page: &str, language: &str) -> Chrome {
    let languages = questionnaire
        .languages()
        .iter()
        .map(|code| LanguageLink {
            code: code.clone(),
            name: language_name(code),
            href: path(questionnaire, page, code),
            current: code == language,
        })
        .collect();
    Chrome::preview(ui(language), questionnaire.title().get(language), languages)
}

/// The questionnaire and version, as the preview banner names them.
fn named(questionnaire: &Questionnaire) -> String {
    format!("{} version {}", questionnaire.id(), questionnaire.version())
}

/// `GET /questionnaires/{id}/preview`: the questionnaire's sections, for any analyst.
pub async fn show_overview(
    _analyst: CurrentAnalyst,
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let (q, lang) = find(&state, &id, query.lang.as_deref())?;
    let sections = q
        .sections()
        .iter()
        .enumerate()
        .map(|(i, s)| SectionLink {
            number: i + 1,
            title: s.title().get(&lang).to_owned(),
            href: path(q, &format!("s/{}", i + 1), &lang),
        })
        .collect();
    let page = OverviewPage {
        chrome: chrome(q, "", &lang),
        questionnaire: named(q),
        title: q.title().get(&lang).to_owned(),
        description: q.description().map(|d| d.get(&lang).to_owned()),
        minutes: q.minutes(),
        sections,
    };
    html(page.render())
}

/// `GET /questionnaires/{id}/preview/s/{n}`: section `n` as respondents see it, with
/// every question shown (a question shown only after some answer included) and none
/// answered.
pub async fn show_section(
    _analyst: CurrentAnalyst,
    state: web::Data<AppState>,
    path_parts: web::Path<(String, usize)>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, WebError> {
    let (id, n) = path_parts.into_inner();
    let (q, lang) = find(&state, &id, query.lang.as_deref())?;
    let total = q.sections().len();
    let section = (1..=total)
        .contains(&n)
        .then(|| &q.sections()[n - 1])
        .ok_or_else(|| WebError::NotFound(format!("\"{id}\" has no section {n}.")))?;
    let here = format!("s/{n}");
    let section_path = |m: usize| {
        if (1..=total).contains(&m) {
            path(q, &format!("s/{m}"), &lang)
        } else {
            path(q, "", &lang)
        }
    };
    let page = SectionPage {
        chrome: chrome(q, &here, &lang),
        number: n,
        total,
        section_title: section.title().get(&lang).to_owned(),
        intro: section.intro().map(|i| i.get(&lang).to_owned()),
        action: String::new(),
        questions: section
            .questions()
            .iter()
            .map(|question| question_view(question, None, None, &lang))
            .collect(),
        errors: FormErrors::new(),
        not_saved: false,
        evidence: Default::default(),
        locked: Default::default(),
        notes: Default::default(),
        review_words: super::review_words::review_words(&lang),
        reply_max: crate::responses::review::COMMENT_MAX_CHARS,
        preview: Some(PreviewNav {
            questionnaire: named(q),
            overview: path(q, "", &lang),
            back: section_path(n - 1),
            next: section_path(n + 1),
        }),
    };
    html(page.render())
}
