//! Peer review's pages: the peer reviewer's own (`/peer…`, only for a peer's session), the
//! admins' page of peer reviewers (`/admin/peer-reviewers…`), and the pieces the result
//! page and the analyst's response page share (the levels side by side, the words).

mod admin;
mod review;
pub(in crate::web) mod table;
pub(crate) mod words;

pub(in crate::web) use review::form_errors as level_form_errors;

use actix_web::web;

/// Registers the pages.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/peer").get(review::show_peer_home))
        .service(
            web::resource("/peer/responses/{response_id}")
                .get(review::show_peer_response)
                .post(review::save_peer_levels),
        )
        .service(
            web::resource("/peer/responses/{response_id}/evidence/{file_id}")
                .get(review::download_peer_evidence),
        )
        .service(
            web::resource("/admin/peer-reviewers")
                .get(admin::show_peer_reviewers)
                .post(admin::create_peer_reviewer),
        )
        .service(web::resource("/admin/peer-reviewers/give").post(admin::give_response));
}
