//! Participants, invitations, responses, answers and mail on every backend,
//! written through the schema until their own storage functions exist.

use chrono::NaiveDate;
use diesel::prelude::*;
use liaison::campaigns::Tlp;
use liaison::participants::OrganisationKind;
use liaison::storage::campaigns::{NewCampaign, create_campaign};
use liaison::storage::organisations::{NewOrganisation, find_or_create_organisation};
use liaison::storage::participants::{NewParticipant, add_participant};
use liaison::storage::schema::{answers, invitations, outbox, responses};
use liaison::storage::{self, DbConn};

use super::{choice, store};
use crate::test_db::TestDb;

#[test]
fn a_participant_of_an_unknown_campaign_is_refused_by_a_foreign_key() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let org = find_or_create_organisation(
            &mut conn,
            &NewOrganisation {
                name: "CERT.at",
                kind: OrganisationKind::Csirt,
                country: "AT",
            },
        )
        .expect("organisation");
        let new = NewParticipant {
            campaign_id: 4242,
            organisation_id: org.id,
            email: "team@cert.at",
            name: "Team",
            audience: OrganisationKind::Csirt,
            language: None,
        };
        let err = add_participant(&mut conn, &new).expect_err("unknown campaign");
        assert!(err.is_foreign_key_violation(), "{db}: {err}");
    }
}

#[test]
fn an_outbox_mail_and_an_answer_are_written_and_read_back() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let (invitation_id, response_id) = seed_response(&mut conn);
        let now = storage::now();

        diesel::insert_into(answers::table)
            .values((
                answers::response_id.eq(response_id),
                answers::question_id.eq("O-1"),
                answers::value.eq(r#"{"level":3}"#),
                answers::updated_at.eq(now),
            ))
            .execute(&mut conn)
            .expect("insert answer");
        diesel::insert_into(outbox::table)
            .values((
                outbox::kind.eq("invitation"),
                outbox::invitation_id.eq(Some(invitation_id)),
                outbox::recipient.eq("team@cert.at"),
                outbox::subject.eq("Your questionnaire"),
                outbox::body_text.eq("Open your link"),
                outbox::body_html.eq("<p>Open your link</p>"),
                outbox::message_id.eq("<restore-test@liaison.invalid>"),
                outbox::next_attempt_at.eq(now),
                outbox::created_at.eq(now),
            ))
            .execute(&mut conn)
            .expect("insert mail");

        let answer = answers::table
            .select((answers::question_id, answers::value, answers::updated_at))
            .filter(answers::response_id.eq(response_id))
            .first::<(String, String, chrono::NaiveDateTime)>(&mut conn)
            .expect("read answer");
        assert_eq!(
            answer,
            ("O-1".to_owned(), r#"{"level":3}"#.to_owned(), now),
            "{db}"
        );

        let mail = outbox::table
            .select((
                outbox::state,
                outbox::attempts,
                outbox::invitation_id,
                outbox::last_error,
                outbox::next_attempt_at,
            ))
            .first::<(
                String,
                i32,
                Option<i64>,
                Option<String>,
                chrono::NaiveDateTime,
            )>(&mut conn)
            .expect("read mail");
        assert_eq!(
            mail,
            ("pending".to_owned(), 0, Some(invitation_id), None, now),
            "{db}: defaults apply"
        );
    }
}

/// A campaign, organisation, participant, invitation and draft response;
/// returns the invitation and response ids.
fn seed_response(conn: &mut DbConn) -> (i64, i64) {
    store(conn, "csirt-maturity", "1", "[]");
    let campaign = create_campaign(
        conn,
        &NewCampaign {
            name: "Maturity".to_owned(),
            tlp: Tlp::Amber,
            sender_organisation: "ENISA".to_owned(),
            closes_on: NaiveDate::from_ymd_opt(2027, 6, 30).expect("a date"),
            questionnaires: vec![choice(OrganisationKind::Csirt, "csirt-maturity", "1")],
        },
    )
    .expect("campaign");
    let org = find_or_create_organisation(
        conn,
        &NewOrganisation {
            name: "CERT.at",
            kind: OrganisationKind::Csirt,
            country: "AT",
        },
    )
    .expect("organisation");
    let participant = add_participant(
        conn,
        &NewParticipant {
            campaign_id: campaign.campaign.id,
            organisation_id: org.id,
            email: "team@cert.at",
            name: "Team",
            audience: OrganisationKind::Csirt,
            language: Some("en"),
        },
    )
    .expect("participant");
    let now = storage::now();
    diesel::insert_into(invitations::table)
        .values((
            invitations::participant_id.eq(participant.id),
            invitations::token_hash.eq("hash-of-a-token"),
            invitations::created_at.eq(now),
        ))
        .execute(conn)
        .expect("invitation");
    let invitation_id = invitations::table
        .select(invitations::id)
        .first::<i64>(conn)
        .expect("invitation id");
    diesel::insert_into(responses::table)
        .values((
            responses::invitation_id.eq(invitation_id),
            responses::questionnaire_id.eq("csirt-maturity"),
            responses::questionnaire_version.eq("1"),
            responses::language.eq("en"),
            responses::started_at.eq(now),
            responses::updated_at.eq(now),
        ))
        .execute(conn)
        .expect("response");
    let response_id = responses::table
        .select(responses::id)
        .first::<i64>(conn)
        .expect("response id");
    (invitation_id, response_id)
}
