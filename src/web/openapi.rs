//! The OpenAPI document of `/api/v1`, generated from the handlers' annotations and served
//! at `/api/v1/openapi.json`.

use actix_web::HttpResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{campaigns, error, questionnaires, reports};

/// The whole API: every `/api/v1` operation and the types it reads and writes.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Liaison API",
        version = env!("CARGO_PKG_VERSION"),
        description = "Campaigns, participants, invitations, reminders and reports of Liaison. \
            Every campaign endpoint wants `Authorization: Bearer <token>` with an API token \
            printed by `liaison analyst token <email>`, and shows only the campaigns that \
            token's analyst may see. Errors come back as `{\"error\": \"…\"}`."
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
        reports::list_reports,
        reports::build_reports,
        reports::download_report,
        reports::radars::download_radar,
    ),
    components(schemas(
        error::ErrorBody,
        crate::participants::RowProblem,
        crate::campaigns::CampaignRequest,
        campaigns::CampaignView,
    )),
    modifiers(&BearerToken),
    tags(
        (name = "questionnaires", description = "The loaded questionnaires; no token needed"),
        (name = "campaigns", description = "Campaigns, their participants, invitations and reminders"),
        (name = "reports", description = "A campaign's report files and per-respondent radars: list, build, download"),
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
            .description(Some("An API token from `liaison analyst token <email>`"))
            .build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme(SECURITY_SCHEME, SecurityScheme::Http(scheme));
    }
}

/// `GET /api/v1/openapi.json`: the document, without authentication.
pub async fn openapi_document() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
