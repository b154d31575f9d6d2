//! Demo data: campaigns a new user can look at right after the first start.

pub mod analyst;
mod answering;
mod duties;
pub mod peer_review;
mod previous_round;
mod review;
mod sharing;
mod synthetic;

use chrono::{Days, Utc};

use crate::campaigns::Tlp;
use crate::invitations::{Token, link};
use crate::participants::OrganisationKind;
use crate::questionnaire::{Audience, Catalogue};
use crate::storage::campaigns::{self, CampaignDetails, NewCampaign, QuestionnaireChoice};
use crate::storage::invitations;
use crate::storage::organisations::{self, NewOrganisation};
use crate::storage::participants::{self, NewParticipant};
use crate::storage::{DbConn, StorageError};

const SENDER: &str = "CSIRTs Network secretariat (demo)";

/// The organisation the demo respondent answers for, in every demo campaign.
const DEMO_ORGANISATION: &str = "Demo National CSIRT";

/// The demo campaign that follows an earlier round (`previous_round`).
const NEXT_ROUND: &str = "CSIRT maturity self-assessment (demo)";

/// The demo campaigns: name, TLP label, questionnaire ids.
const CAMPAIGNS: [(&str, Tlp, &[&str]); 3] = [
    (
        "CSIRT maturity self-assessment (demo)",
        Tlp::Amber,
        &["csirt-maturity"],
    ),
    (
        "CSIRT–law enforcement cooperation (demo)",
        Tlp::Green,
        &[
            "csirt-le-cooperation-csirt",
            "csirt-le-cooperation-lea",
            "csirt-le-cooperation-judiciary",
        ],
    ),
    // The same national CSIRTs as the maturity campaign: their NIS2 answers are read
    // against their SIM3 levels there.
    (
        "NIS2 readiness of national CSIRTs (demo)",
        Tlp::Amber,
        &["nis2-csirt"],
    ),
];

/// Why the demo could not be seeded.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Response(#[from] crate::responses::ResponseError),
    /// A synthetic answer that a respondent's form would refuse: a bug in the generator.
    #[error(
        "the demo's answer to {questionnaire} question {question} fails the form's checks: {message}"
    )]
    Refused {
        questionnaire: String,
        question: String,
        message: String,
    },
}

/// A demo campaign with the respondent link of its demo participant.
pub struct DemoCampaign {
    pub details: CampaignDetails,
    /// `{base_url}/r/{token}`: a fresh token at every start, since only hashes are kept.
    pub respondent_link: String,
    /// For a campaign that asks the judiciary, a prosecutor's link, answering in French.
    pub judiciary_link: Option<String>,
}

/// Who a demo link is for.
struct DemoPerson {
    /// Before the campaign's id in the address.
    mailbox: &'static str,
    name: &'static str,
    audience: OrganisationKind,
    language: &'static str,
    organisation: &'static str,
}

/// The demo respondent of every campaign.
const RESPONDENT: DemoPerson = DemoPerson {
    mailbox: "demo-respondent",
    name: "Demo respondent",
    audience: OrganisationKind::Csirt,
    language: "en",
    organisation: DEMO_ORGANISATION,
};

/// The demo prosecutor of a campaign that asks the judiciary; French shows the
/// interface's and the questionnaire's translation.
const PROSECUTOR: DemoPerson = DemoPerson {
    mailbox: "demo-prosecutor",
    name: "Demo prosecutor",
    audience: OrganisationKind::Judiciary,
    language: "fr",
    organisation: "Demo Public Prosecutor's Office",
};

/// Seeds the demo campaigns (once) and gives each a demo participant whose link works
/// from now on; earlier demo links stop working.
pub fn seed_with_links(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    base_url: &str,
) -> Result<Vec<DemoCampaign>, DemoError> {
    let mut result = Vec::new();
    for details in seed(conn, catalogue)? {
        let link = crate::storage::write_transaction(conn, |conn| {
            demo_link(conn, &details, base_url, &RESPONDENT)
        })?;
        let asks_judiciary = details
            .questionnaires
            .iter()
            .any(|q| q.audience == PROSECUTOR.audience);
        let judiciary_link = match asks_judiciary {
            true => Some(crate::storage::write_transaction(conn, |conn| {
                demo_link(conn, &details, base_url, &PROSECUTOR)
            })?),
            false => None,
        };
        result.push(DemoCampaign {
            details,
            respondent_link: link,
            judiciary_link,
        });
    }
    Ok(result)
}

fn demo_link(
    conn: &mut DbConn,
    details: &CampaignDetails,
    base_url: &str,
    who: &DemoPerson,
) -> Result<String, StorageError> {
    let campaign_id = details.campaign.id;
    let email = format!("{}-{campaign_id}@example.org", who.mailbox);
    let participant = match participants::list_participants(conn, campaign_id)?
        .into_iter()
        .find(|p| p.email == email)
    {
        Some(p) => p,
        None => {
            let organisation = demo_organisation_of(conn, who)?;
            participants::add_participant(
                conn,
                &NewParticipant {
                    campaign_id,
                    organisation_id: organisation.id,
                    email: &email,
                    name: who.name,
                    audience: who.audience,
                    language: Some(who.language),
                },
            )?
        }
    };
    let token = Token::generate();
    match invitations::campaign_invitations(conn, campaign_id)?
        .into_iter()
        .find(|s| s.participant.id == participant.id)
    {
        Some(status) => invitations::replace_token(conn, status.invitation.id, &token.hash())?,
        None => {
            invitations::create_invitation(conn, participant.id, &token.hash())?;
        }
    }
    Ok(link(base_url, &token))
}

/// The demo respondent's organisation, the same one in every round.
fn demo_organisation(conn: &mut DbConn) -> Result<organisations::Organisation, StorageError> {
    demo_organisation_of(conn, &RESPONDENT)
}

/// The organisation a demo person answers for, the same one in every round.
fn demo_organisation_of(
    conn: &mut DbConn,
    who: &DemoPerson,
) -> Result<organisations::Organisation, StorageError> {
    organisations::find_or_create_organisation(
        conn,
        &NewOrganisation {
            name: who.organisation,
            kind: who.audience,
            country: "LU",
        },
    )
}

/// Creates the demo campaigns that do not exist yet and returns all of them; the maturity
/// campaign comes with the round it follows, a year before (not returned: it is closed).
/// Running it again adds nothing.
pub fn seed(conn: &mut DbConn, catalogue: &Catalogue) -> Result<Vec<CampaignDetails>, DemoError> {
    let existing = campaigns::list_campaigns(conn)?;
    let closes_on = Utc::now().date_naive() + Days::new(60);
    let mut seeded = Vec::new();
    let mut next_round = None;
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
        let details = campaigns::create_campaign(conn, &new)?;
        let questionnaires: Vec<_> = details
            .questionnaires
            .iter()
            .filter_map(|c| {
                catalogue
                    .get(&c.questionnaire_id)
                    .map(|q| (c.audience, q.clone()))
            })
            .collect();
        let draw = synthetic::Draw::of(&details);
        synthetic::populate(conn, &details, &questionnaires, synthetic::now(), draw)?;
        if questionnaires
            .iter()
            .any(|(_, q)| crate::disclosure::is_shareable(q))
        {
            sharing::seed(conn, &details)?;
        }
        if name == NEXT_ROUND {
            review::seed(conn, &details, &questionnaires, synthetic::now())?;
            next_round = Some((seeded.len(), questionnaires));
        }
        seeded.push(details);
    }
    // After the others, so that the campaigns made before it keep their ids (and with them
    // their synthetic answers).
    if let Some((at, questionnaires)) = next_round {
        previous_round::seed(conn, &seeded[at], &questionnaires)?;
        // Read again: it follows the earlier round now.
        seeded[at] = campaigns::get_campaign(conn, seeded[at].campaign.id)?;
    }
    Ok(seeded)
}
