//! The dashboard's forms: invite, remind and close. Each answers with a redirect (303)
//! back to the dashboard, whose notice says what happened; the domain operation it calls
//! audits the change as the analyst's. The CSRF middleware has checked every one of them
//! before it gets here.

use actix_web::{HttpResponse, web};
use chrono::Utc;
use serde::Deserialize;

use crate::accounts::CampaignRight;
use crate::campaigns::{self, CampaignError};
use crate::invitations::{self, InvitationError, ReminderRules, RuleError};
use crate::storage::campaigns as stored;
use crate::web::access::PageCampaign;
use crate::web::pages::notice::{Flash, Notice, Refusal};
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
    access: PageCampaign,
    state: web::Data<AppState>,
    flash: Flash,
) -> Result<HttpResponse, WebError> {
    access.require(CampaignRight::Manage)?;
    let (id, actor) = (access.id().get(), access.actor());
    let (catalogue, base_url) = (state.catalogue.clone(), state.settings.base_url.clone());
    let report = with_conn(&state, move |conn| {
        let today = Utc::now().date_naive();
        let report = invitations::invite(conn, &catalogue, &base_url, id, today, &actor);
        match report {
            Err(InvitationError::Campaign(CampaignError::Closed(_))) => Ok(None),
            other => Ok(Some(other?)),
        }
    })
    .await?;
    Ok(back(
        &flash,
        id,
        match report {
            Some(r) => Notice::Invited {
                queued: r.queued,
                already_invited: r.already_invited,
            },
            None => refused(Refusal::CampaignClosed),
        },
    ))
}

/// `POST /campaigns/{id}/remind`: reminds invited participants who have not submitted.
pub async fn remind_participants(
    access: PageCampaign,
    state: web::Data<AppState>,
    form: web::Form<RemindForm>,
    flash: Flash,
) -> Result<HttpResponse, WebError> {
    access.require(CampaignRight::Manage)?;
    let (id, actor) = (access.id().get(), access.actor());
    // The same checked rules the API and the CLI use; a refusal is shown beside its field.
    let rules = match ReminderRules::parse(&form.min_days, &form.max_reminders) {
        Ok(rules) => rules,
        Err(RuleError::MinDays(_)) => return Ok(back(&flash, id, refused(Refusal::MinDays))),
        Err(RuleError::Max(_)) => return Ok(back(&flash, id, refused(Refusal::MaxReminders))),
    };
    let (catalogue, base_url) = (state.catalogue.clone(), state.settings.base_url.clone());
    let report = with_conn(&state, move |conn| {
        let now = crate::storage::now();
        let report = invitations::remind(conn, &catalogue, &base_url, id, rules, now, &actor);
        match report {
            Err(InvitationError::Campaign(CampaignError::Closed(_))) => Ok(None),
            other => Ok(Some(other?)),
        }
    })
    .await?;
    let notice = match report {
        Some(r) => Notice::Reminded {
            queued: r.queued,
            skipped: r.submitted + r.limit_reached + r.too_recent + r.not_sent_yet + r.revoked,
        },
        None => refused(Refusal::CampaignClosed),
    };
    Ok(back(&flash, id, notice))
}

/// `POST /campaigns/{id}/close`: closes the campaign once the box is ticked.
pub async fn close_campaign(
    access: PageCampaign,
    state: web::Data<AppState>,
    form: web::Form<CloseForm>,
    flash: Flash,
) -> Result<HttpResponse, WebError> {
    access.require(CampaignRight::Manage)?;
    let (campaign, actor) = (access.id(), access.actor());
    let id = campaign.get();
    if form.confirm.is_none() {
        // Still a missing campaign answers 404, not a request to confirm.
        with_conn(&state, move |conn| Ok(stored::get_campaign(conn, id)?)).await?;
        return Ok(back(&flash, id, refused(Refusal::Unconfirmed)));
    }
    with_conn(&state, move |conn| {
        Ok(campaigns::close(conn, campaign, &actor)?)
    })
    .await?;
    Ok(back(&flash, id, Notice::Closed))
}

/// 303 to the dashboard showing `notice`; `#status` takes the eye (and focus) to it.
fn back(flash: &Flash, id: i64, notice: Notice) -> HttpResponse {
    flash.redirect(&format!("/campaigns/{id}#status"), notice)
}

fn refused(problem: Refusal) -> Notice {
    Notice::Refused { problem }
}
