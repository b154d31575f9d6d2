//! The refusals many `/api/v1` operations share, declared once for the OpenAPI document:
//! each operation names them in its `responses(...)` instead of repeating their wording,
//! so the wording cannot drift from one operation to the next.

use std::collections::BTreeMap;

use utoipa::IntoResponses;
use utoipa::openapi::{RefOr, Response};

use crate::web::error::ErrorBody;

/// Any operation behind the analyst's token: the token is checked before anything else.
#[derive(IntoResponses)]
#[response(status = 401, description = "No valid API token")]
pub struct NoToken(
    #[expect(dead_code, reason = "read by the document only, as the body's schema")] ErrorBody,
);

/// A campaign the token's analyst may not see gets the same answer as one that does not
/// exist.
#[derive(IntoResponses)]
#[response(
    status = 404,
    description = "No such campaign, or not one the token's analyst may see"
)]
struct NoCampaign(
    #[expect(dead_code, reason = "read by the document only, as the body's schema")] ErrorBody,
);

/// Any operation on one campaign, found by the `{id}` of its path: [`NoToken`], and the
/// 404 of a campaign the token's analyst may not see. Operations whose 404 says more
/// name [`NoToken`] and their own 404.
pub struct CampaignRefusals;

impl IntoResponses for CampaignRefusals {
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let mut refusals = NoToken::responses();
        refusals.extend(NoCampaign::responses());
        refusals
    }
}
