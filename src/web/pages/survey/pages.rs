//! The respondent's pages as shown: welcome, sections, review, result and radar chart.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::reports::RadarScores;
use crate::scoring::assess;
use crate::survey::{first_unanswered_section, is_complete, visible_questions};
use crate::web::{AppState, WebError};

use super::csrf::csrf_value;
use super::evidence_view::evidence_link;
use super::opened::{Opened, Phase};
use super::outcome::{ResultPage, ReviewPage, review_sections};
use super::review_view::{NoteView, changes_requested, comment_text};
use super::review_words::review_words;
use super::views::{SectionPage, WelcomePage, chrome, error_anchor, question_view};
use super::visit::Visit;
use super::{html, load_submitted, not_found};
use super::{next_round, peers, round_change};
use crate::responses::review::COMMENT_MAX_CHARS;
use crate::survey::display_answer;
use crate::web::i18n::ui as chrome_ui;
use crate::web::pages::form_errors::FieldProblem;
use crate::web::pages::notice::{Flash, Notice};

/// Query parameters the respondent pages take: a language choice.
#[derive(Deserialize)]
pub struct PageQuery {
    pub(super) lang: Option<String>,
}

/// `GET /r/{token}`
pub async fn show_welcome(
    flash: Flash,
    opened: Opened,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (visit, req) = match opened.into_phase(Phase::Answering) {
        Ok(opened) => opened,
        Err(answer) => return Ok(*answer),
    };
    let offer = next_round::offer(&state, &visit).await?;
    let resuming = !visit.answers.is_empty();
    let start = match first_unanswered_section(&visit.questionnaire, &visit.answers) {
        Some(index) => visit.path(&format!("s/{}", index + 1)),
        None => visit.path("review"),
    };
    // After a change request the way in is the first answer sent back.
    let changes = changes_requested(&visit);
    let start = changes
        .as_ref()
        .and_then(|c| c.flagged.first())
        .map_or(start, |f| f.href.clone());
    let chrome = chrome(&visit, "", &csrf_value(&req));
    let saved = flash.notice() == Some(&Notice::Saved);
    let mut page = WelcomePage::new(&visit, chrome, saved, start, resuming, offer);
    page.changes = changes;
    Ok(flash.shown(html(page.render())?))
}

pub(super) fn section_page(
    visit: &Visit,
    index: usize,
    req: &HttpRequest,
    errors: &[crate::survey::FieldError],
    form_answers: &crate::questionnaire::Answers,
) -> Result<SectionPage, WebError> {
    let q = &visit.questionnaire;
    let section = &q.sections()[index];
    let lang = &visit.language;
    let shown = visible_questions(q, section, form_answers);
    let words = review_words(lang);
    // After a change request a locked answer is shown as stored, whatever was sent.
    let locked = shown
        .iter()
        .filter(|question| visit.is_locked(question.id()))
        .map(|question| {
            let value = visit.answers.get(question.id()).map_or_else(
                || chrome_ui(lang).not_answered.to_owned(),
                |a| display_answer(question, a, lang),
            );
            (question.id().to_owned(), value)
        })
        .collect();
    let notes = shown
        .iter()
        .filter_map(|question| {
            let note = visit.review.by_question.get(question.id())?;
            let view = NoteView {
                comment: comment_text(words, &note.comment),
                reply: note.reply.clone(),
                open: note.please_change && !visit.is_locked(question.id()),
            };
            Some((question.id().to_owned(), view))
        })
        .collect();
    let evidence = shown
        .iter()
        // A locked question's evidence cannot change: no button to it from here.
        .filter(|question| !visit.is_locked(question.id()))
        // Evidence stays with the contact: a colleague's page has no evidence buttons.
        .filter(|_| visit.delegation.is_none())
        .map(|question| {
            let (notes, files) = visit
                .evidence
                .get(question.id())
                .copied()
                .unwrap_or_default();
            let link = evidence_link(visit, notes, files);
            (question.id().to_owned(), link)
        })
        .collect();
    let questions = shown
        .into_iter()
        .map(|question| {
            let error = errors.iter().find(|e| e.question_id == question.id());
            question_view(question, form_answers.get(question.id()), error, lang)
        })
        .collect();
    let errors = errors
        .iter()
        .map(|e| FieldProblem {
            anchor: error_anchor(q, &e.question_id),
            label: Some(
                q.question(&e.question_id)
                    .map_or(e.question_id.clone(), |x| x.text().get(lang).to_owned()),
            ),
            message: e.message(lang),
        })
        .collect();
    let page = format!("s/{}", index + 1);
    Ok(SectionPage {
        chrome: chrome(visit, &page, &csrf_value(req)),
        number: index + 1,
        total: q.sections().len(),
        section_title: section.title().get(lang).to_owned(),
        intro: section.intro().map(|i| i.get(lang).to_owned()),
        action: visit.path(&page),
        questions,
        errors,
        not_saved: false,
        preview: None,
        evidence,
        locked,
        notes,
        review_words: words,
        reply_max: COMMENT_MAX_CHARS,
    })
}

/// The 0-based section of `/s/{n}`, if it exists and this visit may open it (a
/// colleague only their delegated sections).
pub(super) fn section_index(visit: &Visit, n: usize) -> Option<usize> {
    let index = n.checked_sub(1)?;
    visit.open_sections().contains(&index).then_some(index)
}

/// `GET /r/{token}/s/{n}`
pub async fn show_section(
    path: web::Path<(String, usize)>,
    opened: Opened,
) -> Result<HttpResponse, WebError> {
    let (_, n) = path.into_inner();
    opened.page(Phase::Answering, |visit, req| {
        let Some(index) = section_index(&visit, n) else {
            return Ok(not_found(req));
        };
        html(section_page(&visit, index, req, &[], &visit.answers)?.render())
    })
}

/// `GET /r/{token}/review`
pub async fn show_review(opened: Opened) -> Result<HttpResponse, WebError> {
    opened.page(Phase::Answering, |visit, req| {
        let resume = first_unanswered_section(&visit.questionnaire, &visit.answers)
            .map_or(visit.path("review"), |i| {
                visit.path(&format!("s/{}", i + 1))
            });
        let complete =
            visit.response.is_some() && is_complete(&visit.questionnaire, &visit.answers);
        html(
            ReviewPage {
                chrome: chrome(&visit, "review", &csrf_value(req)),
                sections: review_sections(&visit),
                complete,
                action: visit.path("submit"),
                resume_href: resume,
                changes: changes_requested(&visit),
            }
            .render(),
        )
    })
}

/// `GET /r/{token}/result`
pub async fn show_result(
    flash: Flash,
    opened: Opened,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (visit, req) = match opened.into_phase(Phase::Submitted) {
        Ok(opened) => opened,
        Err(answer) => return Ok(*answer),
    };
    let benchmark = peers::load(&state, &visit).await?;
    let q = &visit.questionnaire;
    let assessment = assess(q, q.default_tier_table(), &visit.answers);
    let spokes = peers::standings(&benchmark, &RadarScores::of(q.model(), &assessment));
    let chrome = chrome(&visit, "result", &csrf_value(&req));
    let submitted = flash.notice() == Some(&Notice::Submitted);
    let since = round_change::since(&state, &visit, &assessment, chrome.ui.not_yet_basic).await?;
    let (peer_consent, comparison) = super::peer_consent::peer_parts(&state, &visit).await?;
    let mapped = super::mapped_view::mapped_part(&state, &visit).await?;
    let sharing = super::gap_sharing::sharing_part(&state, &visit).await?;
    let mut page = ResultPage::new(&visit, chrome, &assessment, &spokes, submitted);
    page.mapped = mapped;
    page.sharing = sharing;
    page.since = since;
    page.peer_consent = peer_consent;
    page.comparison = comparison;
    Ok(flash.shown(html(page.render())?))
}

/// `GET /r/{token}/radar.png`
pub async fn show_radar(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let visit = match load_submitted(&state, token.into_inner(), &req).await? {
        Ok(visit) => visit,
        Err(refused) => return Ok(refused),
    };
    let benchmark = peers::load(&state, &visit).await?;
    let png = web::block(move || super::radar::radar_for(&visit, &benchmark))
        .await
        .map_err(WebError::internal)??;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "image/png"))
        .body(png))
}
