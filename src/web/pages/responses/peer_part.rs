//! Peer review on the analyst's response page: the levels side by side, the peers'
//! justifications, every recorded level with who and when, and, for the campaign's
//! reviewer, the form for the agreed levels (`POST …/agreed-levels`).

use actix_web::http::{StatusCode, header};
use actix_web::{HttpResponse, web};
use askama::Template;

use super::detail::DetailPage;
use super::when;
use crate::accounts::CampaignRight;
use crate::peer_review::{self, LevelForm, PeerReviewError, parse_levels};
use crate::questionnaire::Questionnaire;
use crate::scoring::level_parameters;
use crate::storage::peer_review::{self as stored, LevelKind};
use crate::storage::{DbConn, analysts};
use crate::web::access::PageCampaign;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, html_with_status};
use crate::web::pages::peer::level_form_errors;
use crate::web::pages::peer::table::ComparisonView;
use crate::web::response_reading::{self as reading, ResponseSegment};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError, with_conn};

/// One recorded level, as the history lists it.
pub(super) struct LevelLine {
    pub(super) at: String,
    pub(super) kind: &'static str,
    pub(super) parameter: String,
    pub(super) level: i32,
    pub(super) justification: String,
    pub(super) by: String,
}

/// One parameter of the agreed-levels form.
pub(super) struct AgreedField {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) peer_justification: String,
    pub(super) options: Vec<(String, bool)>,
    pub(super) error: Option<String>,
}

/// The peer-review part of the page.
pub(super) struct PeerPart {
    pub(super) comparison: Option<ComparisonView>,
    pub(super) history: Vec<LevelLine>,
    /// The form, for the campaign's reviewer once peer levels exist.
    pub(super) agreed_form: Option<Vec<AgreedField>>,
    pub(super) errors: FormErrors,
    pub(super) peers: Vec<String>,
}

/// Which response, of which campaign, for which analyst.
#[derive(Clone, Copy)]
pub(super) struct Of {
    pub(super) response: i64,
    pub(super) campaign: i64,
    pub(super) analyst: i64,
}

/// Loads the part for `of.response`, the form filled from `typed` (the agreed levels in
/// force when `None`).
pub(super) fn load(
    conn: &mut DbConn,
    (q, answers): (&Questionnaire, &crate::questionnaire::Answers),
    of: &Of,
    typed: Option<&LevelForm>,
    errors: FormErrors,
) -> Result<PeerPart, WebError> {
    let Of {
        response,
        campaign,
        analyst,
    } = *of;
    let comparison = peer_review::comparison_of(conn, q, answers, response)?;
    let peer = stored::current_levels(conn, response, LevelKind::Peer)?;
    let agreed = stored::current_levels(conn, response, LevelKind::Agreed)?;
    let mut history: Vec<LevelLine> = Vec::new();
    for kind in [LevelKind::Peer, LevelKind::Agreed] {
        for l in stored::level_history(conn, response, kind)? {
            history.push(LevelLine {
                at: when(l.at),
                kind: if kind == LevelKind::Peer {
                    "peer"
                } else {
                    "agreed"
                },
                parameter: l.question_id,
                level: l.level,
                justification: l.justification,
                by: l.recorded_by,
            });
        }
    }
    history.sort_by(|a, b| a.at.cmp(&b.at));
    let reviewer = analysts::is_reviewer(conn, analyst, campaign)?;
    let agreed_form = (reviewer && !peer.is_empty()).then(|| {
        level_parameters(q)
            .map(|question| {
                let id = question.id().to_owned();
                let field = format!("agreed.{id}");
                let chosen = match typed {
                    Some(form) => form.get(&field).map(|v| v.trim().to_owned()),
                    None => agreed.get(&id).map(|l| l.level.to_string()),
                }
                .unwrap_or_default();
                AgreedField {
                    name: question.name().to_owned(),
                    peer_justification: peer
                        .get(&id)
                        .map(|l| format!("{}: {}", l.level, l.justification))
                        .unwrap_or_else(|| "not assessed".to_owned()),
                    options: (0..=4)
                        .map(|l| (l.to_string(), chosen == l.to_string()))
                        .collect(),
                    error: errors
                        .message_for(&format!("agreed-{id}"))
                        .map(str::to_owned),
                    id,
                }
            })
            .collect()
    });
    let peers = stored::assignments_of_response(conn, response)?
        .into_iter()
        .map(|a| {
            format!(
                "{} ({}), given by {} on {}",
                a.email,
                a.country,
                a.assigned_by,
                when(a.at)
            )
        })
        .collect();
    Ok(PeerPart {
        comparison: comparison.map(|c| ComparisonView::new(q, &c, "en")),
        history,
        agreed_form,
        errors,
        peers,
    })
}

/// `POST /campaigns/{id}/responses/{response_id}/agreed-levels`: the campaign's reviewer
/// records the agreed levels; a refusal shows the page again (422), the form as typed.
pub async fn save_agreed_levels(
    access: PageCampaign,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    path: web::Path<ResponseSegment>,
    form: web::Form<LevelForm>,
) -> Result<HttpResponse, WebError> {
    access.require(CampaignRight::ReadRows)?;
    let response = path.response_id;
    let (details, opened) = reading::open(&state, &access, response).await?;
    let typed = form.into_inner();
    let (analyst, campaign) = (access.analyst().clone(), access.id().get());
    let q = opened.questionnaire.clone();
    let answers = opened.view.answers.clone();
    let posted = typed.clone();
    let part = with_conn(&state, move |conn| {
        let problems = match parse_levels(&q, &posted, "agreed", false) {
            Ok(levels) => {
                match peer_review::record_agreed_levels(conn, &analyst, response.get(), &levels) {
                    Ok(()) => return Ok(None),
                    Err(PeerReviewError::NotReviewer) => {
                        return Err(WebError::Forbidden(
                            "Only the campaign's reviewer records the agreed levels.".to_owned(),
                        ));
                    }
                    Err(e @ PeerReviewError::NoPeerLevels) => vec![(String::new(), e.to_string())],
                    Err(other) => return Err(other.into()),
                }
            }
            Err(problems) => problems,
        };
        let errors = level_form_errors(&problems, "agreed-levels-form");
        let of = Of {
            response: response.get(),
            campaign,
            analyst: analyst.id(),
        };
        let part = load(conn, (&q, &answers), &of, Some(&posted), errors)?;
        Ok(Some(part))
    })
    .await?;
    let Some(part) = part else {
        let to = format!("/campaigns/{campaign}/responses/{response}#peer-review-heading");
        return Ok(HttpResponse::SeeOther()
            .insert_header((header::LOCATION, to))
            .finish());
    };
    let chrome = Chrome::analyst(csrf.value(), Some(access.analyst()));
    let reviewer = reading::reviews(&state, &access).await?;
    let mut page = DetailPage::new(chrome, &details, &opened, reviewer);
    page.peer = Some(part);
    html_with_status(page.render(), StatusCode::UNPROCESSABLE_ENTITY)
}
