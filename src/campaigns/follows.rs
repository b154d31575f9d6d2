//! Which campaign a new one may follow as its next round: one that exists and that its
//! creator may see, whose series of rounds does not loop, and that asks each audience
//! both have the same questionnaire (its version may change).

use super::audience_of;
use crate::accounts::Analyst;
use crate::participants::OrganisationKind;
use crate::problems::FieldProblem;
use crate::questionnaire::Catalogue;
use crate::storage::campaigns::{self, CampaignDetails};
use crate::storage::{DbConn, StorageError};

/// The request's field naming the campaign followed.
const FIELD: &str = "follows";

/// Checks that a campaign asking `questionnaire_ids` may follow `follows`, as seen by
/// `viewer` (`None`: the command line, which sees every campaign); the problems found.
pub(super) fn check_follows(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    follows: i64,
    questionnaire_ids: &[String],
    viewer: Option<&Analyst>,
) -> Result<Vec<FieldProblem>, StorageError> {
    let problem = |reason: String| vec![FieldProblem::in_field(FIELD, reason)];
    let visible = viewer.is_none_or(|a| a.rights_on(follows.into()).is_some());
    let earlier = match campaigns::get_campaign(conn, follows) {
        Ok(found) if visible => found,
        // One answer for a campaign that does not exist and one the creator may not see.
        Ok(_) | Err(StorageError::NotFound { .. }) => {
            return Ok(problem(format!(
                "there is no campaign {follows} that you can see to follow"
            )));
        }
        Err(e) => return Err(e),
    };
    if campaigns::loops(conn, follows)? {
        return Ok(problem(format!(
            "the earlier rounds of campaign {follows} loop back on themselves; follow another campaign"
        )));
    }
    Ok(
        questionnaire_problems(catalogue, &earlier, questionnaire_ids)
            .into_iter()
            .map(|reason| FieldProblem::in_field(FIELD, reason))
            .collect(),
    )
}

/// Why a campaign asking `questionnaire_ids` cannot be the next round of `earlier`: an
/// audience both have answers another questionnaire, or they share none. Unknown ids
/// are the `questionnaires` field's problem, not this one's.
fn questionnaire_problems(
    catalogue: &Catalogue,
    earlier: &CampaignDetails,
    questionnaire_ids: &[String],
) -> Vec<String> {
    let chosen: Vec<(OrganisationKind, &str)> = questionnaire_ids
        .iter()
        .filter_map(|id| catalogue.get(id))
        .filter_map(|q| Some((audience_of(q.audience())?, q.id())))
        .collect();
    let name = &earlier.campaign.name;
    let id = earlier.campaign.id;
    let mut reasons: Vec<String> = chosen
        .iter()
        .filter_map(|(audience, new)| {
            let old = earlier
                .questionnaires
                .iter()
                .find(|q| q.audience == *audience)?;
            (old.questionnaire_id != *new).then(|| {
                format!(
                    "campaign {id} (\"{name}\") asks {audience} \"{}\" and this one \"{new}\": \
                     a next round keeps each audience's questionnaire (its version may change)",
                    old.questionnaire_id
                )
            })
        })
        .collect();
    let shared = chosen.iter().any(|(_, new)| {
        earlier
            .questionnaires
            .iter()
            .any(|q| q.questionnaire_id == *new)
    });
    if reasons.is_empty() && !chosen.is_empty() && !shared {
        let old: Vec<&str> = earlier
            .questionnaires
            .iter()
            .map(|q| q.questionnaire_id.as_str())
            .collect();
        reasons.push(format!(
            "campaign {id} (\"{name}\") asks {}, none of this campaign's questionnaires: a next \
             round asks the same questionnaires (their versions may change)",
            old.join(", ")
        ));
    }
    reasons
}
