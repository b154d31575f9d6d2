//! The respondent's side of a review by the campaign's team, over HTTP: after a change
//! request the link opens only the flagged answers, each with the reviewer's comment and
//! a reply field; a forged post to any other answer is refused and changes nothing; a
//! resubmit mails the reviewers; the result page says where the review stands.

mod mails;
mod pages;

use diesel::prelude::*;
use liaison::accounts::Role;
use liaison::ids::{AnalystId, InvitationId, ResponseId};
use liaison::invitations::{InvitationError, queue_accepted, queue_changes_requested};
use liaison::mail::OutboxKind;
use liaison::questionnaire::Answers;
use liaison::responses::{self, Actor, CommentInput, Decision};
use liaison::storage::DbConn;
use liaison::storage::analysts::{assign_campaign, create_analyst, find_by_email, set_reviewer};
use liaison::storage::invitations::campaign_invitations;
use liaison::storage::{self, outbox, schema};
use serde_json::json;

use crate::fixtures::{catalogue, every_answer, questionnaire};
use crate::helpers::{TestApp, spawn_app};
use crate::respondent::{Participant, Respondent, invite_to};

/// The questionnaire answered in English: every question a level.
pub const QUESTIONNAIRE: &str = "csirt-maturity";
/// A questionnaire that speaks German too.
pub const GERMAN_QUESTIONNAIRE: &str = "csirt-le-cooperation-csirt";
pub const REVIEWER: &str = "reviewer@example.org";

/// A submitted response in a campaign that requires review, with one reviewer, on an
/// app of its own; it reads as its [`Submitted`].
pub struct Reviewed {
    pub app: TestApp,
    pub on: Submitted,
}

impl std::ops::Deref for Reviewed {
    type Target = Submitted;
    fn deref(&self) -> &Submitted {
        &self.on
    }
}

/// A submitted response of a campaign (requiring review or not) and its reviewer.
pub struct Submitted {
    pub respondent: Respondent,
    pub response: ResponseId,
    pub reviewer: AnalystId,
    pub questionnaire: &'static str,
}

/// The questions a test flags in `questionnaire` (the first of sections 1 and 2) and
/// one it leaves locked (the second of section 1).
pub fn questions_of(questionnaire_id: &str) -> (String, String, String) {
    let q = questionnaire(questionnaire_id);
    let id = |s: usize, n: usize| q.sections()[s].questions()[n].id().to_owned();
    (id(0, 0), id(1, 0), id(0, 1))
}

/// [`questions_of`] the English questionnaire.
pub fn questions() -> (String, String, String) {
    questions_of(QUESTIONNAIRE)
}

/// The text of question `id` of the English questionnaire.
pub fn question_text(id: &str) -> String {
    let q = questionnaire(QUESTIONNAIRE);
    q.question(id)
        .expect("a question")
        .text()
        .get("en")
        .to_owned()
}

/// A campaign requiring review (or not), its participant speaking `language` (German
/// gets the questionnaire that speaks it), every answer given and the response
/// submitted through its page, and a reviewer assigned.
pub async fn submitted(review_required: bool, language: &str) -> Reviewed {
    let app = spawn_app().await;
    let on = submitted_on(&app, review_required, language).await;
    Reviewed { app, on }
}

/// [`submitted`] on `app`, in a campaign of its own (the reviewer's account is made once).
pub async fn submitted_on(app: &TestApp, review_required: bool, language: &str) -> Submitted {
    let questionnaire_id = if language == "de" {
        GERMAN_QUESTIONNAIRE
    } else {
        QUESTIONNAIRE
    };
    let campaign = app
        .create_campaign(json!({"name": "Reviewed 2027", "questionnaires": [questionnaire_id], "closes_on": "2099-01-31", "review_required": review_required}))
        .await;
    let who = Participant {
        email: "desk@csirt.example.org",
        organisation: "Team R",
        kind: "csirt",
        language,
    };
    let respondent = invite_to(app, campaign, &who).await;
    let mut conn = app.db.conn();
    let response = answer_everything(&mut conn, campaign, questionnaire_id, language);
    drop(conn);
    assert_eq!(respondent.post("/submit", &[]).await.status(), 303);
    let mut conn = app.db.conn();
    let reviewer = match find_by_email(&mut conn, REVIEWER).expect("lookup") {
        Some(found) => found,
        None => create_analyst(&mut conn, REVIEWER, "x", Role::Analyst).expect("analyst"),
    };
    assign_campaign(&mut conn, reviewer.id, campaign).expect("assigned");
    set_reviewer(&mut conn, reviewer.id, campaign, true).expect("reviewer");
    Submitted {
        respondent,
        response,
        reviewer: AnalystId(reviewer.id),
        questionnaire: questionnaire_id,
    }
}

/// Saves an answer to every question (levels at 2) for the campaign's one invitation.
fn answer_everything(
    conn: &mut DbConn,
    campaign: i64,
    questionnaire_id: &str,
    language: &str,
) -> ResponseId {
    let invitation = InvitationId(
        campaign_invitations(conn, campaign).expect("invitations")[0]
            .invitation
            .id,
    );
    let q = questionnaire(questionnaire_id);
    let who = responses::Respondent {
        invitation,
        questionnaire: q,
        language,
    };
    let (actor, at) = (Actor::Link(invitation), storage::now());
    let started = responses::start(conn, &who, actor, at).expect("started");
    let answers = q.visible_answers(&every_answer(q, 2.0, "AT"));
    let ids: Vec<&str> = q.questions().map(|x| x.id()).collect();
    let id = ResponseId(started.id);
    responses::save_answers(conn, id, &ids, &answers, actor, at).expect("answered");
    id
}

fn flag(question: &str, body: &str) -> CommentInput {
    CommentInput {
        question: question.to_owned(),
        body: body.to_owned(),
        please_change: true,
    }
}

impl Reviewed {
    /// [`Submitted::request_changes`] on this app.
    pub fn request_changes(&mut self) {
        self.on.request_changes(&self.app);
    }

    /// [`Submitted::accept`] on this app.
    pub fn accept(&self) {
        self.on.accept(&self.app);
    }

    /// The stored answers.
    pub fn answers(&self) -> Answers {
        let mut conn = self.app.db.conn();
        storage::responses::load_answers(&mut conn, self.response.get()).expect("answers")
    }
}

impl Submitted {
    /// The reviewer sends the first questions of sections 1 and 2 back with comments and
    /// the mail is queued, as the analyst's handler does; the respondent then follows the
    /// fresh link of that mail.
    pub fn request_changes(&mut self, app: &TestApp) {
        let (a, b, _) = questions_of(self.questionnaire);
        let comments = [flag(&a, "Which team runs this <service>?"), flag(&b, "")];
        self.decide(app, Decision::RequestChanges, &comments);
        let path = mailed_link(app, OutboxKind::ChangesRequested);
        self.respondent = Respondent::at(&app.address, &path, self.respondent.campaign);
    }

    /// The reviewer accepts the response and its mail is queued.
    pub fn accept(&self, app: &TestApp) {
        self.decide(app, Decision::Accept, &[]);
    }

    fn decide(&self, app: &TestApp, decision: Decision, comments: &[CommentInput]) {
        let mut conn = app.db.conn();
        let q = questionnaire(self.questionnaire);
        let at = storage::now();
        storage::write_transaction(&mut conn, |conn| {
            responses::review(
                conn,
                self.response,
                self.reviewer,
                decision,
                comments,
                q,
                at,
            )
            .map_err(|e| InvitationError::NotFound(e.to_string()))?;
            let base = "http://127.0.0.1";
            match decision {
                Decision::RequestChanges => {
                    queue_changes_requested(conn, catalogue(), base, self.response, at)
                }
                Decision::Accept => queue_accepted(conn, catalogue(), base, self.response, at),
            }
        })
        .expect("decided");
    }
}

/// The `/r/{token}` path in the latest mail of `kind`.
pub fn mailed_link(app: &TestApp, kind: OutboxKind) -> String {
    let mut conn = app.db.conn();
    let mail = outbox::list(&mut conn, None)
        .expect("the outbox")
        .into_iter()
        .rfind(|m| m.kind == kind)
        .expect("a mail of that kind");
    format!("/r/{}", crate::helpers::link_token(&mail.text_to_send()))
}

impl Reviewed {
    /// How many rows the answer history, the response's events and the review comments
    /// hold.
    pub fn rows(&self) -> (i64, i64, i64) {
        use schema::{answer_history, response_events, review_comments};
        let mut conn = self.app.db.conn();
        let history = answer_history::table
            .count()
            .get_result(&mut conn)
            .expect("history");
        let events = response_events::table
            .count()
            .get_result(&mut conn)
            .expect("events");
        let comments = review_comments::table
            .count()
            .get_result(&mut conn)
            .expect("comments");
        (history, events, comments)
    }

    /// The kinds and recipients of every mail in the outbox, oldest first.
    pub fn mails(&self) -> Vec<(OutboxKind, String)> {
        let mut conn = self.app.db.conn();
        outbox::list(&mut conn, None)
            .expect("the outbox")
            .into_iter()
            .map(|m| (m.kind, m.recipient))
            .collect()
    }
}
