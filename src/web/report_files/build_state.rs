//! What the current build of a campaign's reports rests on, for the reports page and the
//! API listing: when it was made, how many submissions it includes, and how many arrived
//! since (so the page can ask for a rebuild).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::reports::build_info;
use crate::storage::submissions::{report_basis, submitted_since};
use crate::web::access::CampaignAccess;
use crate::web::{AppState, WebError, with_conn};

use super::current_build;

/// The current build of a campaign's reports; every field `None` before the first.
#[derive(Debug, Default, Serialize, utoipa::ToSchema)]
pub(in crate::web) struct BuildState {
    /// When the build read the submitted responses (UTC).
    pub(in crate::web) built_at: Option<DateTime<Utc>>,
    /// Submitted responses the build rests on; `null` also for a build made before builds
    /// recorded it.
    pub(in crate::web) submissions: Option<u64>,
    /// Responses submitted after `built_at`: not in the reports until they are built again.
    pub(in crate::web) submissions_since: Option<u64>,
    /// Where the build's scores come from: questionnaires, tier tables, models.
    pub(in crate::web) provenance: Option<String>,
    /// Which responses the reports rest on now, e.g. "Rests on 12 accepted responses; 3
    /// submitted and awaiting review are not counted." (a campaign that requires review)
    /// or "Rests on 12 submitted responses."
    pub(in crate::web) rests_on: String,
}

/// The state of the campaign's current build, read on the blocking pool.
pub(in crate::web) async fn build_state<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
) -> Result<BuildState, WebError> {
    let id = access.id().get();
    let app = state.clone();
    with_conn(state, move |conn| {
        let rests_on = report_basis(conn, id)?.sentence();
        let Some(dir) = current_build(&app, id)? else {
            return Ok(BuildState {
                rests_on,
                ..BuildState::default()
            });
        };
        let info = build_info(&dir).map_err(WebError::internal)?;
        let since = submitted_since(conn, id, info.built_at_naive())?;
        Ok(BuildState {
            built_at: Some(info.built_at),
            submissions: info.submissions.and_then(|n| u64::try_from(n).ok()),
            submissions_since: u64::try_from(since).ok(),
            provenance: info.provenance,
            rests_on,
        })
    })
    .await
}
