//! The OpenAPI document of `/api/v1`, generated from the handlers' annotations and served
//! at `/api/v1/openapi.json`; and the answer to requests no `/api/v1` route takes, read
//! from the same document.

use std::sync::LazyLock;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{analysts, campaigns, peer_review, questionnaires, reports, responses};
use crate::web::error;

/// The whole API: every `/api/v1` operation and the types it reads and writes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Liaison API",
        version = env!("CARGO_PKG_VERSION"),
        description = "Campaigns, participants, invitations, reminders, responses, reports and accounts of Liaison. \
            Every campaign and account endpoint wants `Authorization: Bearer <token>` with an \
            API token made on the `/account` page (or printed by `liaison analyst token \
            <email>`), and shows only the campaigns that token's analyst may see; the \
            `/analysts` endpoints are for admins. Errors come back as `{\"error\": \"…\"}`."
    ),
    paths(
        questionnaires::list_questionnaires,
        questionnaires::show_questionnaire,
        campaigns::list_campaigns,
        campaigns::create_campaign,
        campaigns::show_campaign,
        campaigns::close_campaign,
        campaigns::list_campaign_participants,
        campaigns::import_participants,
        campaigns::list_invitations,
        campaigns::send_invitations,
        campaigns::revoke_invitation,
        campaigns::send_reminders,
        campaigns::list_mail_texts,
        campaigns::save_mail_texts,
        campaigns::preview_mail_text,
        reports::list_reports,
        reports::build_reports,
        reports::download_archive,
        reports::download_workbook,
        reports::download_report,
        reports::download_radar,
        responses::list_responses,
        responses::show_response,
        responses::download_evidence,
        responses::review_response,
        analysts::list_analysts,
        analysts::add_analyst,
        analysts::show_analyst,
        analysts::disable_analyst,
        analysts::assign_campaign,
        analysts::unassign_campaign,
        analysts::set_reviewer,
        analysts::set_may_create,
        analysts::send_password_link,
        analysts::list_analyst_tokens,
        analysts::revoke_analyst_token,
        analysts::list_own_tokens,
        analysts::create_own_token,
        analysts::revoke_own_token,
        peer_review::list_peer_reviewers,
        peer_review::create_peer_reviewer,
        peer_review::give_response,
    ),
    components(schemas(
        error::ErrorBody,
        crate::participants::RowProblem,
        crate::problems::FieldProblem,
        crate::campaigns::CampaignRequest,
        campaigns::CampaignView,
        crate::mail_texts::MailText,
        crate::mail_texts::MailTextInput,
        crate::mail_texts::PreviewMail,
        analysts::AnalystView,
        analysts::TokenView,
        analysts::NewTokenView,
        analysts::RoleName,
        analysts::NewAnalystRequest,
        analysts::MayCreateRequest,
        analysts::NewTokenRequest,
        analysts::ReviewerRequest,
        responses::ReviewRequest,
        responses::ReviewedView,
        responses::ReviewComment,
        responses::DecisionName,
        peer_review::PeerReviewerView,
        peer_review::NewPeerReviewerRequest,
        peer_review::GiveResponseRequest,
        peer_review::PeerReviewView,
        peer_review::LevelView,
    )),
    modifiers(&BearerToken),
    tags(
        (name = "questionnaires", description = "The loaded questionnaires; no token needed"),
        (name = "campaigns", description = "Campaigns, their participants, invitations and reminders, and the wording of those mails"),
        (name = "reports", description = "A campaign's report files and per-respondent radars: list, build, download"),
        (name = "responses", description = "A campaign's responses, one by one: answers, scores, history, changes to answers, mails"),
        (name = "accounts", description = "Analyst accounts (admins only) and one's own API tokens"),
        (name = "peer review", description = "Peer-reviewer accounts and the responses given to them (admins only)"),
    )
)]
pub struct ApiDoc;

/// The name operations use to ask for the API token.
pub const SECURITY_SCHEME: &str = "api_token";

/// Declares the bearer scheme the campaign operations name in their `security`.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "An API token from the `/account` page, `POST /api/v1/tokens` or \
                 `liaison analyst token <email>`",
            ))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(SECURITY_SCHEME, SecurityScheme::Http(scheme));
    }
}

/// The document, made once.
static DOCUMENT: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(ApiDoc::openapi);

/// Where the document is served; not an operation of its own.
const DOCUMENT_PATH: &str = "/api/v1/openapi.json";

/// `GET /api/v1/openapi.json`: the document, without authentication.
pub async fn openapi_document() -> HttpResponse {
    HttpResponse::Ok().json(&*DOCUMENT)
}

/// Any `/api/v1` request no route takes: `405 Method Not Allowed` with `Allow` for a path
/// the document describes under other methods, else `404 Not Found`; JSON either way.
pub async fn unrouted(request: HttpRequest) -> HttpResponse {
    let path = request.path();
    let allowed = allowed_methods(path);
    if allowed.is_empty() {
        return HttpResponse::NotFound().json(serde_json::json!({
            "error": format!("no such resource: {path}")
        }));
    }
    let allow = allowed.join(", ");
    HttpResponse::MethodNotAllowed()
        .insert_header((header::ALLOW, allow.clone()))
        .json(serde_json::json!({
            "error": format!("{} is not allowed on {path} (allowed: {allow})", request.method())
        }))
}

/// The methods the document gives `path`, upper case; none for a path it does not describe.
fn allowed_methods(path: &str) -> Vec<&'static str> {
    if path == DOCUMENT_PATH {
        return vec!["GET"];
    }
    let mut allowed = Vec::new();
    for (template, item) in &DOCUMENT.paths.paths {
        if !matches_template(template, path) {
            continue;
        }
        let operations = [
            ("GET", &item.get),
            ("PUT", &item.put),
            ("POST", &item.post),
            ("DELETE", &item.delete),
            ("OPTIONS", &item.options),
            ("HEAD", &item.head),
            ("PATCH", &item.patch),
            ("TRACE", &item.trace),
        ];
        for (method, operation) in operations {
            if operation.is_some() && !allowed.contains(&method) {
                allowed.push(method);
            }
        }
    }
    allowed
}

/// Whether `path` is an instance of `template` (`/api/v1/campaigns/{id}`): the same
/// segments, a `{parameter}` standing for any non-empty one.
fn matches_template(template: &str, path: &str) -> bool {
    let (mut template, mut path) = (template.split('/'), path.split('/'));
    loop {
        match (template.next(), path.next()) {
            (None, None) => return true,
            (Some(t), Some(p)) if t.starts_with('{') && t.ends_with('}') && !p.is_empty() => {}
            (Some(t), Some(p)) if t == p => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{allowed_methods, matches_template};

    #[test]
    fn a_path_matches_a_template_segment_by_segment() {
        assert!(matches_template(
            "/api/v1/campaigns/{id}",
            "/api/v1/campaigns/7"
        ));
        assert!(!matches_template(
            "/api/v1/campaigns/{id}",
            "/api/v1/campaigns/"
        ));
        assert!(!matches_template(
            "/api/v1/campaigns/{id}",
            "/api/v1/campaigns/7/close"
        ));
        assert!(!matches_template("/api/v1/campaigns", "/api/v1/campaign"));
    }

    #[test]
    fn the_allowed_methods_are_those_the_document_gives_the_path() {
        assert_eq!(allowed_methods("/api/v1/campaigns"), ["GET", "POST"]);
        assert_eq!(allowed_methods("/api/v1/campaigns/3/close"), ["POST"]);
        assert_eq!(allowed_methods("/api/v1/openapi.json"), ["GET"]);
        assert!(allowed_methods("/api/v1/nothing").is_empty());
    }
}
