//! The responses of a campaign for admins and its assigned analysts: the list with its
//! filters a page at a time ([`list`]), one response opened ([`detail`]), its radar and its
//! evidence files.
//! Everyone else gets the 404 of a campaign that does not exist; a response of another
//! campaign, that of a response that does not exist.

mod detail;
mod list;
mod peer_part;
mod review_form;

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDateTime;

use crate::questionnaire::{Model, Questionnaire};
use crate::reports::dimension_label;
use crate::scoring::Assessment;
use crate::web::access::PageCampaign;
use crate::web::i18n::ui;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, html, html_with_status};
use crate::web::response_reading::{self as reading, EvidenceSegment, ListQuery, ResponseSegment};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError, with_conn};

/// Registers the pages.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/campaigns/{id}/responses").get(list_responses))
        .service(web::resource("/campaigns/{id}/responses/{response_id}").get(show_response))
        .service(
            web::resource("/campaigns/{id}/responses/{response_id}/review")
                .post(review_form::review_response),
        )
        .service(web::resource("/campaigns/{id}/responses/{response_id}/radar.png").get(show_radar))
        .service(
            web::resource("/campaigns/{id}/responses/{response_id}/agreed-levels")
                .post(peer_part::save_agreed_levels),
        )
        .service(
            web::resource("/campaigns/{id}/responses/{response_id}/evidence/{file_id}")
                .get(download_evidence),
        );
}

/// `GET /campaigns/{id}/responses`: a page of the list, filtered by the form's fields; a
/// field not understood is shown beside it (400), with no rows; a page past the last
/// says so and links to the last (404).
pub async fn list_responses(
    access: PageCampaign,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, WebError> {
    let asked = query.read();
    let listed = reading::list(&state, &access, asked.clone().ok()).await?;
    let chrome = Chrome::analyst(csrf.value(), Some(access.analyst()));
    match asked {
        Ok(asked) => {
            let page = list::ListPage::new(chrome, listed, &query, Some(&asked), FormErrors::new());
            let status = if page.is_past_end() {
                StatusCode::NOT_FOUND
            } else {
                StatusCode::OK
            };
            html_with_status(page.render(), status)
        }
        Err(mut problems) => {
            // The page number has no field of its own (the form starts at the first page).
            for problem in problems
                .iter_mut()
                .filter(|p| p.field.as_deref() == Some("page"))
            {
                problem.field = None;
            }
            let errors = FormErrors::from_domain(&problems, "filter-form");
            let page = list::ListPage::new(chrome, listed, &query, None, errors);
            html_with_status(page.render(), StatusCode::BAD_REQUEST)
        }
    }
}

/// `GET /campaigns/{id}/responses/{response_id}`: one response, opened (audited).
pub async fn show_response(
    access: PageCampaign,
    csrf: CsrfToken,
    flash: crate::web::pages::notice::Flash,
    state: web::Data<AppState>,
    path: web::Path<ResponseSegment>,
) -> Result<HttpResponse, WebError> {
    let (details, opened) = reading::open(&state, &access, path.response_id).await?;
    let reviewer = reading::reviews(&state, &access).await?;
    let chrome = Chrome::analyst(csrf.value(), Some(access.analyst()));
    let mut page = detail::DetailPage::new(chrome, &details, &opened, reviewer);
    page.notice = review_form::reviewed_notice(&flash);
    let (q, answers) = (opened.questionnaire.clone(), opened.view.answers.clone());
    let (response, campaign, analyst) = (
        path.response_id.get(),
        access.id().get(),
        access.analyst().id(),
    );
    page.peer = Some(
        with_conn(&state, move |conn| {
            let of = peer_part::Of {
                response,
                campaign,
                analyst,
            };
            peer_part::load(conn, (&q, &answers), &of, None, FormErrors::new())
        })
        .await?,
    );
    Ok(flash.shown(html(page.render())?))
}

/// `GET /campaigns/{id}/responses/{response_id}/radar.png`
pub async fn show_radar(
    access: PageCampaign,
    state: web::Data<AppState>,
    path: web::Path<ResponseSegment>,
) -> Result<HttpResponse, WebError> {
    let png = reading::radar(&state, &access, path.response_id).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "image/png"))
        .body(png))
}

/// `GET /campaigns/{id}/responses/{response_id}/evidence/{file_id}`: one evidence file, as
/// an attachment (audited).
pub async fn download_evidence(
    access: PageCampaign,
    state: web::Data<AppState>,
    path: web::Path<EvidenceSegment>,
) -> Result<HttpResponse, WebError> {
    let file = reading::evidence_file(&state, &access, path.response_id, path.file_id).await?;
    Ok(crate::web::evidence_files::attachment(file))
}

/// "2026-03-01 14:05 UTC": storage keeps UTC without a zone.
fn when(at: NaiveDateTime) -> String {
    format!("{} UTC", at.format("%Y-%m-%d %H:%M"))
}

/// A list's one-cell summary of an assessment: the tier reached (maturity) or each
/// dimension's score (cooperation).
fn scores_summary(q: &Questionnaire, a: &Assessment) -> String {
    if q.model() == Model::Cooperation {
        let parts: Vec<String> = a
            .dimensions
            .iter()
            .map(|d| {
                let value = d
                    .score
                    .map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"));
                format!("{} {value}", dimension_label(d.dimension, "en"))
            })
            .collect();
        return parts.join("; ");
    }
    match &a.tier {
        Some(t) => match t.reached {
            Some(id) => crate::responses::reading::tier_name(q, id, "en"),
            None => ui("en").not_yet_basic.to_owned(),
        },
        None => "–".to_owned(),
    }
}
