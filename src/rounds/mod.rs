//! The next round: a campaign that follows another lets each organisation start from the
//! answers it last submitted ([`carry`] decides which come along) and shows how its scores
//! moved since ([`since`]); [`earlier_round`] finds that earlier response.
//!
//! Organisations are matched across rounds as stored (`participants.organisation_id`),
//! never by the address of whoever answered.

mod carry;
mod since;

pub use carry::{CarryPlan, Fresh, FreshQuestion, plan};
pub use since::{Move, RoundChange, change};

use crate::campaigns::questionnaire_at;
use crate::questionnaire::{Answers, Catalogue, Questionnaire};
use crate::storage::campaigns::{CampaignDetails, earlier_response};
use crate::storage::responses::{Response, load_answers};
use crate::storage::{DbConn, StorageError};

/// What an organisation submitted in the nearest earlier round, read against the
/// questionnaire version it answered.
#[derive(Debug, Clone)]
pub struct EarlierRound {
    pub campaign: CampaignDetails,
    pub response: Response,
    pub questionnaire: Questionnaire,
    pub answers: Answers,
}

/// The response organisation `organisation_id` submitted to `questionnaire_id` in the
/// nearest round before campaign `campaign_id` where it submitted one; `None` for a
/// first round or an organisation new to the series.
pub fn earlier_round(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    campaign_id: i64,
    organisation_id: i64,
    questionnaire_id: &str,
) -> Result<Option<EarlierRound>, StorageError> {
    let Some(found) = earlier_response(conn, campaign_id, organisation_id, questionnaire_id)?
    else {
        return Ok(None);
    };
    let questionnaire = questionnaire_at(
        conn,
        catalogue,
        &found.response.questionnaire_id,
        &found.response.questionnaire_version,
    )?;
    let answers = load_answers(conn, found.response.id)?;
    Ok(Some(EarlierRound {
        campaign: found.campaign,
        response: found.response,
        questionnaire: std::sync::Arc::unwrap_or_clone(questionnaire),
        answers,
    }))
}
