//! The demo's review: the maturity campaign requires review, the demo analyst is its
//! reviewer, and its synthetic submitted responses are accepted through the reviewer's own
//! operation, except one sent back with two answers flagged and commented.

use chrono::{Duration, NaiveDateTime};

use super::DemoError;
use crate::accounts::{NO_PASSWORD, Role};
use crate::ids::{AnalystId, ResponseId};
use crate::participants::OrganisationKind;
use crate::questionnaire::Questionnaire;
use crate::responses::{self, CommentInput, Decision};
use crate::storage::campaigns::{self, CampaignDetails, CampaignSettings};
use crate::storage::{DbConn, StorageError, analysts, report_rows};

/// The demo analyst's account id, made (without a password: `analyst::reset` gives it one
/// at every start) when it does not exist yet.
fn demo_analyst(conn: &mut DbConn) -> Result<i64, StorageError> {
    match analysts::find_by_email(conn, super::analyst::EMAIL)? {
        Some(row) => Ok(row.id),
        None => {
            Ok(analysts::create_analyst(conn, super::analyst::EMAIL, NO_PASSWORD, Role::Admin)?.id)
        }
    }
}

/// Makes `campaign` require review with the demo analyst as its reviewer, then takes the
/// reviewer's decision on each of its submitted responses: the first (by id) is sent back
/// with two answers to change, every other one accepted a day after it came in (or now).
pub(super) fn seed(
    conn: &mut DbConn,
    campaign: &CampaignDetails,
    questionnaires: &[(OrganisationKind, Questionnaire)],
    now: NaiveDateTime,
) -> Result<(), DemoError> {
    let id = campaign.campaign.id;
    // Read before the rule changes: until then the submitted ones are those that count.
    let submitted = report_rows::submitted_rows(conn, id)?.responses;
    let settings = CampaignSettings {
        review_required: Some(true),
        ..CampaignSettings::default()
    };
    campaigns::set_settings(conn, id, &settings)?;
    let reviewer = demo_analyst(conn)?;
    analysts::assign_campaign(conn, reviewer, id)?;
    analysts::set_reviewer(conn, reviewer, id, true)?;
    for (n, row) in submitted.iter().enumerate() {
        let Some((_, questionnaire)) = questionnaires
            .iter()
            .find(|(_, q)| q.id() == row.questionnaire_id)
        else {
            continue;
        };
        let at = row
            .submitted_at
            .map_or(now, |s| (s + Duration::days(1)).min(now));
        let (decision, comments) = if n == 0 {
            (Decision::RequestChanges, change_requests(questionnaire))
        } else {
            (Decision::Accept, Vec::new())
        };
        responses::review(
            conn,
            ResponseId(row.response_id),
            AnalystId(reviewer),
            decision,
            &comments,
            questionnaire,
            at,
        )?;
    }
    Ok(())
}

/// Two comments flagged "please change", on the questionnaire's first two questions.
fn change_requests(questionnaire: &Questionnaire) -> Vec<CommentInput> {
    let words = [
        "Please name the document that sets this out, or lower the level.",
        "The evidence note does not support this level yet; please check it.",
    ];
    questionnaire
        .questions()
        .take(2)
        .zip(words)
        .map(|(q, body)| CommentInput {
            question: q.id().to_owned(),
            body: body.to_owned(),
            please_change: true,
        })
        .collect()
}
