//! The contact's page `/r/{token}/delegations`: hand chosen sections to a colleague (one
//! mail with their own link), see who answers what and how far they are, take sections
//! back. Refusals come back on the same page, beside the field, with what was typed.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use askama::Template;

use crate::delegations::{self, Contact, DelegationError, Refusal, Request, Standing};
use crate::storage::{self, delegations as stored};
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::Chrome;
use crate::web::{AppState, WebError, with_conn};

use super::body::read_form;
use super::csrf::csrf_value;
use super::delegation_words::{DelegationWords, delegation_words};
use super::opened::{Opened, Phase};
use super::views::chrome;
use super::visit::Visit;
use super::{html_with_status, load, not_found, see_other};

/// One section as the form offers it.
pub struct SectionChoice {
    pub number: usize,
    pub title: String,
    pub checked: bool,
    /// Who holds it now, if an open delegation does.
    pub held_by: Option<String>,
}

/// One delegation as the table lists it.
pub struct DelegationRow {
    pub id: i64,
    pub who: String,
    pub sections: String,
    pub state: &'static str,
    pub open: bool,
    pub take_back: String,
}

#[derive(Template)]
#[template(path = "survey/delegations.html", config = "assets/askama.toml")]
pub struct DelegationsPage {
    pub chrome: Chrome,
    pub words: &'static DelegationWords,
    pub action: String,
    pub back: String,
    pub email: String,
    pub name: String,
    pub sections: Vec<SectionChoice>,
    pub rows: Vec<DelegationRow>,
    pub errors: FormErrors,
}

/// The answer to the form once the response was submitted: why nothing was handed out,
/// and the way to the result (409, like a section saved after the submit).
#[derive(Template)]
#[template(path = "survey/delegations_closed.html", config = "assets/askama.toml")]
pub struct DelegationsClosedPage {
    pub chrome: Chrome,
    pub words: &'static DelegationWords,
    pub result_href: String,
}

/// The closed page for `visit`.
fn closed(visit: &Visit, csrf: &str) -> Result<HttpResponse, WebError> {
    let page = DelegationsClosedPage {
        chrome: chrome(visit, "delegations", csrf),
        words: delegation_words(&visit.language),
        result_href: visit.path("result"),
    };
    html_with_status(page.render(), StatusCode::CONFLICT)
}

impl DelegationsPage {
    fn error_for(&self, anchor: &str) -> Option<&str> {
        self.errors.message_for(anchor)
    }
}

/// What the form sent.
#[derive(Default)]
struct Typed {
    email: String,
    name: String,
    sections: Vec<usize>,
}

/// Builds the page for `visit`, with what was typed and the problems found.
fn page(
    conn: &mut storage::DbConn,
    visit: &Visit,
    csrf: &str,
    typed: &Typed,
    errors: FormErrors,
) -> Result<DelegationsPage, WebError> {
    let invitation = visit.open.invitation.id;
    let list = stored::list_for_invitation(conn, invitation)?;
    let answered = stored::answered(conn, invitation)?;
    let q = &visit.questionnaire;
    let lang = &visit.language;
    let words = delegation_words(lang);
    let held = delegations::held_sections(&list, q);
    let who = |d: &stored::Delegation| {
        d.email
            .clone()
            .or_else(|| d.name.clone())
            .unwrap_or_else(|| "—".to_owned())
    };
    let sections = q
        .sections()
        .iter()
        .enumerate()
        .map(|(i, s)| SectionChoice {
            number: i + 1,
            title: s.title().get(lang).to_owned(),
            checked: typed.sections.contains(&(i + 1)),
            held_by: held
                .iter()
                .find(|(h, _)| *h == i)
                .and_then(|(_, id)| list.iter().find(|d| d.id == *id))
                .map(who),
        })
        .collect();
    let rows = list
        .iter()
        .map(|d| {
            let titles: Vec<String> = delegations::section_indexes(d, q)
                .into_iter()
                .map(|i| format!("{}. {}", i + 1, q.sections()[i].title().get(lang)))
                .collect();
            let state = match delegations::standing(d, answered.contains(&d.id)) {
                Standing::Invited => words.invited,
                Standing::Answering => words.answering,
                Standing::Done => words.done,
                Standing::TakenBack => words.taken_back,
                Standing::Closed => words.closed,
            };
            DelegationRow {
                id: d.id,
                who: who(d),
                sections: titles.join("; "),
                state,
                open: d.is_open(),
                take_back: visit.path(&format!("delegations/{}/take-back", d.id)),
            }
        })
        .collect();
    Ok(DelegationsPage {
        chrome: chrome(visit, "delegations", csrf),
        words,
        action: visit.path("delegations"),
        back: visit.path(""),
        email: typed.email.clone(),
        name: typed.name.clone(),
        sections,
        rows,
        errors,
    })
}

/// `GET /r/{token}/delegations`
pub async fn show_delegations(
    opened: Opened,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let (visit, req) = match opened.into_phase(Phase::Answering) {
        Ok(opened) => opened,
        Err(answer) => return Ok(*answer),
    };
    let csrf = csrf_value(&req);
    let page = with_conn(&state, move |conn| {
        page(conn, &visit, &csrf, &Typed::default(), FormErrors::new())
    })
    .await?;
    super::html(page.render())
}

/// `POST /r/{token}/delegations`: hands the chosen sections to a colleague and queues the
/// mail with their link, or shows the page again with why not.
pub async fn create_delegation(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, WebError> {
    let form = read_form(&body);
    let mut typed = Typed::default();
    for (key, value) in &form.fields {
        match key.as_str() {
            "email" => typed.email = value.clone(),
            "name" => typed.name = value.clone(),
            // A number that is no section is refused below, as an unknown section.
            "section" => typed.sections.push(value.trim().parse().unwrap_or(0)),
            _ => {}
        }
    }
    let Some(visit) = load(&state, token.into_inner(), None).await? else {
        return Ok(not_found(&req));
    };
    let csrf = csrf_value(&req);
    if !visit.is_editable() {
        return closed(&visit, &csrf);
    }
    let base_url = state.settings.base_url.clone();
    let outcome = with_conn(&state, move |conn| {
        let open = &visit.open;
        let contact = Contact {
            invitation_id: open.invitation.id,
            email: &open.participant.email,
            name: &open.participant.name,
            organisation: &visit.organisation,
            questionnaire: &visit.questionnaire,
            language: &visit.language,
            campaign: &open.campaign.campaign,
            base_url: &base_url,
        };
        let request = Request {
            email: &typed.email,
            name: &typed.name,
            sections: &typed.sections,
        };
        match delegations::delegate(conn, &contact, &request, storage::now()) {
            Ok(_) => Ok(Refused::No(visit.path("delegations"))),
            // Submitted in another tab since the visit was loaded.
            Err(DelegationError::Refused(Refusal::NotDraft)) => {
                Ok(Refused::Closed(Box::new(visit), csrf))
            }
            Err(DelegationError::Refused(refusal)) => {
                let errors = refusal_errors(&refusal, &visit.language);
                let page = page(conn, &visit, &csrf, &typed, errors)?;
                Ok(Refused::Form(Box::new(page)))
            }
            Err(DelegationError::Storage(e)) => Err(e.into()),
            Err(DelegationError::Mail(e)) => Err(WebError::internal(e)),
        }
    })
    .await?;
    match outcome {
        Refused::No(location) => Ok(see_other(&location)),
        Refused::Form(page) => html_with_status(page.render(), StatusCode::UNPROCESSABLE_ENTITY),
        Refused::Closed(visit, csrf) => closed(&visit, &csrf),
    }
}

/// How a delegation form ended: handed out (the page to go to), refused beside a field,
/// or refused because the response was submitted meanwhile.
enum Refused {
    No(String),
    Form(Box<DelegationsPage>),
    Closed(Box<Visit>, String),
}

/// The refusal beside the field it concerns.
fn refusal_errors(refusal: &Refusal, language: &str) -> FormErrors {
    let words = delegation_words(language);
    let mut errors = FormErrors::new();
    let (anchor, label, message) = match refusal {
        Refusal::BadEmail => ("delegate-email", words.email, words.bad_email),
        Refusal::OwnAddress => ("delegate-email", words.email, words.own_address),
        Refusal::NoSection | Refusal::UnknownSection(_) => {
            ("delegate-sections", words.sections, words.no_section)
        }
        Refusal::AlreadyDelegated(_) => {
            ("delegate-sections", words.sections, words.already_delegated)
        }
        // Answered by the closed page instead; kept beside the form should it ever show.
        Refusal::NotDraft => ("delegate-form", words.form_title, words.not_draft),
    };
    errors.add(anchor, Some(label.to_owned()), message);
    errors
}

/// `POST /r/{token}/delegations/{id}/take-back`: the colleague's link stops working at once.
pub async fn take_back_delegation(
    req: HttpRequest,
    state: web::Data<AppState>,
    path: web::Path<(String, i64)>,
) -> Result<HttpResponse, WebError> {
    let (token, id) = path.into_inner();
    let Some(visit) = load(&state, token, None).await? else {
        return Ok(not_found(&req));
    };
    let invitation = visit.open.invitation.id;
    let location = visit.path("delegations");
    // Taking back one that is not open (or not this contact's) changes nothing.
    with_conn(&state, move |conn| {
        Ok(delegations::take_back(
            conn,
            invitation,
            id,
            storage::now(),
        )?)
    })
    .await?;
    Ok(see_other(&location))
}
