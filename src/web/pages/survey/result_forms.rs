//! The small forms of the result page (consent to a peer review, sharing with
//! counterparts): each changes something about the handed-in response and returns to
//! the result page, which shows where things stand.

use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, web};

use super::{load_submitted, see_other};
use crate::questionnaire::Questionnaire;
use crate::storage::DbConn;
use crate::web::{AppState, WebError, with_conn};

/// What a result page's form acts on: the questionnaire, the response and the link.
pub(super) struct Handed {
    pub questionnaire: Arc<Questionnaire>,
    pub response: i64,
    pub invitation: i64,
}

/// Runs `work` on the handed-in response of the link `token`, then sends the visitor back
/// to the result page; a link without a handed-in response gets what `load_submitted`
/// answers.
pub(super) async fn on_handed_in<F>(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: String,
    work: F,
) -> Result<HttpResponse, WebError>
where
    F: FnOnce(&mut DbConn, &Handed) -> Result<(), WebError> + Send + 'static,
{
    let visit = match load_submitted(&state, token, &req).await? {
        Ok(visit) => visit,
        Err(refused) => return Ok(refused),
    };
    let Some(response) = visit.response.as_ref().map(|r| r.id) else {
        return Ok(see_other(&visit.path("result")));
    };
    let handed = Handed {
        questionnaire: visit.questionnaire.clone(),
        response,
        invitation: visit.open.invitation.id,
    };
    with_conn(&state, move |conn| work(conn, &handed)).await?;
    Ok(see_other(&visit.path("result")))
}
