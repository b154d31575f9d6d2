//! The next round on the respondent's pages: the offer on the welcome page to start from
//! the organisation's last submitted answers, taking it (`POST /r/{token}/start`, only
//! while nothing is saved), the page listing what needs a fresh answer
//! (`GET /r/{token}/carried`). The change since, on the result page, is `round_change`'s.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::ids::ResponseId;
use crate::responses::{self, Carried, ResponseError};
use crate::rounds::{self, EarlierRound, Fresh};
use crate::storage;
use crate::survey::first_unanswered_section;
use crate::web::pages::layout::Chrome;
use crate::web::{AppState, WebError, with_conn};

use super::body::read_form;
use super::csrf::csrf_value;
use super::opened::{Opened, Phase};
use super::round_words::{RoundWords, round_words};
use super::views::chrome;
use super::visit::Visit;
use super::{html, html_with_status, load, not_found, see_other};

/// The offer the welcome page shows.
pub struct OfferView {
    pub action: String,
    pub campaign: String,
    pub submitted_on: String,
    pub words: &'static RoundWords,
}

/// The response the visit's organisation submitted in the nearest earlier round, when the
/// campaign follows one.
pub(super) async fn earlier(
    state: &web::Data<AppState>,
    visit: &Visit,
) -> Result<Option<EarlierRound>, WebError> {
    let campaign = &visit.open.campaign.campaign;
    if campaign.follows_id.is_none() {
        return Ok(None);
    }
    let (id, organisation) = (campaign.id, visit.open.participant.organisation_id);
    let questionnaire = visit.questionnaire.id().to_owned();
    let catalogue = state.catalogue.clone();
    with_conn(state, move |conn| {
        Ok(rounds::earlier_round(
            conn,
            &catalogue,
            id,
            organisation,
            &questionnaire,
        )?)
    })
    .await
}

/// The offer to start from the earlier round's answers: only for a response with none
/// saved yet, of an organisation that submitted in an earlier round.
pub(super) async fn offer(
    state: &web::Data<AppState>,
    visit: &Visit,
) -> Result<Option<OfferView>, WebError> {
    if !visit.answers.is_empty() || !visit.is_editable() {
        return Ok(None);
    }
    Ok(earlier(state, visit).await?.map(|e| OfferView {
        action: visit.path("start"),
        campaign: e.campaign.campaign.name,
        submitted_on: e
            .response
            .submitted_at
            .map_or_else(String::new, |at| at.date().to_string()),
        words: round_words(&visit.language),
    }))
}

/// Where answering begins or resumes.
fn start_href(visit: &Visit) -> String {
    match first_unanswered_section(&visit.questionnaire, &visit.answers) {
        Some(index) => visit.path(&format!("s/{}", index + 1)),
        None => visit.path("review"),
    }
}

/// `POST /r/{token}/start`: `from=earlier` writes the answers that come along as the
/// response's first and shows what needs a fresh answer; `from=scratch` starts empty.
/// `with_files` brings the evidence files along too.
pub async fn start_round(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, WebError> {
    let form = read_form(&body);
    let field = |name: &str| {
        form.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    };
    let Some(visit) = load(&state, token.into_inner(), None).await? else {
        return Ok(not_found(&req));
    };
    if !visit.is_editable() {
        return Ok(see_other(&visit.path("result")));
    }
    if field("from").as_deref() != Some("earlier") {
        return Ok(see_other(&start_href(&visit)));
    }
    let Some(earlier) = earlier(&state, &visit).await? else {
        return Ok(see_other(&visit.path("")));
    };
    let with_files = field("with_files").is_some();
    let plan = rounds::plan(
        &earlier.questionnaire,
        &visit.questionnaire,
        &earlier.answers,
    );
    let from = ResponseId(earlier.response.id);
    let (visit, carried) = with_conn(&state, move |conn| {
        let at = storage::now();
        let who = visit.respondent();
        let carried = responses::carry_answers(
            conn,
            &who,
            from,
            &plan.answers,
            with_files,
            visit.actor(),
            at,
        );
        Ok((visit, carried))
    })
    .await?;
    match carried {
        Ok(Carried::Written(_)) => Ok(see_other(&visit.path("carried"))),
        Ok(Carried::AlreadyAnswered) => {
            let page = CarriedPage::refused(&visit, &req);
            html_with_status(page.render(), StatusCode::CONFLICT)
        }
        Err(ResponseError::NotEditable { .. }) => Ok(see_other(&visit.path("result"))),
        Err(e) => Err(e.into()),
    }
}

/// One earlier answer left behind, as the carried page lists it.
pub struct FreshView {
    pub question_id: String,
    pub text: String,
    pub why: &'static str,
    /// The section that asks it now; none for a removed question.
    pub href: Option<String>,
}

#[derive(Template)]
#[template(path = "survey/carried.html", config = "assets/askama.toml")]
pub struct CarriedPage {
    pub chrome: Chrome,
    pub words: &'static RoundWords,
    /// `None` when nothing was brought over because answering had begun.
    pub carried: Option<usize>,
    pub campaign: String,
    pub fresh: Vec<FreshView>,
    pub next_href: String,
}

impl CarriedPage {
    fn refused(visit: &Visit, req: &HttpRequest) -> CarriedPage {
        CarriedPage {
            chrome: chrome(visit, "", &csrf_value(req)),
            words: round_words(&visit.language),
            carried: None,
            campaign: String::new(),
            fresh: Vec::new(),
            next_href: start_href(visit),
        }
    }
}

/// `GET /r/{token}/carried`: what came along from the earlier round, and which questions
/// need a fresh answer, each with a link to its section.
pub async fn show_carried(
    opened: Opened,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (visit, req) = match opened.into_phase(Phase::Answering) {
        Ok(opened) => opened,
        Err(answer) => return Ok(*answer),
    };
    let Some(earlier) = earlier(&state, &visit).await? else {
        return Ok(see_other(&visit.path("")));
    };
    let plan = rounds::plan(
        &earlier.questionnaire,
        &visit.questionnaire,
        &earlier.answers,
    );
    let lang = visit.language.as_str();
    let words = round_words(lang);
    let q = &visit.questionnaire;
    let fresh = plan
        .fresh
        .iter()
        .map(|f| {
            let asked = q.question(&f.question_id);
            let text = asked
                .or_else(|| earlier.questionnaire.question(&f.question_id))
                .map_or_else(String::new, |x| x.text().get(lang).to_owned());
            let section = q
                .sections()
                .iter()
                .position(|s| s.questions().iter().any(|x| x.id() == f.question_id));
            FreshView {
                question_id: f.question_id.clone(),
                text,
                why: match f.why {
                    Fresh::Removed => words.removed,
                    Fresh::Changed => words.changed,
                },
                href: section.map(|i| visit.path(&format!("s/{}", i + 1))),
            }
        })
        .collect();
    let page = CarriedPage {
        chrome: chrome(&visit, "carried", &csrf_value(&req)),
        words,
        carried: Some(plan.answers.len()),
        campaign: earlier.campaign.campaign.name,
        fresh,
        next_href: start_href(&visit),
    };
    html(page.render())
}
