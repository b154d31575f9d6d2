//! The colleague's pages under `/d/{token}`: a welcome listing only their sections, and
//! "I have finished", which ends the delegation and with it the link. Their section pages
//! are the respondent's own (`pages::show_section`, `answering::save_section`), which open
//! only the delegated sections of a colleague's visit.

use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::storage;
use crate::web::pages::layout::Chrome;
use crate::web::pages::notice::{Flash, Notice};
use crate::web::{AppState, WebError, with_conn};

use super::csrf::csrf_value;
use super::delegation_words::{DelegationWords, delegation_words};
use super::opened::{Opened, Phase};
use super::views::chrome;
use super::{html, load_for, not_found};

/// One of the colleague's sections, as their welcome page lists it.
pub struct OwnSection {
    pub number: usize,
    pub title: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "survey/delegate.html", config = "assets/askama.toml")]
pub struct DelegateWelcomePage {
    pub chrome: Chrome,
    pub words: &'static DelegationWords,
    pub title: String,
    pub organisation: String,
    pub saved: bool,
    pub sections: Vec<OwnSection>,
    pub done_action: String,
}

#[derive(Template)]
#[template(path = "survey/delegate_done.html", config = "assets/askama.toml")]
pub struct DelegateDonePage {
    pub chrome: Chrome,
    pub words: &'static DelegationWords,
}

/// `GET /d/{token}`
pub async fn show_delegate_welcome(flash: Flash, opened: Opened) -> Result<HttpResponse, WebError> {
    let (visit, req) = match opened.into_phase(Phase::Answering) {
        Ok(opened) => opened,
        Err(answer) => return Ok(*answer),
    };
    let q = &visit.questionnaire;
    let lang = &visit.language;
    let sections = visit
        .open_sections()
        .into_iter()
        .map(|i| OwnSection {
            number: i + 1,
            title: q.sections()[i].title().get(lang).to_owned(),
            href: visit.path(&format!("s/{}", i + 1)),
        })
        .collect();
    let page = DelegateWelcomePage {
        chrome: chrome(&visit, "", &csrf_value(&req)),
        words: delegation_words(lang),
        title: q.title().get(lang).to_owned(),
        organisation: visit.organisation.clone(),
        saved: flash.notice() == Some(&Notice::Saved),
        sections,
        done_action: visit.path("done"),
    };
    Ok(flash.shown(html(page.render())?))
}

/// `POST /d/{token}/done`: the colleague has finished; their link opens nothing from now.
pub async fn finish_delegation(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let Some(visit) = load_for(&state, &req, token.into_inner(), None).await? else {
        return Ok(not_found(&req));
    };
    let Some(delegation) = visit.delegation.clone() else {
        return Ok(not_found(&req));
    };
    let finished = with_conn(&state, move |conn| {
        Ok(crate::delegations::finish(
            conn,
            &delegation,
            storage::now(),
        )?)
    })
    .await?;
    if !finished {
        return Ok(not_found(&req));
    }
    let page = DelegateDonePage {
        chrome: chrome(&visit, "", ""),
        words: delegation_words(&visit.language),
    };
    html(page.render())
}
