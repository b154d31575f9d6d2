//! The dashboard's forms: invite, remind and close. Each answers with a redirect (303)
//! back to the dashboard, whose query says what happened, and leaves an audit entry.
//! The CSRF middleware has checked every one of them before it gets here.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use crate::accounts::Analyst;
use crate::campaigns::CampaignError;
use crate::invitations::{self, InvitationError, ReminderRules, RuleError};
use crate::storage::campaigns as stored;
use crate::storage::{DbConn, audit};
use crate::web::auth::{CurrentAnalyst, visible_campaign};
use crate::web::{AppState, WebError, with_conn};

/// The reminder form, as typed; checked here so a mistake is shown beside its field.
#[derive(Deserialize)]
pub struct RemindForm {
    #[serde(default)]
    min_days: String,
    #[serde(default)]
    max_reminders: String,
}

/// The close form: `confirm` is present when its box was ticked.
#[derive(Deserialize)]
pub struct CloseForm {
    confirm: Option<String>,
}

/// `POST /campaigns/{id}/invite`: invites everyone not yet invited.
pub async fn invite_participants(
    CurrentAnalyst(analyst): CurrentAnalyst,
    state: web::Data<AppState>,
    id: web::Path<i64>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    visible_campaign(&analyst, id)?;
    let (catalogue, base_url) = (state.catalogue.clone(), state.settings.base_url.clone());
    let report = with_conn(&state, move |conn| {
        let today = Utc::now().date_naive();
        let report = invitations::invite(conn, &catalogue, &base_url, id, today);
        let report = match report {
            Err(InvitationError::Campaign(CampaignError::Closed(_))) => return Ok(None),
            other => other?,
        };
        let detail = format!("page: {} queued", report.queued);
        log(conn, &analyst, "invitations.send", id, &detail)?;
        Ok(Some(report))
    })
    .await?;
    Ok(match report {
        Some(r) => back(
            id,
            &format!(
                "done=invite&queued={}&skipped={}",
                r.queued, r.already_invited
            ),
        ),
        None => back(id, "problem=closed"),
    })
}

/// `POST /campaigns/{id}/remind`: reminds invited participants who have not submitted.
pub async fn remind_participants(
    CurrentAnalyst(analyst): CurrentAnalyst,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<RemindForm>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    visible_campaign(&analyst, id)?;
    // The same checked rules the API and the CLI use; a refusal is shown beside its field.
    let rules = match ReminderRules::parse(&form.min_days, &form.max_reminders) {
        Ok(rules) => rules,
        Err(RuleError::MinDays(_)) => return Ok(back(id, "problem=min_days")),
        Err(RuleError::Max(_)) => return Ok(back(id, "problem=max_reminders")),
    };
    let (min_days, max) = (rules.min_days(), rules.max());
    let (catalogue, base_url) = (state.catalogue.clone(), state.settings.base_url.clone());
    let report = with_conn(&state, move |conn| {
        let now = crate::storage::now();
        let report = invitations::remind(conn, &catalogue, &base_url, id, rules, now);
        let report = match report {
            Err(InvitationError::Campaign(CampaignError::Closed(_))) => return Ok(None),
            other => other?,
        };
        let detail = format!(
            "page: {} queued (at least {min_days} days, at most {max})",
            report.queued
        );
        log(conn, &analyst, "reminders.send", id, &detail)?;
        Ok(Some(report))
    })
    .await?;
    Ok(match report {
        Some(r) => {
            let skipped = r.submitted + r.limit_reached + r.too_recent + r.not_sent_yet + r.revoked;
            back(
                id,
                &format!("done=remind&queued={}&skipped={skipped}", r.queued),
            )
        }
        None => back(id, "problem=closed"),
    })
}

/// `POST /campaigns/{id}/close`: closes the campaign once the box is ticked.
pub async fn close_campaign(
    CurrentAnalyst(analyst): CurrentAnalyst,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    form: web::Form<CloseForm>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    visible_campaign(&analyst, id)?;
    if form.confirm.is_none() {
        // Still a missing campaign answers 404, not a request to confirm.
        with_conn(&state, move |conn| Ok(stored::get_campaign(conn, id)?)).await?;
        return Ok(back(id, "problem=confirm"));
    }
    with_conn(&state, move |conn| {
        stored::close_campaign(conn, id)?;
        log(conn, &analyst, "campaign.close", id, "page")
    })
    .await?;
    Ok(back(id, "done=close"))
}

fn log(
    conn: &mut DbConn,
    analyst: &Analyst,
    action: &str,
    campaign: i64,
    detail: &str,
) -> Result<(), WebError> {
    let subject = format!("campaign:{campaign}");
    Ok(audit::append(
        conn,
        analyst.email(),
        action,
        &subject,
        Some(detail),
    )?)
}

/// 303 to the dashboard with `query`; `#status` takes the eye (and focus) to the message.
fn back(id: i64, query: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, format!("/campaigns/{id}?{query}#status")))
        .finish()
}
