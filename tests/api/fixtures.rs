//! The world a test starts from, built one way: a campaign, its participants, and each
//! participant's response in the state the test needs, with the answers it needs.
//!
//! Campaigns, organisations, participants and invitations are written through storage as an
//! import would leave them; answers and states change only through `liaison::responses`
//! (`save_section` for every section, then `submit`), as they do for a respondent. The module
//! uses nothing of the test binary, so a benchmark can take it in with `#[path]`.
//!
//! ```ignore
//! let campaign = CampaignBuilder::new("Maturity 2026")
//!     .questionnaire(MATURITY)
//!     .participant(ParticipantBuilder::new("desk@cert.example.org").country("BE")
//!         .response(ResponseBuilder::submitted(answers)))
//!     .build(conn);
//! ```

use std::path::Path;
use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime};
use liaison::campaigns::{Tlp, audience_of};
use liaison::ids::{InvitationId, ResponseId};
use liaison::participants::OrganisationKind;
use liaison::questionnaire::{Answers, Catalogue, Questionnaire};
use liaison::responses::{self, Actor, Respondent};
use liaison::storage::campaigns::{CampaignDetails, NewCampaign, QuestionnaireChoice};
use liaison::storage::organisations::{NewOrganisation, find_or_create_organisation};
use liaison::storage::participants::{NewParticipant, add_participant};
use liaison::storage::{self, DbConn};

// Named by path so that a file taking this one in by `#[path]` finds it too.
#[path = "fixtures/answers.rs"]
mod answers;

pub use answers::{closest, every_answer, every_cell, parameter_answers};

/// The shipped SIM3 maturity questionnaire, for CSIRTs.
pub const MATURITY: &str = "csirt-maturity";

/// The shipped questionnaires, loaded once.
pub fn catalogue() -> &'static Catalogue {
    static SHIPPED: LazyLock<Catalogue> = LazyLock::new(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
        Catalogue::load(&dir).expect("the shipped questionnaires load")
    });
    &SHIPPED
}

/// The shipped questionnaire `id`.
pub fn questionnaire(id: &str) -> &'static Questionnaire {
    catalogue()
        .get(id)
        .unwrap_or_else(|| panic!("shipped questionnaire {id}"))
}

/// A campaign to create: by default "ENISA"'s AMBER campaign closing on 30 June 2030.
#[must_use]
pub struct CampaignBuilder {
    name: String,
    tlp: Tlp,
    sender: String,
    closes_on: NaiveDate,
    questionnaires: Vec<&'static Questionnaire>,
    participants: Vec<ParticipantBuilder>,
}

/// What `CampaignBuilder::build` made.
pub struct BuiltCampaign {
    pub details: CampaignDetails,
    /// The participants, in the order given.
    pub participants: Vec<BuiltParticipant>,
}

/// One participant as built: its response, if it was started.
pub struct BuiltParticipant {
    pub response: Option<ResponseId>,
}

impl BuiltCampaign {
    pub fn id(&self) -> i64 {
        self.details.campaign.id
    }
}

impl BuiltParticipant {
    /// The response's id; the participant must have one.
    pub fn response_id(&self) -> i64 {
        self.response.expect("a started response").get()
    }
}

impl CampaignBuilder {
    pub fn new(name: &str) -> Self {
        CampaignBuilder {
            name: name.to_owned(),
            tlp: Tlp::Amber,
            sender: "ENISA".to_owned(),
            closes_on: NaiveDate::from_ymd_opt(2030, 6, 30).expect("a date"),
            questionnaires: Vec::new(),
            participants: Vec::new(),
        }
    }

    /// Asks the audience of the shipped questionnaire `id` to answer it.
    pub fn questionnaire(mut self, id: &str) -> Self {
        self.questionnaires.push(questionnaire(id));
        self
    }

    pub fn tlp(mut self, tlp: Tlp) -> Self {
        self.tlp = tlp;
        self
    }

    pub fn participant(mut self, participant: ParticipantBuilder) -> Self {
        self.participants.push(participant);
        self
    }

    pub fn participants(mut self, all: impl IntoIterator<Item = ParticipantBuilder>) -> Self {
        self.participants.extend(all);
        self
    }

    /// Records the shipped questionnaires, creates the campaign, then each participant with
    /// an invitation and, where one was given, its response.
    pub fn build(self, conn: &mut DbConn) -> BuiltCampaign {
        storage::questionnaires::record_catalogue(conn, catalogue()).expect("questionnaires");
        let choices = self
            .questionnaires
            .iter()
            .map(|q| QuestionnaireChoice {
                audience: audience_of(q.audience()).expect("a questionnaire for one audience"),
                questionnaire_id: q.id().to_owned(),
                questionnaire_version: q.version().to_owned(),
            })
            .collect();
        let new = NewCampaign {
            name: self.name,
            tlp: self.tlp,
            sender_organisation: self.sender,
            closes_on: self.closes_on,
            questionnaires: choices,
        };
        let details = storage::campaigns::create_campaign(conn, &new).expect("campaign");
        let participants = self
            .participants
            .into_iter()
            .map(|p| {
                let q = self
                    .questionnaires
                    .iter()
                    .find(|q| audience_of(q.audience()) == Some(p.audience))
                    .expect("a questionnaire for every participant's audience");
                p.add_to(conn, details.campaign.id, q)
            })
            .collect();
        BuiltCampaign {
            details,
            participants,
        }
    }
}

/// A participant: by default a CSIRT in AT, its desk named "Desk", its organisation named
/// after its e-mail domain, invited and not started.
#[must_use]
pub struct ParticipantBuilder {
    email: String,
    name: String,
    organisation: String,
    audience: OrganisationKind,
    country: String,
    response: Option<ResponseBuilder>,
}

impl ParticipantBuilder {
    pub fn new(email: &str) -> Self {
        let domain = email.rsplit('@').next().unwrap_or(email);
        ParticipantBuilder {
            email: email.to_owned(),
            name: "Desk".to_owned(),
            organisation: domain.to_owned(),
            audience: OrganisationKind::Csirt,
            country: "AT".to_owned(),
            response: None,
        }
    }

    /// The contact's name.
    pub fn name(mut self, name: &str) -> Self {
        self.name = name.to_owned();
        self
    }

    pub fn organisation(mut self, name: &str) -> Self {
        self.organisation = name.to_owned();
        self
    }

    pub fn audience(mut self, audience: OrganisationKind) -> Self {
        self.audience = audience;
        self
    }

    pub fn country(mut self, country: &str) -> Self {
        self.country = country.to_owned();
        self
    }

    pub fn response(mut self, response: ResponseBuilder) -> Self {
        self.response = Some(response);
        self
    }

    /// Adds the participant to `campaign`, whose questionnaire for its audience is `q`.
    pub fn add_to(self, conn: &mut DbConn, campaign: i64, q: &Questionnaire) -> BuiltParticipant {
        let organisation = NewOrganisation {
            name: &self.organisation,
            kind: self.audience,
            country: &self.country,
        };
        let org = find_or_create_organisation(conn, &organisation).expect("organisation");
        let new = NewParticipant {
            campaign_id: campaign,
            organisation_id: org.id,
            email: &self.email,
            name: &self.name,
            audience: self.audience,
            language: None,
        };
        let participant = add_participant(conn, &new).expect("participant");
        // Unique per campaign and address; no test opens these links by token.
        let hash = format!("hash-{campaign}-{}", self.email);
        let invitation = storage::invitations::create_invitation(conn, participant.id, &hash)
            .expect("invitation");
        let invitation = InvitationId(invitation.id);
        let response = self.response.map(|r| r.build(conn, invitation, q));
        BuiltParticipant { response }
    }
}

/// A started response: a draft holding `answers`, or submitted with them (now, or `at`).
#[must_use]
pub struct ResponseBuilder {
    answers: Answers,
    submitted: Option<Option<NaiveDateTime>>,
}

impl ResponseBuilder {
    pub fn draft(answers: Answers) -> Self {
        ResponseBuilder {
            answers,
            submitted: None,
        }
    }

    pub fn submitted(answers: Answers) -> Self {
        ResponseBuilder {
            answers,
            submitted: Some(None),
        }
    }

    /// When the response was submitted.
    pub fn at(mut self, at: NaiveDateTime) -> Self {
        self.submitted = Some(Some(at));
        self
    }

    /// Saves every section of `q` in English for the respondent of `invitation`, as the
    /// survey pages do, and submits if asked.
    pub fn build(
        self,
        conn: &mut DbConn,
        invitation: InvitationId,
        q: &Questionnaire,
    ) -> ResponseId {
        let who = Respondent {
            invitation,
            questionnaire: q,
            language: "en",
        };
        let actor = Actor::Link(invitation);
        let now = storage::now();
        let mut id = None;
        for section in 0..q.sections().len() {
            let saved = responses::save_section(conn, &who, section, &self.answers, actor, now)
                .expect("the section is saved");
            id = Some(ResponseId(saved.id));
        }
        let id = id.expect("a questionnaire with sections");
        if let Some(at) = self.submitted {
            responses::submit(conn, id, q, actor, at.unwrap_or(now)).expect("submitted");
        }
        id
    }
}
