//! A peer reviewer's pages: `/peer`, the responses given to it, and one of them with its
//! answers, evidence and the form for its levels. Any response not given to this peer is
//! the 404 of one that does not exist.

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;
use serde::Deserialize;

use super::table::ComparisonView;
use crate::accounts::Analyst;
use crate::evidence::{self, EvidenceError, EvidenceFile};
use crate::ids::{CampaignId, ResponseId};
use crate::peer_review::{self, LevelForm, PeerReviewError, parse_levels};
use crate::questionnaire::Catalogue;
use crate::responses::{self, AnalystReading};
use crate::scoring::level_parameters;
use crate::storage::campaigns::get_campaign;
use crate::storage::peer_review::{self as stored, LevelKind};
use crate::storage::{DbConn, StorageError, campaign_responses};
use crate::web::auth::CurrentPeer;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, html, html_with_status, tlp_class};
use crate::web::response_reading::{EvidenceSegment, ResponseSegment};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError, with_conn};

/// One response in the peer's list.
struct GivenLine {
    id: i64,
    campaign: String,
    organisation: String,
    country: String,
    state: String,
}

#[derive(Template)]
#[template(path = "peer/list.html", config = "assets/askama.toml")]
struct ListPage {
    chrome: Chrome,
    given: Vec<GivenLine>,
}

/// `GET /peer`: the responses given to the peer reviewer.
pub async fn show_peer_home(
    peer: CurrentPeer,
    csrf: CsrfToken,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    let id = peer.0.id();
    let given = with_conn(&state, move |conn| {
        let mut lines = Vec::new();
        for response in stored::responses_of_peer(conn, id)? {
            let Some(placed) = campaign_responses::placed(conn, response)? else {
                continue;
            };
            let campaign = get_campaign(conn, placed.campaign_id)?.campaign.name;
            lines.push(GivenLine {
                id: response,
                campaign,
                organisation: placed.organisation,
                country: placed.country,
                state: placed.response.state.to_string(),
            });
        }
        Ok(lines)
    })
    .await?;
    let chrome = Chrome::analyst(csrf.value(), Some(&peer.0));
    html(ListPage { chrome, given }.render())
}

/// One parameter's fields in the levels form.
struct LevelField {
    id: String,
    name: String,
    own: String,
    /// The options "0" to "4", the chosen one marked.
    options: Vec<(String, bool)>,
    justification: String,
    level_error: Option<String>,
    justification_error: Option<String>,
}

#[derive(Template)]
#[template(path = "peer/review.html", config = "assets/askama.toml")]
struct ReviewPage {
    chrome: Chrome,
    response_id: i64,
    campaign_name: String,
    tlp: String,
    tlp_class: String,
    organisation: String,
    country: String,
    sections: Vec<crate::responses::reading::SectionAnswers>,
    evidence: std::collections::BTreeMap<String, EvidenceNotes>,
    levels: Vec<LevelField>,
    /// Why levels may not be recorded yet (the NIS2 rule), if so.
    nis2: Option<String>,
    saved: bool,
    errors: FormErrors,
    comparison: Option<ComparisonView>,
}

/// The evidence of one answer as the peer sees it.
struct EvidenceNotes {
    note: Option<String>,
    files: Vec<(i64, String, String)>,
}

impl ReviewPage {
    fn evidence_of(&self, id: &str) -> Option<&EvidenceNotes> {
        self.evidence.get(id)
    }
}

/// What the page is drawn from.
struct Loaded {
    reading: AnalystReading,
    campaign: crate::storage::campaigns::Campaign,
    current: LevelForm,
    nis2: Option<String>,
    comparison: Option<crate::peer_review::Comparison>,
}

fn load(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    peer: &Analyst,
    response: i64,
    open: bool,
) -> Result<Loaded, WebError> {
    let placed = peer_review::response_of_peer(conn, peer, response)?;
    let campaign = CampaignId::from(placed.campaign_id);
    let reading = if open {
        responses::open_for_analyst(
            conn,
            catalogue,
            campaign,
            ResponseId(response),
            &peer.actor(),
        )?
    } else {
        responses::read_for_analyst(conn, catalogue, campaign, ResponseId(response))?
    };
    let mut current = LevelForm::new();
    for (question, level) in stored::current_levels(conn, response, LevelKind::Peer)? {
        current.insert(format!("level.{question}"), level.level.to_string());
        current.insert(format!("justification.{question}"), level.justification);
    }
    let nis2 = match peer_review::check_nis2(conn, &placed) {
        Ok(()) => None,
        Err(e @ PeerReviewError::TooFewCountries(_)) => Some(e.to_string()),
        Err(other) => return Err(other.into()),
    };
    let comparison = peer_review::comparison_of(
        conn,
        &reading.questionnaire,
        &reading.view.answers,
        response,
    )?;
    Ok(Loaded {
        campaign: get_campaign(conn, placed.campaign_id)?.campaign,
        reading,
        current,
        nis2,
        comparison,
    })
}

fn page(chrome: Chrome, loaded: Loaded, typed: &LevelForm, errors: FormErrors) -> ReviewPage {
    let r = &loaded.reading;
    let language = r.reading_language().to_owned();
    let own = |id: &str| {
        r.assessment
            .parameters
            .iter()
            .find(|p| p.id == id)
            .and_then(|p| p.level)
            .map_or_else(|| "not answered".to_owned(), |l| format!("{l:.0}"))
    };
    let levels = level_parameters(&r.questionnaire)
        .map(|q| {
            let id = q.id().to_owned();
            let level_field = format!("level.{id}");
            let why_field = format!("justification.{id}");
            let chosen = typed.get(&level_field).map_or("", |v| v.trim());
            LevelField {
                name: q.name().to_owned(),
                own: own(&id),
                options: (0..=4)
                    .map(|l| (l.to_string(), chosen == l.to_string()))
                    .collect(),
                justification: typed.get(&why_field).cloned().unwrap_or_default(),
                level_error: errors
                    .message_for(&format!("level-{id}"))
                    .map(str::to_owned),
                justification_error: errors
                    .message_for(&format!("justification-{id}"))
                    .map(str::to_owned),
                id,
            }
        })
        .collect();
    let evidence = r
        .evidence
        .iter()
        .filter(|(_, e)| !e.is_empty())
        .map(|(question, e)| {
            let files = e
                .files
                .iter()
                .map(|f| (f.id, f.file_name.clone(), f.kind().to_owned()))
                .collect();
            let notes = EvidenceNotes {
                note: e.note.as_ref().map(|n| n.text.clone()),
                files,
            };
            (question.to_owned(), notes)
        })
        .collect();
    ReviewPage {
        response_id: r.view.response.id,
        campaign_name: loaded.campaign.name.clone(),
        tlp: loaded.campaign.tlp.to_string(),
        tlp_class: tlp_class(loaded.campaign.tlp),
        organisation: r.placed.organisation.clone(),
        country: r.placed.country.clone(),
        sections: r.answers_by_section(&language),
        evidence,
        levels,
        nis2: loaded.nis2,
        saved: false,
        errors,
        comparison: loaded
            .comparison
            .as_ref()
            .map(|c| ComparisonView::new(&r.questionnaire, c, "en")),
        chrome,
    }
}

/// `?saved` after the levels were recorded.
#[derive(Deserialize)]
pub struct SavedQuery {
    saved: Option<String>,
}

/// `GET /peer/responses/{response_id}`: the response read-only, with the levels form
/// (opening it is audited).
pub async fn show_peer_response(
    peer: CurrentPeer,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    path: web::Path<ResponseSegment>,
    query: web::Query<SavedQuery>,
) -> Result<HttpResponse, WebError> {
    let (response, catalogue, analyst) = (path.response_id.get(), state.catalogue.clone(), peer.0);
    let chrome = Chrome::analyst(csrf.value(), Some(&analyst));
    let loaded = with_conn(&state, move |conn| {
        load(conn, &catalogue, &analyst, response, true)
    })
    .await?;
    let current = loaded.current.clone();
    let mut page = page(chrome, loaded, &current, FormErrors::new());
    page.saved = query.saved.is_some();
    html(page.render())
}

/// `POST /peer/responses/{response_id}`: records the peer's levels; a refusal shows the
/// page again (422) with every problem beside its field and the form as typed.
pub async fn save_peer_levels(
    peer: CurrentPeer,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    path: web::Path<ResponseSegment>,
    form: web::Form<LevelForm>,
) -> Result<HttpResponse, WebError> {
    let (response, catalogue, analyst) = (path.response_id.get(), state.catalogue.clone(), peer.0);
    let chrome = Chrome::analyst(csrf.value(), Some(&analyst));
    let typed = form.into_inner();
    let posted = typed.clone();
    let (loaded, errors) = with_conn(&state, move |conn| {
        let loaded = load(conn, &catalogue, &analyst, response, false)?;
        let problems = match parse_levels(&loaded.reading.questionnaire, &posted, "level", true) {
            Ok(levels) => {
                match peer_review::record_peer_levels(conn, &analyst, response, &levels) {
                    Ok(()) => return Ok((None, FormErrors::new())),
                    Err(e @ PeerReviewError::TooFewCountries(_)) => {
                        vec![(String::new(), e.to_string())]
                    }
                    Err(other) => return Err(other.into()),
                }
            }
            Err(problems) => problems,
        };
        Ok((Some(loaded), form_errors(&problems, "peer-levels-form")))
    })
    .await?;
    let Some(loaded) = loaded else {
        let to = format!("/peer/responses/{response}?saved=1");
        return Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, to))
            .finish());
    };
    let page = page(chrome, loaded, &typed, errors);
    html_with_status(page.render(), StatusCode::UNPROCESSABLE_ENTITY)
}

/// The problems of a levels form by field name (`level.O-1`), each beside its element
/// (`level-O-1`); a problem of the whole form links to `form`.
pub(in crate::web) fn form_errors(problems: &[(String, String)], form: &str) -> FormErrors {
    let mut errors = FormErrors::new();
    for (field, message) in problems {
        let anchor = if field.is_empty() {
            form.to_owned()
        } else {
            field.replacen('.', "-", 1)
        };
        errors.add(anchor, None, message.clone());
    }
    errors
}

/// `GET /peer/responses/{response_id}/evidence/{file_id}`: an evidence file of a response
/// given to the peer, as an attachment (audited); any other file is the same 404.
pub async fn download_peer_evidence(
    peer: CurrentPeer,
    state: web::Data<AppState>,
    path: web::Path<EvidenceSegment>,
) -> Result<HttpResponse, WebError> {
    let (response, file, analyst) = (path.response_id, path.file_id, peer.0);
    let found: EvidenceFile = with_conn(&state, move |conn| {
        let not_found = || WebError::from(StorageError::not_found("evidence file", file));
        let placed = match peer_review::response_of_peer(conn, &analyst, response.get()) {
            Ok(placed) => placed,
            Err(PeerReviewError::UnknownResponse(_)) => return Err(not_found()),
            Err(other) => return Err(other.into()),
        };
        let campaign = CampaignId::from(placed.campaign_id);
        match evidence::download_for_analyst(conn, campaign, response, file, &analyst.actor()) {
            Ok(found) => Ok(found),
            Err(EvidenceError::Storage(e)) => Err(e.into()),
            Err(_) => Err(not_found()),
        }
    })
    .await?;
    Ok(crate::web::evidence_files::attachment(found))
}
