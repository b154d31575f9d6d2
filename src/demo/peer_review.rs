//! The demo's peer review: in the maturity campaign one synthetic submitted response was
//! agreed to, given to a demo peer reviewer of another country, assessed by it with
//! justifications, and the demo analyst (made the campaign's reviewer) recorded the agreed
//! levels. Seeded once; the peer's password is made afresh at every start, as the
//! analyst's is.

use crate::accounts::{Role, hash_password};
use crate::ids::ResponseId;
use crate::questionnaire::Catalogue;
use crate::scoring::{assess_scores, level_parameters};
use crate::storage::peer_review::{self as stored, LevelKind, NewLevel};
use crate::storage::{DbConn, StorageError, analysts, now, report_rows, write_transaction};

use super::{DEMO_ORGANISATION, DemoCampaign, DemoError, NEXT_ROUND};

/// The demo peer reviewer's address.
pub const EMAIL: &str = "peer@demo.example.org";

/// The demo peer's country and organisation.
const COUNTRY: &str = "FI";
const ORGANISATION: &str = "Demo peer CSIRT (Finland)";

/// Seeds the peer review (once) and returns the peer reviewer's fresh password.
pub fn seed(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    demos: &[DemoCampaign],
) -> Result<String, DemoError> {
    let (plain, password) = super::analyst::fresh_password_for(EMAIL)?;
    let hash = hash_password(&password).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    let peer = match analysts::find_by_email(conn, EMAIL)? {
        Some(row) => {
            analysts::set_password_hash(conn, row.id, &hash)?;
            row.id
        }
        None => write_transaction(conn, |conn| {
            let row = analysts::create_analyst(conn, EMAIL, &hash, Role::Analyst)?;
            stored::create_peer_reviewer(conn, row.id, COUNTRY, ORGANISATION, now())?;
            Ok::<_, StorageError>(row.id)
        })?,
    };
    if !stored::responses_of_peer(conn, peer)?.is_empty() {
        return Ok(plain);
    }
    let Some(campaign) = demos.iter().find(|d| d.details.campaign.name == NEXT_ROUND) else {
        return Ok(plain);
    };
    let campaign_id = campaign.details.campaign.id;
    let rows = report_rows::submitted_rows(conn, campaign_id)?;
    let Some(chosen) = rows
        .responses
        .iter()
        .find(|r| r.organisation != DEMO_ORGANISATION && r.country != COUNTRY)
    else {
        return Ok(plain);
    };
    let Some(q) = catalogue.get(&chosen.questionnaire_id) else {
        return Ok(plain);
    };
    let view = crate::responses::view(conn, ResponseId(chosen.response_id))?;
    let own = assess_scores(q, None, &view.answers);
    let mut peer_levels = Vec::new();
    let mut agreed = Vec::new();
    for (i, parameter) in level_parameters(q).enumerate() {
        let Some(level) = own
            .parameters
            .iter()
            .find(|p| p.id == parameter.id())
            .and_then(|p| p.level)
        else {
            continue;
        };
        let level = level.round() as i32;
        // Every third parameter the peers find one level less supported than claimed.
        let found = if i % 3 == 0 {
            (level - 1).max(0)
        } else {
            level
        };
        let why = if found < level {
            "The documents shown support one level less than claimed."
        } else {
            "The evidence supports the level claimed."
        };
        peer_levels.push(NewLevel {
            question_id: parameter.id().to_owned(),
            level: found,
            justification: why.to_owned(),
        });
        // After the discussion, half of the disputed levels are restored.
        let settled = if found < level && i % 2 == 0 {
            level
        } else {
            found
        };
        agreed.push(NewLevel {
            question_id: parameter.id().to_owned(),
            level: settled,
            justification: "Agreed in the review meeting.".to_owned(),
        });
    }
    let analyst = analysts::find_by_email(conn, super::analyst::EMAIL)?
        .ok_or_else(|| StorageError::not_found("analyst", super::analyst::EMAIL))?;
    let invitation = view.response.invitation_id;
    let response = chosen.response_id;
    write_transaction(conn, |conn| {
        let at = now();
        stored::record_consent(conn, response, invitation, at)?;
        stored::assign(conn, response, peer, super::analyst::EMAIL, at)?;
        stored::record_levels(conn, response, LevelKind::Peer, &peer_levels, EMAIL, at)?;
        analysts::assign_campaign(conn, analyst.id, campaign_id)?;
        analysts::set_reviewer(conn, analyst.id, campaign_id, true)?;
        let by = super::analyst::EMAIL;
        stored::record_levels(conn, response, LevelKind::Agreed, &agreed, by, at)?;
        Ok::<_, StorageError>(())
    })?;
    Ok(plain)
}
