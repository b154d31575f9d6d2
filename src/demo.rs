//! Demo data: campaigns a new user can look at right after the first start.

use chrono::{Days, Utc};

use crate::questionnaire::{Audience, Catalogue};
use crate::storage::campaigns::{self, CampaignDetails, NewCampaign, QuestionnaireChoice};
use crate::storage::{DbConn, OrganisationKind, StorageError, Tlp};

const SENDER: &str = "CSIRTs Network secretariat (demo)";

/// The demo campaigns: name, TLP label, questionnaire ids.
const CAMPAIGNS: [(&str, Tlp, &[&str]); 2] = [
    (
        "CSIRT maturity self-assessment (demo)",
        Tlp::Amber,
        &["csirt-maturity"],
    ),
    (
        "CSIRT–law enforcement cooperation (demo)",
        Tlp::Green,
        &["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"],
    ),
];

/// Creates the demo campaigns that do not exist yet and returns all of them.
/// Running it again adds nothing.
pub fn seed(
    conn: &mut DbConn,
    catalogue: &Catalogue,
) -> Result<Vec<CampaignDetails>, StorageError> {
    let existing = campaigns::list_campaigns(conn)?;
    let closes_on = Utc::now().date_naive() + Days::new(60);
    let mut seeded = Vec::new();
    for (name, tlp, questionnaire_ids) in CAMPAIGNS {
        if let Some(found) = existing.iter().find(|c| c.campaign.name == name) {
            seeded.push(found.clone());
            continue;
        }
        let questionnaires = questionnaire_ids
            .iter()
            .filter_map(|id| catalogue.get(id))
            .filter_map(|q| {
                let audience = match q.audience() {
                    Audience::Csirt => OrganisationKind::Csirt,
                    Audience::Lea => OrganisationKind::Lea,
                    Audience::Judiciary => OrganisationKind::Judiciary,
                    Audience::Any => return None,
                };
                Some(QuestionnaireChoice {
                    audience,
                    questionnaire_id: q.id().to_owned(),
                    questionnaire_version: q.version().to_owned(),
                })
            })
            .collect();
        let new = NewCampaign {
            name: name.to_owned(),
            tlp,
            sender_organisation: SENDER.to_owned(),
            closes_on,
            questionnaires,
        };
        seeded.push(campaigns::create_campaign(conn, &new)?);
    }
    Ok(seeded)
}
