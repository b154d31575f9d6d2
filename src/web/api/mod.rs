//! The JSON API under `/api/v1`: its routes, handlers and OpenAPI document. Every answer,
//! errors included, is JSON.

mod analysts;
mod campaigns;
pub(super) mod json;
mod openapi;
mod peer_review;
mod questionnaires;
mod refusals;
mod reports;
mod responses;

use actix_web::middleware::from_fn;
use actix_web::web;

/// The JSON API under `/api/v1`: the public routes, then the ones that want an analyst's
/// token in a scope wrapped in [`auth::require_api_analyst`]. The token is checked there
/// before anything else runs, body parsing included, so a bad token always gets 401. Any
/// other path under `/api/v1` lands in that scope too, and gets 401 without a valid token.
pub(super) fn routes() -> actix_web::Scope {
    web::scope("/api/v1")
        .service(web::resource("/openapi.json").get(openapi::openapi_document))
        .service(web::resource("/questionnaires").get(questionnaires::list_questionnaires))
        .service(web::resource("/questionnaires/{id}").get(questionnaires::show_questionnaire))
        .service(
            web::scope("")
                .wrap(from_fn(super::auth::require_api_analyst))
                // A documented path asked with another method gets 405 and `Allow`, not 404.
                .default_service(web::to(openapi::unrouted))
                .configure(api_for_analysts),
        )
}

/// The API routes that want an analyst's token.
fn api_for_analysts(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/campaigns")
            .get(campaigns::list_campaigns)
            .post(campaigns::create_campaign),
    )
    .service(web::resource("/campaigns/{id}").get(campaigns::show_campaign))
    .service(web::resource("/campaigns/{id}/close").post(campaigns::close_campaign))
    .service(
        web::resource("/campaigns/{id}/participants")
            .get(campaigns::list_campaign_participants)
            .post(campaigns::import_participants),
    )
    .service(
        web::resource("/campaigns/{id}/invitations")
            .get(campaigns::list_invitations)
            .post(campaigns::send_invitations),
    )
    .service(web::resource("/campaigns/{id}/invitations/revoke").post(campaigns::revoke_invitation))
    .service(web::resource("/campaigns/{id}/reminders").post(campaigns::send_reminders))
    .service(
        web::resource("/campaigns/{id}/mail-texts")
            .get(campaigns::list_mail_texts)
            .put(campaigns::save_mail_texts),
    )
    .service(web::resource("/campaigns/{id}/mail-texts/preview").post(campaigns::preview_mail_text))
    .service(
        web::resource("/campaigns/{id}/reports")
            .get(reports::list_reports)
            .post(reports::build_reports),
    )
    // Before `{file}`, which would take these names for report files it does not know.
    .service(web::resource("/campaigns/{id}/reports/archive.zip").get(reports::download_archive))
    .service(web::resource("/campaigns/{id}/reports/workbook.xlsx").get(reports::download_workbook))
    .service(web::resource("/campaigns/{id}/reports/{file}").get(reports::download_report))
    .service(
        web::resource("/campaigns/{id}/reports/radars/{response_id}").get(reports::download_radar),
    )
    .service(web::resource("/campaigns/{id}/responses").get(responses::list_responses))
    .service(web::resource("/campaigns/{id}/responses/{response_id}").get(responses::show_response))
    .service(
        web::resource("/campaigns/{id}/responses/{response_id}/evidence/{file_id}")
            .get(responses::download_evidence),
    )
    .service(
        web::resource("/campaigns/{id}/responses/{response_id}/review")
            .post(responses::review_response),
    )
    .configure(accounts_api)
    .service(
        web::resource("/peer-reviewers")
            .get(peer_review::list_peer_reviewers)
            .post(peer_review::create_peer_reviewer),
    )
    .service(
        web::resource("/responses/{response_id}/peer-reviewers").post(peer_review::give_response),
    );
}

/// The accounts routes: admins' (`/analysts…`) and one's own tokens (`/tokens…`).
fn accounts_api(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/analysts")
            .get(analysts::list_analysts)
            .post(analysts::add_analyst),
    )
    .service(web::resource("/analysts/{id}").get(analysts::show_analyst))
    .service(web::resource("/analysts/{id}/disable").post(analysts::disable_analyst))
    .service(
        web::resource("/analysts/{id}/campaigns/{campaign_id}")
            .put(analysts::assign_campaign)
            .delete(analysts::unassign_campaign),
    )
    .service(
        web::resource("/analysts/{id}/campaigns/{campaign_id}/reviewer")
            .put(analysts::set_reviewer),
    )
    .service(web::resource("/analysts/{id}/may-create-campaigns").put(analysts::set_may_create))
    .service(web::resource("/analysts/{id}/password-link").post(analysts::send_password_link))
    .service(web::resource("/analysts/{id}/tokens").get(analysts::list_analyst_tokens))
    .service(
        web::resource("/analysts/{id}/tokens/{token_id}").delete(analysts::revoke_analyst_token),
    )
    .service(
        web::resource("/tokens")
            .get(analysts::list_own_tokens)
            .post(analysts::create_own_token),
    )
    .service(web::resource("/tokens/{token_id}").delete(analysts::revoke_own_token));
}
