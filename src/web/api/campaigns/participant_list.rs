//! `GET /api/v1/campaigns/{id}/participants`: the participants of a campaign, filtered as
//! the participants page filters them (audience, country, state).

use actix_web::{HttpResponse, web};
use serde::Deserialize;
use utoipa::openapi::schema::{Object, ObjectBuilder, Type};

use crate::participants::{self, OrganisationKind, ParticipantFilter, ParticipantStage};
use crate::storage::campaigns as stored;
use crate::web::access::{ApiCampaign, CampaignSegment};
use crate::web::api::refusals::CampaignRefusals;
use crate::web::error::ErrorBody;
use crate::web::{AppState, WebError, with_conn};

use super::views::ParticipantView;

/// The filters of the list; each one left out (or empty) lets every participant through.
#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ParticipantQuery {
    /// Only participants of this audience.
    #[param(schema_with = audience_schema)]
    audience: Option<String>,
    /// Only participants whose organisation is in this country (ISO 3166-1 alpha-2, any
    /// letter case); a code nobody has lists nobody.
    #[param(value_type = Option<String>, example = "AT")]
    country: Option<String>,
    /// Only participants who stand here.
    #[param(schema_with = state_schema)]
    state: Option<String>,
}

/// A string that is one of `words`, for a query parameter.
fn one_of(words: impl Iterator<Item = &'static str>, description: &str) -> Object {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(words))
        .description(Some(description))
        .build()
}

fn audience_schema() -> Object {
    let words = OrganisationKind::ALL.iter().map(|k| k.as_str());
    one_of(words, "csirt, lea or judiciary")
}

fn state_schema() -> Object {
    let words = ParticipantStage::ALL.iter().map(|s| s.as_str());
    one_of(
        words,
        "not_invited, invited (the link not used yet), in_progress, submitted or revoked",
    )
}

/// `GET /api/v1/campaigns/{id}/participants`
#[utoipa::path(
    get,
    path = "/api/v1/campaigns/{id}/participants",
    tag = "campaigns",
    summary = "The participants of a campaign, optionally filtered",
    params(CampaignSegment, ParticipantQuery),
    responses(
        (status = 200, description = "The participants that pass every filter, in the order they were added", body = [ParticipantView]),
        (status = 400, description = "An audience or state that is not one of the words (the message names the parameter)", body = ErrorBody),
        CampaignRefusals,
    ),
    security(("api_token" = []))
)]
pub async fn list_campaign_participants(
    campaign: ApiCampaign,
    state: web::Data<AppState>,
    query: web::Query<ParticipantQuery>,
) -> Result<HttpResponse, WebError> {
    let q = query.into_inner();
    let filter = ParticipantFilter::parse(
        q.audience.as_deref(),
        q.country.as_deref(),
        q.state.as_deref(),
    )
    .map_err(|problem| WebError::Fields(vec![problem]))?;
    let id = campaign.id().get();
    let lines = with_conn(&state, move |conn| {
        // Loaded first: an admin may ask for any id, and one that does not exist gets 404
        // rather than an empty list.
        stored::get_campaign(conn, id)?;
        Ok(participants::list(conn, id, &filter)?)
    })
    .await?;
    let views: Vec<ParticipantView> = lines.into_iter().map(ParticipantView::from).collect();
    Ok(HttpResponse::Ok().json(views))
}
