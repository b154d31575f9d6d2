//! Reading a campaign's responses: the list and its filters, one response opened
//! (answers, scores, history, the mails of its invitation; audited; nothing about the
//! response changes), its radar, and who may read them; in `pages`, and in `api` the API
//! saying the same; in `paging`, a long list a page at a time. Here, the campaigns they
//! start from and what they check them by.

mod answer_history;
mod api;
mod pages;
mod paging;

use liaison::ids::ResponseId;
use liaison::mail::OutboxKind;
use liaison::participants::OrganisationKind;
use liaison::questionnaire::Answers;
use liaison::responses::{self, Response, ResponseEvent};
use liaison::storage::audit::AuditEntry;
use liaison::storage::outbox::{NewOutboxMail, enqueue};
use liaison::storage::{DbConn, invitations};
use liaison::survey::display_answer;

use crate::fixtures::{
    CampaignBuilder, MATURITY, ParticipantBuilder, ResponseBuilder, every_answer,
    parameter_answers, questionnaire,
};
use crate::helpers::{TestApp, audited};

/// The cooperation questionnaire of law enforcement.
const COOPERATION_LEA: &str = "csirt-le-cooperation-lea";

/// A link token the test queues with a mail: no page or answer may show it.
const QUEUED_TOKEN: &str = "tok-never-shown-9f3a";

/// A campaign of both models: a submitted CSIRT in AT, a CSIRT draft in BE, a submitted
/// LEA in BE, and a CSIRT in DE who never started.
pub struct Seeded {
    pub campaign: i64,
    pub austria: i64,
    pub belgium_draft: i64,
    pub police: i64,
}

pub fn seed(conn: &mut DbConn, name: &str) -> Seeded {
    let maturity = questionnaire(MATURITY);
    let cooperation = questionnaire(COOPERATION_LEA);
    let built = CampaignBuilder::new(name)
        .questionnaire(MATURITY)
        .questionnaire(COOPERATION_LEA)
        .participant(
            ParticipantBuilder::new(&format!("desk@{name}.cert.at"))
                .organisation(&format!("CERT Austria {name}"))
                .response(ResponseBuilder::submitted(every_answer(
                    maturity, 3.0, "AT",
                ))),
        )
        .participant(
            ParticipantBuilder::new(&format!("desk@{name}.cert.be"))
                .organisation(&format!("CERT Belgium {name}"))
                .country("BE")
                .response(ResponseBuilder::draft(parameter_answers(maturity, |_| "1"))),
        )
        .participant(
            ParticipantBuilder::new(&format!("unit@{name}.police.be"))
                .organisation(&format!("Federal Police {name}"))
                .audience(OrganisationKind::Lea)
                .country("BE")
                .response(ResponseBuilder::submitted(every_answer(
                    cooperation,
                    3.0,
                    "BE",
                ))),
        )
        .participant(
            ParticipantBuilder::new(&format!("desk@{name}.cert.de"))
                .organisation(&format!("CERT Germany {name}"))
                .country("DE"),
        )
        .build(conn);
    let response = |i: usize| built.participants[i].response_id();
    Seeded {
        campaign: built.id(),
        austria: response(0),
        belgium_draft: response(1),
        police: response(2),
    }
}

/// A campaign of `n` draft responses named "Org 000", "Org 001", …: every third one law
/// enforcement in BE, the others CSIRTs in AT. Its id, and the response ids in the list's
/// order.
pub fn seed_many(conn: &mut DbConn, name: &str, n: usize) -> (i64, Vec<i64>) {
    let maturity = questionnaire(MATURITY);
    let cooperation = questionnaire(COOPERATION_LEA);
    let participants = (0..n).map(|i| {
        let (q, audience, country) = if i % 3 == 0 {
            (cooperation, OrganisationKind::Lea, "BE")
        } else {
            (maturity, OrganisationKind::Csirt, "AT")
        };
        ParticipantBuilder::new(&format!("desk{i}@{name}.example.org"))
            .organisation(&format!("Org {i:03} {name}"))
            .audience(audience)
            .country(country)
            .response(ResponseBuilder::draft(every_answer(q, 2.0, country)))
    });
    let built = CampaignBuilder::new(name)
        .questionnaire(MATURITY)
        .questionnaire(COOPERATION_LEA)
        .participants(participants)
        .build(conn);
    let ids = built.participants.iter().map(|p| p.response_id()).collect();
    (built.id(), ids)
}

/// Queues a reminder for the invitation of `response`, still holding its link token.
pub fn queue_mail(conn: &mut DbConn, response: i64) {
    let invitation = responses::view(conn, ResponseId(response))
        .expect("the response")
        .response
        .invitation_id;
    let mail = NewOutboxMail {
        kind: OutboxKind::Reminder,
        invitation_id: Some(invitation),
        recipient: "desk@example.org",
        subject: "Reminder",
        body_text: "Your link: {{link_token}}",
        body_html: "<p>{{link_token}}</p>",
        message_id: &format!("<reminder-{response}@test.invalid>"),
        link_token: Some(QUEUED_TOKEN),
    };
    enqueue(conn, &mail).expect("queued");
}

/// What the analyst's reading must leave untouched: the response, its answers and
/// history, and when its link was first opened.
pub type Untouched = (
    Response,
    Answers,
    Vec<ResponseEvent>,
    Option<chrono::NaiveDateTime>,
);

pub fn untouched(conn: &mut DbConn, response: i64) -> Untouched {
    let view = responses::view(conn, ResponseId(response)).expect("the response");
    let invitation =
        invitations::get_invitation(conn, view.response.invitation_id).expect("the invitation");
    (
        view.response,
        view.answers,
        view.events,
        invitation.opened_at,
    )
}

/// The `response.open` entries, oldest first.
pub fn openings(app: &TestApp) -> Vec<AuditEntry> {
    audited(app, "response.open")
}

/// The first question of the shipped questionnaire `id` and the answer the seeded
/// response in `country` gives it, as the review page shows them.
pub fn first_answer(id: &str, country: &str) -> (String, String) {
    let q = questionnaire(id);
    let given = every_answer(q, 3.0, country);
    let question = &q.sections()[0].questions()[0];
    let shown = display_answer(question, &given[question.id()], "en");
    (question.text().get("en").to_owned(), shown)
}
