//! Review by the campaign's team, on every backend: each decision is one compare-and-set
//! with its event and comments, each refusal writes nothing, and after a change request
//! only the flagged answers (and their evidence) may change.

use liaison::accounts::Role;
use liaison::evidence::{self, Change, EvidenceError, EvidenceLimits};
use liaison::ids::{AnalystId, ResponseId};
use liaison::questionnaire::Answer;
use liaison::responses::{self, CommentInput, Decision, ResponseError, ResponseState};
use liaison::storage::DbConn;
use liaison::storage::analysts::{assign_campaign, create_analyst, set_reviewer};
use liaison::storage::campaigns::{CampaignSettings, set_settings};
use liaison::storage::review_comments::{self, review_rule_of};

use super::{World, at};
use crate::test_db::TestDb;

/// A submitted response of team one in a campaign that requires review (or not), with a
/// reviewer, an analyst assigned without the flag and an admin not assigned.
struct Setup {
    world: World,
    response: ResponseId,
    reviewer: AnalystId,
    assigned_only: AnalystId,
    admin: AnalystId,
}

fn setup(conn: &mut DbConn, review_required: bool) -> Setup {
    let world = World::new(conn);
    let response = world.save_all(conn, 0, 3, at(0));
    let q = &world.questionnaire;
    responses::submit(conn, response, q, world.link(0), at(10)).expect("submit");
    let (campaign, _) = review_rule_of(conn, response.get()).expect("campaign");
    let settings = CampaignSettings {
        review_required: Some(review_required),
        ..CampaignSettings::default()
    };
    set_settings(conn, campaign, &settings).expect("settings");
    let account = |conn: &mut DbConn, email: &str, role| {
        AnalystId(create_analyst(conn, email, "x", role).expect("analyst").id)
    };
    let reviewer = account(conn, "reviewer@example.org", Role::Analyst);
    let assigned_only = account(conn, "analyst@example.org", Role::Analyst);
    let admin = account(conn, "admin@example.org", Role::Admin);
    for a in [reviewer, assigned_only] {
        assign_campaign(conn, a.get(), campaign).expect("assign");
    }
    set_reviewer(conn, reviewer.get(), campaign, true).expect("reviewer");
    Setup {
        world,
        response,
        reviewer,
        assigned_only,
        admin,
    }
}

fn first_two(setup: &Setup) -> [String; 2] {
    let mut ids = setup
        .world
        .questionnaire
        .questions()
        .map(|q| q.id().to_owned());
    let a = ids.next().expect("a question");
    let b = ids.next().expect("a second question");
    [a, b]
}

fn flag(question: &str, body: &str) -> CommentInput {
    CommentInput {
        question: question.to_owned(),
        body: body.to_owned(),
        please_change: true,
    }
}

fn decide(
    conn: &mut DbConn,
    s: &Setup,
    who: AnalystId,
    decision: Decision,
    comments: &[CommentInput],
    minute: i64,
) -> Result<responses::Reviewed, ResponseError> {
    let q = &s.world.questionnaire;
    responses::review(conn, s.response, who, decision, comments, q, at(minute))
}

fn request_two(conn: &mut DbConn, s: &Setup) -> [String; 2] {
    let [a, b] = first_two(s);
    let comments = [
        flag(&a, "Which team does this?"),
        flag(&b, "Show the plan."),
    ];
    let reviewed = decide(conn, s, s.reviewer, Decision::RequestChanges, &comments, 20)
        .expect("changes requested");
    assert_eq!(reviewed.response.state, ResponseState::ChangesRequested);
    assert_eq!(reviewed.flagged, vec![a.clone(), b.clone()]);
    [a, b]
}

#[test]
fn a_reviewer_sends_a_response_back_and_only_the_flagged_answers_reopen() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let s = setup(&mut conn, true);
        let first_submit = responses::view(&mut conn, s.response)
            .expect("view")
            .response;
        let [a, b] = request_two(&mut conn, &s);

        let view = responses::view(&mut conn, s.response).expect("view");
        assert_eq!(
            view.response.submitted_at, first_submit.submitted_at,
            "{db}"
        );
        let last = view.events.last().expect("event");
        assert_eq!(last.to, ResponseState::ChangesRequested, "{db}");
        let flagged =
            review_comments::flagged_questions(&mut conn, s.response.get()).expect("flags");
        assert_eq!(
            flagged.into_iter().collect::<Vec<_>>(),
            vec![a.clone(), b.clone()],
            "{db}"
        );

        // The flagged answer changes; a locked one does not, and nothing is written.
        let mut changed = view.answers.clone();
        changed.insert(a.clone(), Answer::Choice("1".into()));
        responses::save_answers(
            &mut conn,
            s.response,
            &[&a],
            &changed,
            s.world.link(0),
            at(30),
        )
        .expect("a flagged answer changes");
        let third = s
            .world
            .questionnaire
            .questions()
            .nth(2)
            .expect("third")
            .id()
            .to_owned();
        let before = responses::view(&mut conn, s.response).expect("view");
        let mut forged = before.answers.clone();
        forged.insert(third.clone(), Answer::Choice("0".into()));
        let refused = responses::save_answers(
            &mut conn,
            s.response,
            &[&a, &third],
            &forged,
            s.world.link(0),
            at(31),
        );
        assert!(
            matches!(&refused, Err(ResponseError::Locked { question, .. }) if *question == third),
            "{db}: {refused:?}"
        );
        let after = responses::view(&mut conn, s.response).expect("view");
        assert_eq!(after.answers, before.answers, "{db}: nothing changed");
        assert_eq!(after.changes, before.changes, "{db}: no history row");

        // Replies go to flagged questions only.
        let kept = responses::save_replies(
            &mut conn,
            s.response,
            s.world.invitations[0],
            &[(b.clone(), "Attached now.".into())],
            at(32),
        )
        .expect("reply");
        assert_eq!(kept, 1, "{db}");
        let locked_reply = responses::save_replies(
            &mut conn,
            s.response,
            s.world.invitations[0],
            &[(third.clone(), "No.".into())],
            at(33),
        );
        assert!(
            matches!(locked_reply, Err(ResponseError::Locked { .. })),
            "{db}"
        );

        // A section's answers and its replies are saved as one: a refused reply keeps the
        // section's changed answer out too.
        let q = &s.world.questionnaire;
        let who = responses::Respondent {
            invitation: s.world.invitations[0],
            questionnaire: q,
            language: "en",
        };
        let section = q
            .sections()
            .iter()
            .position(|x| x.questions().iter().any(|x| x.id() == a))
            .expect("the flagged question's section");
        let before = responses::view(&mut conn, s.response).expect("view");
        let mut changed = before.answers.clone();
        changed.insert(a.clone(), Answer::Choice("0".into()));
        let refused = responses::save_section_with_replies(
            &mut conn,
            &who,
            None,
            section,
            &changed,
            &[(third.clone(), "No.".into())],
            s.world.link(0),
            at(34),
        );
        assert!(
            matches!(refused, Err(ResponseError::Locked { .. })),
            "{db}: {refused:?}"
        );
        let after = responses::view(&mut conn, s.response).expect("view");
        assert_eq!(after.answers, before.answers, "{db}: no answer saved");
        assert_eq!(after.changes, before.changes, "{db}: no history row");

        // A save that carries the response as a page loaded it before the change request
        // (a draft, to all appearances) decides on the stored one: an answer outside the
        // request stays locked, and a flagged one changes.
        let mut stale = before.response.clone();
        stale.state = ResponseState::Draft;
        let mut outside = before.answers.clone();
        let other = match outside.get(&third) {
            Some(Answer::Choice(v)) if v == "4" => "3",
            _ => "4",
        };
        outside.insert(third.clone(), Answer::Choice(other.into()));
        let refused = responses::save_section_with_replies(
            &mut conn,
            &who,
            Some(responses::Known {
                response: &stale,
                answers: None,
            }),
            q.sections()
                .iter()
                .position(|x| x.questions().iter().any(|x| x.id() == third))
                .expect("the third question's section"),
            &outside,
            &[],
            s.world.link(0),
            at(35),
        );
        assert!(
            matches!(refused, Err(ResponseError::Locked { .. })),
            "{db}: {refused:?}"
        );
        let after = responses::view(&mut conn, s.response).expect("view");
        assert_eq!(after.answers, before.answers, "{db}: no answer saved");
        assert_eq!(after.changes, before.changes, "{db}: no history row");
        let saved = responses::save_section_with_replies(
            &mut conn,
            &who,
            Some(responses::Known {
                response: &stale,
                answers: None,
            }),
            section,
            &changed,
            &[],
            s.world.link(0),
            at(36),
        )
        .expect("a flagged answer changes");
        assert_eq!(saved.state, ResponseState::ChangesRequested, "{db}");
        let after = responses::view(&mut conn, s.response).expect("view");
        assert_eq!(
            after.answers.get(&a),
            Some(&Answer::Choice("0".into())),
            "{db}"
        );
        assert_eq!(after.changes.len(), before.changes.len() + 1, "{db}");

        // Resubmitted: the first submit's time stays; then accepted, and final.
        let q = &s.world.questionnaire;
        let again =
            responses::submit(&mut conn, s.response, q, s.world.link(0), at(40)).expect("resubmit");
        assert_eq!(again.state, ResponseState::Resubmitted, "{db}");
        assert_eq!(again.submitted_at, first_submit.submitted_at, "{db}");
        let accepted =
            decide(&mut conn, &s, s.reviewer, Decision::Accept, &[], 50).expect("accept");
        assert_eq!(accepted.response.state, ResponseState::Accepted, "{db}");
        let twice = decide(&mut conn, &s, s.reviewer, Decision::Accept, &[], 51);
        assert!(
            matches!(
                twice,
                Err(ResponseError::NotEditable {
                    state: ResponseState::Accepted,
                    ..
                })
            ),
            "{db}: {twice:?}"
        );
        let after_accept = decide(
            &mut conn,
            &s,
            s.reviewer,
            Decision::RequestChanges,
            &[flag(&a, "x")],
            52,
        );
        assert!(
            matches!(after_accept, Err(ResponseError::NotEditable { .. })),
            "{db}"
        );
        let late = responses::save_answers(
            &mut conn,
            s.response,
            &[&a],
            &changed,
            s.world.link(0),
            at(53),
        );
        assert!(
            matches!(late, Err(ResponseError::NotEditable { .. })),
            "{db}"
        );
        let comments = review_comments::of_response(&mut conn, s.response.get()).expect("comments");
        assert_eq!(comments.len(), 3, "{db}: two requests and one reply");
    }
}

#[test]
fn review_is_refused_to_anyone_but_an_assigned_reviewer_and_writes_nothing() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let s = setup(&mut conn, true);
        let before = responses::view(&mut conn, s.response).expect("view");
        for who in [s.assigned_only, s.admin] {
            let refused = decide(&mut conn, &s, who, Decision::Accept, &[], 20);
            assert!(
                matches!(refused, Err(ResponseError::NotReviewer { .. })),
                "{db}: {refused:?}"
            );
        }
        let after = responses::view(&mut conn, s.response).expect("view");
        assert_eq!(after.response, before.response, "{db}");
        assert_eq!(after.events, before.events, "{db}");
    }
}

#[test]
fn a_campaign_without_review_takes_no_review_decision() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let s = setup(&mut conn, false);
        let refused = decide(&mut conn, &s, s.reviewer, Decision::Accept, &[], 20);
        assert!(
            matches!(refused, Err(ResponseError::ReviewNotRequired(_))),
            "{db}: {refused:?}"
        );
        let state = responses::view(&mut conn, s.response)
            .expect("view")
            .response
            .state;
        assert_eq!(state, ResponseState::Submitted, "{db}");
    }
}

#[test]
fn a_change_request_that_flags_nothing_is_refused() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let s = setup(&mut conn, true);
        let [a, _] = first_two(&s);
        let comment = CommentInput {
            question: a,
            body: "Fine.".into(),
            please_change: false,
        };
        let refused = decide(
            &mut conn,
            &s,
            s.reviewer,
            Decision::RequestChanges,
            &[comment],
            20,
        );
        assert!(
            matches!(refused, Err(ResponseError::NothingFlagged(_))),
            "{db}: {refused:?}"
        );
        let unknown = decide(
            &mut conn,
            &s,
            s.reviewer,
            Decision::RequestChanges,
            &[flag("nope", "x")],
            21,
        );
        assert!(
            matches!(unknown, Err(ResponseError::UnknownQuestion(_))),
            "{db}"
        );
        let comments = review_comments::of_response(&mut conn, s.response.get()).expect("comments");
        assert!(comments.is_empty(), "{db}");
    }
}

#[test]
fn a_resubmit_without_a_change_request_is_refused() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let s = setup(&mut conn, true);
        let q = &s.world.questionnaire;
        let again = responses::submit(&mut conn, s.response, q, s.world.link(0), at(20));
        assert!(
            matches!(
                again,
                Err(ResponseError::NotEditable {
                    state: ResponseState::Submitted,
                    ..
                })
            ),
            "{db}: {again:?}"
        );
        let replies = responses::save_replies(
            &mut conn,
            s.response,
            s.world.invitations[0],
            &[("x".into(), "y".into())],
            at(21),
        );
        assert!(
            matches!(replies, Err(ResponseError::NotEditable { .. })),
            "{db}"
        );
    }
}

#[test]
fn evidence_on_a_locked_question_is_refused_after_a_change_request() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let s = setup(&mut conn, true);
        let [a, _] = request_two(&mut conn, &s);
        let third = s
            .world
            .questionnaire
            .questions()
            .nth(2)
            .expect("third")
            .id()
            .to_owned();
        let note = Change {
            note: "Our runbook.".into(),
            ..Change::default()
        };
        let limits = EvidenceLimits {
            file_bytes: 1 << 20,
            response_bytes: 1 << 22,
        };
        let locked = evidence::save(&mut conn, s.response, &third, &note, limits, at(30));
        assert!(
            matches!(locked, Err(EvidenceError::NotEditable)),
            "{db}: {locked:?}"
        );
        evidence::save(&mut conn, s.response, &a, &note, limits, at(31)).expect("flagged");
    }
}

#[test]
fn comments_are_append_only_but_retention_may_erase_their_bodies() {
    use diesel::prelude::*;
    use liaison::storage::schema::review_comments as rc;
    for db in TestDb::all() {
        let mut conn = db.conn();
        let s = setup(&mut conn, true);
        request_two(&mut conn, &s);
        let deleted = diesel::delete(rc::table).execute(&mut conn);
        assert!(deleted.is_err(), "{db}: a delete is refused");
        let changed = diesel::update(rc::table)
            .set(rc::body.eq(Some("rewritten")))
            .execute(&mut conn);
        assert!(changed.is_err(), "{db}: a body is never rewritten");
        let (campaign, _) = review_rule_of(&mut conn, s.response.get()).expect("campaign");
        let erased = review_comments::erase_bodies_of_campaign(&mut conn, campaign).expect("erase");
        assert_eq!(erased, 2, "{db}");
        let kept = review_comments::of_response(&mut conn, s.response.get()).expect("comments");
        assert!(
            kept.iter()
                .all(|c| c.body.is_none() && c.author_id.is_some()),
            "{db}"
        );
    }
}
