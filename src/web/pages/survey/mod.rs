//! The respondent's pages under `/r/{token}`. A token opens one response and nothing else;
//! an unknown, revoked or closed one gets the same 404 page. Analysts preview any loaded
//! questionnaire through the same section page under `/questionnaires/{id}/preview`.

mod answering;
mod answers_csv;
mod body;
mod controls;
mod csrf;
mod delegate;
pub(crate) mod delegation_words;
mod delegations;
mod duties_view;
mod evidence;
mod evidence_files;
mod evidence_view;
pub(crate) mod evidence_words;
pub(crate) mod gap_sharing;
pub(crate) mod mapped_view;
mod next_round;
mod opened;
mod outcome;
mod pages;
mod peer_consent;
mod peers;
mod preview;
mod radar;
mod result_forms;
mod review_save;
mod review_view;
pub(crate) mod review_words;
mod round_change;
pub(crate) mod round_words;
mod views;
mod visit;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::storage::PooledConn;
use crate::web::pages::layout::Chrome;
use crate::web::pages::layout::{html, html_with_status};
use crate::web::security::{RateLimits, rate_limited};
use crate::web::{AppState, WebError, with_conn, with_conn_kept};
use visit::Visit;

pub use evidence::UPLOAD_ROUTE as EVIDENCE_UPLOAD_ROUTE;

/// Registers the respondent routes, one resource per path (a wrong method gets 405), in
/// a scope wrapped in the respondent rate limit so that no spelling of a path the router
/// accepts escapes it.
pub fn routes(cfg: &mut web::ServiceConfig, limits: &RateLimits) {
    cfg.service(
        web::scope("/r/{token}")
            .wrap(rate_limited(&limits.respondent))
            .service(web::resource("").get(pages::show_welcome))
            .service(web::resource("/start").post(next_round::start_round))
            .service(web::resource("/carried").get(next_round::show_carried))
            .service(
                web::resource("/s/{n}")
                    .get(pages::show_section)
                    .post(answering::save_section),
            )
            .service(
                web::resource("/delegations")
                    .get(delegations::show_delegations)
                    .post(delegations::create_delegation),
            )
            .service(
                web::resource("/delegations/{id}/take-back")
                    .post(delegations::take_back_delegation),
            )
            .service(web::resource("/review").get(pages::show_review))
            .service(web::resource("/submit").post(answering::submit_response))
            .service(web::resource("/result").get(pages::show_result))
            .service(web::resource("/peer-consent").post(peer_consent::give_peer_consent))
            .service(
                web::resource("/peer-consent/withdraw").post(peer_consent::withdraw_peer_consent),
            )
            .service(web::resource("/gap-consent").post(gap_sharing::give_gap_consent))
            .service(web::resource("/gap-consent/withdraw").post(gap_sharing::withdraw_gap_consent))
            .service(web::resource("/radar.png").get(pages::show_radar))
            .service(web::resource("/answers.csv").get(answers_csv::download_answers))
            .service(
                web::resource("/evidence/{question}")
                    .get(evidence::show_evidence)
                    .post(evidence::save_evidence),
            )
            .service(
                web::resource("/evidence/{question}/files/{file}")
                    .get(evidence_files::download_evidence_file),
            )
            .service(
                web::resource("/evidence/{question}/files/{file}/remove")
                    .post(evidence_files::remove_evidence_file),
            ),
    )
    // A colleague's link: only the delegated sections, and no review or submit.
    .service(
        web::scope("/d/{token}")
            .app_data(LinkKind::Delegate)
            .wrap(rate_limited(&limits.respondent))
            .service(web::resource("").get(delegate::show_delegate_welcome))
            .service(
                web::resource("/s/{n}")
                    .get(pages::show_section)
                    .post(answering::save_section),
            )
            .service(web::resource("/done").post(delegate::finish_delegation)),
    )
    // Previews are for logged-in analysts, not respondents: outside the respondent limit.
    .service(web::resource("/questionnaires/{id}/preview").get(preview::show_overview))
    .service(web::resource("/questionnaires/{id}/preview/s/{n}").get(preview::show_section));
}

#[derive(Template)]
#[template(path = "survey/already.html", config = "assets/askama.toml")]
struct AlreadyPage {
    chrome: Chrome,
    result_href: String,
}

/// Whose link a scope's `{token}` is: the contact's (`/r/`, the default) or a colleague's
/// (`/d/`), set as the scope's app data so the shared handlers load the right visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LinkKind {
    Delegate,
}

/// Loads the visit the token of `req`'s scope opens: a colleague's under `/d/`, the
/// contact's otherwise.
async fn load_for(
    state: &web::Data<AppState>,
    req: &HttpRequest,
    token: String,
    language: Option<String>,
) -> Result<Option<Visit>, WebError> {
    if req.app_data::<LinkKind>() != Some(&LinkKind::Delegate) {
        return load(state, token, language).await;
    }
    let catalogue = state.catalogue.clone();
    with_conn(state, move |conn| {
        Ok(Visit::load_delegated(
            conn,
            &catalogue,
            &token,
            language.as_deref(),
        )?)
    })
    .await
}

/// [`load_for`] in no language but the visit's own, for a page that is saved next: with
/// the connection it read on, on PostgreSQL, for the save to run on (see
/// `with_conn_kept`).
async fn load_for_save(
    state: &web::Data<AppState>,
    req: &HttpRequest,
    token: String,
) -> Result<(Option<Visit>, Option<PooledConn>), WebError> {
    let catalogue = state.catalogue.clone();
    let delegated = req.app_data::<LinkKind>() == Some(&LinkKind::Delegate);
    with_conn_kept(state, move |conn| {
        let visit = if delegated {
            Visit::load_delegated(conn, &catalogue, &token, None)?
        } else {
            Visit::load(conn, &catalogue, &token, None)?
        };
        Ok(visit)
    })
    .await
}

/// Loads the visit a token opens, off the async executor.
async fn load(
    state: &web::Data<AppState>,
    token: String,
    language: Option<String>,
) -> Result<Option<Visit>, WebError> {
    let catalogue = state.catalogue.clone();
    with_conn(state, move |conn| {
        Ok(Visit::load(conn, &catalogue, &token, language.as_deref())?)
    })
    .await
}

/// The visit of a response handed in at least once (also one sent back for changes);
/// for any other token (unknown, revoked, closed, or not submitted yet) the one 404
/// page, so downloads of a result say nothing more.
async fn load_submitted(
    state: &web::Data<AppState>,
    token: String,
    req: &HttpRequest,
) -> Result<Result<Visit, HttpResponse>, WebError> {
    Ok(match load(state, token, None).await? {
        Some(visit) if visit.was_submitted() => Ok(visit),
        _ => Err(not_found(req)),
    })
}

/// After a POST, or to send a visitor where they belong.
fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location))
        .finish()
}

/// The one page for every token that opens nothing.
fn not_found(req: &HttpRequest) -> HttpResponse {
    crate::web::security::not_found_page(crate::web::security::browser_language(req))
}
