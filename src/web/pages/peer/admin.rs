//! `/admin/peer-reviewers`: admins create peer-reviewer accounts and give a submitted,
//! consented response to one of them. Refusals (a peer of the team's own country, no
//! consent, a field not understood) come back beside their field, the form as typed (422).

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use crate::accounts::AccountError;
use crate::peer_review::{self, NewPeerReviewer, PeerReviewError};
use crate::responses::ResponseState;
use crate::storage::campaign_responses::placed;
use crate::storage::campaigns::get_campaign;
use crate::storage::peer_review as stored;
use crate::web::admin::PageAdmin;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, html, html_with_status};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError, with_conn};

/// One peer reviewer as the page lists it.
struct PeerLine {
    id: i64,
    email: String,
    country: String,
    organisation: String,
    responses: String,
}

/// A response that may be given to peers.
struct Offered {
    id: i64,
    label: String,
}

#[derive(Template)]
#[template(path = "peer/admin.html", config = "assets/askama.toml")]
struct AdminPage {
    chrome: Chrome,
    notice: Option<String>,
    peers: Vec<PeerLine>,
    offered: Vec<Offered>,
    errors: FormErrors,
    email: String,
    country: String,
    organisation: String,
    chosen_response: String,
    chosen_peer: String,
}

/// The create form's fields.
#[derive(Deserialize)]
pub struct CreateForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    organisation: String,
}

/// The give form's fields.
#[derive(Deserialize)]
pub struct GiveForm {
    #[serde(default)]
    response: String,
    #[serde(default)]
    peer: String,
}

/// `?done=created|given` after a change.
#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

/// `GET /admin/peer-reviewers`
pub async fn show_peer_reviewers(
    admin: PageAdmin,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    query: web::Query<DoneQuery>,
) -> Result<HttpResponse, WebError> {
    let mut page = page(&admin, &csrf, &state).await?;
    page.notice = match query.done.as_deref() {
        Some("created") => Some(
            "The peer reviewer was added; a mail with a link to choose a password is queued."
                .to_owned(),
        ),
        Some("given") => {
            Some("The response was given to the peer reviewer; a mail tells them.".to_owned())
        }
        _ => None,
    };
    html(page.render())
}

/// `POST /admin/peer-reviewers`: creates a peer-reviewer account.
pub async fn create_peer_reviewer(
    admin: PageAdmin,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    form: web::Form<CreateForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let (analyst, base_url) = (admin.analyst().clone(), state.settings.base_url.clone());
    let (email, country, organisation) = (
        form.email.trim().to_owned(),
        form.country.clone(),
        form.organisation.clone(),
    );
    let outcome = with_conn(&state, move |conn| {
        let new = NewPeerReviewer {
            email: &email,
            country: &country,
            organisation: &organisation,
        };
        match peer_review::create_peer_reviewer(conn, &analyst, &new, &base_url) {
            Ok(_) => Ok(None),
            Err(PeerReviewError::Fields(problems)) => Ok(Some(problems)),
            Err(PeerReviewError::Account(AccountError::DuplicateEmail(_))) => Ok(Some(vec![(
                "email".to_owned(),
                "An account with this e-mail address exists already.".to_owned(),
            )])),
            Err(PeerReviewError::Account(AccountError::InvalidEmail(_))) => Ok(Some(vec![(
                "email".to_owned(),
                "Enter an e-mail address such as name@example.org.".to_owned(),
            )])),
            Err(other) => Err(other.into()),
        }
    })
    .await?;
    let Some(problems) = outcome else {
        return Ok(see_other("/admin/peer-reviewers?done=created"));
    };
    let mut page = page(&admin, &csrf, &state).await?;
    for (field, message) in problems {
        page.errors.add(field, None, message);
    }
    page.email = form.email;
    page.country = form.country;
    page.organisation = form.organisation;
    html_with_status(page.render(), StatusCode::UNPROCESSABLE_ENTITY)
}

/// `POST /admin/peer-reviewers/give`: gives a response to a peer reviewer.
pub async fn give_response(
    admin: PageAdmin,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    form: web::Form<GiveForm>,
) -> Result<HttpResponse, WebError> {
    let form = form.into_inner();
    let mut errors = FormErrors::new();
    let response = form.response.trim().parse::<i64>().ok();
    let peer = form.peer.trim().parse::<i64>().ok();
    if response.is_none() {
        errors.add("response", None, "Choose the response to give.");
    }
    if peer.is_none() {
        errors.add("peer", None, "Choose the peer reviewer.");
    }
    if let (Some(response), Some(peer)) = (response, peer) {
        let (analyst, base_url) = (admin.analyst().clone(), state.settings.base_url.clone());
        let refusal = with_conn(&state, move |conn| {
            match peer_review::give_response(conn, &analyst, response, peer, &base_url) {
                Ok(_) => Ok(None),
                Err(e @ (PeerReviewError::SameCountry(_) | PeerReviewError::NotAPeer)) => {
                    Ok(Some(("peer", e.to_string())))
                }
                Err(
                    e @ (PeerReviewError::NoConsent
                    | PeerReviewError::NotSubmitted
                    | PeerReviewError::UnknownResponse(_)),
                ) => Ok(Some(("response", e.to_string()))),
                Err(other) => Err(other.into()),
            }
        })
        .await?;
        match refusal {
            None => return Ok(see_other("/admin/peer-reviewers?done=given")),
            Some((field, message)) => errors.add(field, None, upper_first(&message)),
        }
    }
    let mut page = page(&admin, &csrf, &state).await?;
    page.errors = errors;
    page.chosen_response = form.response;
    page.chosen_peer = form.peer;
    html_with_status(page.render(), StatusCode::UNPROCESSABLE_ENTITY)
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| {
        format!("{}{}.", c.to_uppercase(), chars.as_str())
    })
}

fn see_other(to: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((actix_web::http::header::LOCATION, to.to_owned()))
        .finish()
}

/// The page with empty forms.
async fn page(
    admin: &PageAdmin,
    csrf: &CsrfToken,
    state: &web::Data<AppState>,
) -> Result<AdminPage, WebError> {
    let (peers, offered) = with_conn(state, |conn| {
        let mut peers = Vec::new();
        for (peer, email) in stored::list_peer_reviewers(conn)? {
            let given = stored::responses_of_peer(conn, peer.analyst_id)?;
            peers.push(PeerLine {
                id: peer.analyst_id,
                email,
                country: peer.country,
                organisation: peer.organisation,
                responses: if given.is_empty() {
                    "none".to_owned()
                } else {
                    given
                        .iter()
                        .map(|id| format!("response {id}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            });
        }
        let mut offered = Vec::new();
        for id in stored::consented_responses(conn)? {
            let Some(p) = placed(conn, id)? else { continue };
            if p.response.state.is_editable() || p.response.state == ResponseState::Draft {
                continue;
            }
            let campaign = get_campaign(conn, p.campaign_id)?.campaign.name;
            offered.push(Offered {
                id,
                label: format!(
                    "{} ({}), {campaign}, response {id}",
                    p.organisation, p.country
                ),
            });
        }
        Ok((peers, offered))
    })
    .await?;
    Ok(AdminPage {
        chrome: Chrome::analyst(csrf.value(), Some(admin.analyst())),
        notice: None,
        peers,
        offered,
        errors: FormErrors::new(),
        email: String::new(),
        country: String::new(),
        organisation: String::new(),
        chosen_response: String::new(),
        chosen_peer: String::new(),
    })
}
