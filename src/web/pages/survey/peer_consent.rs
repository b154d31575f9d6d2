//! Peer review on the respondent's result page: the team's consent (given, or taken back
//! while no peer has the response) and, once peers recorded levels, the levels side by side.

use actix_web::{HttpRequest, HttpResponse, web};

use super::result_forms::on_handed_in;
use super::visit::Visit;
use crate::peer_review::{self, PeerReviewError};
use crate::scoring::level_parameters;
use crate::storage::peer_review as stored;
use crate::web::pages::peer::table::ComparisonView;
use crate::web::pages::peer::words::{PeerWords, peer_words};
use crate::web::{AppState, WebError, with_conn};

/// The consent part of the result page.
pub struct ConsentView {
    pub words: &'static PeerWords,
    pub given: bool,
    /// Whether a peer has the response, so the consent stays.
    pub in_use: bool,
    pub give_action: String,
    pub withdraw_action: String,
}

/// The consent part and the comparison of `visit`'s submitted response; nothing for a
/// questionnaire without level parameters.
pub(super) async fn peer_parts(
    state: &web::Data<AppState>,
    visit: &Visit,
) -> Result<(Option<ConsentView>, Option<ComparisonView>), WebError> {
    let Some(response) = visit.response.as_ref().map(|r| r.id) else {
        return Ok((None, None));
    };
    if level_parameters(&visit.questionnaire).next().is_none() {
        return Ok((None, None));
    }
    let (q, answers) = (visit.questionnaire.clone(), visit.answers.clone());
    let (given, in_use, comparison) = with_conn(state, move |conn| {
        let given = peer_review::has_consent(conn, response)?;
        let in_use = !stored::assignments_of_response(conn, response)?.is_empty();
        let comparison = peer_review::comparison_of(conn, &q, &answers, response)?;
        Ok((given, in_use, comparison))
    })
    .await?;
    let language = visit.language.as_str();
    let consent = ConsentView {
        words: peer_words(language),
        given,
        in_use,
        give_action: visit.path("peer-consent"),
        withdraw_action: visit.path("peer-consent/withdraw"),
    };
    let comparison = comparison.map(|c| ComparisonView::new(&visit.questionnaire, &c, language));
    Ok((Some(consent), comparison))
}

/// `POST /r/{token}/peer-consent`: the team agrees that peers may see its answers and
/// evidence; back to the result page.
pub async fn give_peer_consent(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    _body: web::Bytes,
) -> Result<HttpResponse, WebError> {
    on_handed_in(req, state, token.into_inner(), |conn, handed| {
        shown(peer_review::give_consent(
            conn,
            handed.response,
            handed.invitation,
        ))
    })
    .await
}

/// `POST /r/{token}/peer-consent/withdraw`: the team takes its consent back; refused (the
/// page says so) once a peer has the response.
pub async fn withdraw_peer_consent(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    _body: web::Bytes,
) -> Result<HttpResponse, WebError> {
    on_handed_in(req, state, token.into_inner(), |conn, handed| {
        shown(peer_review::withdraw_consent(
            conn,
            handed.response,
            handed.invitation,
        ))
    })
    .await
}

/// A change of consent as the result page takes it: a refusal the page explains (the
/// consent in use, a response not submitted) is no error.
fn shown(done: Result<(), PeerReviewError>) -> Result<(), WebError> {
    match done {
        Ok(()) | Err(PeerReviewError::ConsentInUse | PeerReviewError::NotSubmitted) => Ok(()),
        Err(other) => Err(other.into()),
    }
}
