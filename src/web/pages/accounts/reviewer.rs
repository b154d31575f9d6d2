//! `/admin/analysts/{id}/campaigns/{campaign_id}/reviewer`: an admin makes an account a
//! reviewer of an assigned campaign's responses, or no longer one (audited by `accounts`).

use actix_web::{HttpResponse, web};
use serde::Deserialize;

use super::admin_detail::done;
use crate::accounts;
use crate::web::admin::PageAdmin;
use crate::web::pages::notice::{AccountChange, Flash};
use crate::web::{AppState, WebError, with_conn};

/// The reviewer form: `reviewer` is `yes` or `no`.
#[derive(Deserialize)]
pub struct ReviewerForm {
    #[serde(default)]
    reviewer: String,
}

/// `POST /admin/analysts/{id}/campaigns/{campaign_id}/reviewer`
pub async fn set_reviewer(
    admin: PageAdmin,
    flash: Flash,
    state: web::Data<AppState>,
    path: web::Path<(i64, i64)>,
    form: web::Form<ReviewerForm>,
) -> Result<HttpResponse, WebError> {
    let (id, campaign) = path.into_inner();
    let reviewer = match form.reviewer.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(WebError::BadRequest("reviewer is yes or no".to_owned())),
    };
    let actor = admin.analyst().actor();
    with_conn(&state, move |conn| {
        let row = accounts::account(conn, id)?;
        accounts::set_campaign_reviewer(conn, &row.email, campaign, reviewer, &actor)?;
        Ok(())
    })
    .await?;
    let change = if reviewer {
        AccountChange::ReviewerSet
    } else {
        AccountChange::ReviewerUnset
    };
    Ok(done(&flash, id, change))
}
