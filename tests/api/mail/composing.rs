//! Composing a campaign's invitations in batches: every participant gets exactly one
//! invitation and one mail whose token matches it, across batch boundaries, and a list
//! the campaign cannot write to writes nothing.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use liaison::audit::Actor;
use liaison::invitations::{self, INVITE_BATCH, hash_token};
use liaison::participants::OrganisationKind;
use liaison::storage::organisations::{NewOrganisation, find_or_create_organisation};
use liaison::storage::participants::{NewParticipant, add_participant};
use liaison::storage::{self, invitations as stored, outbox};

use super::*;
use crate::fixtures::{CampaignBuilder, MATURITY, catalogue};
use crate::test_db::TestDb;

const BASE_URL: &str = "https://liaison.example.org";

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// A maturity campaign (for CSIRTs) with `emails` as participants of `audience`, none
/// invited yet.
fn campaign_with(conn: &mut DbConn, participants: &[(String, OrganisationKind)]) -> i64 {
    let campaign = CampaignBuilder::new("Batches")
        .questionnaire(MATURITY)
        .build(conn)
        .id();
    storage::write_transaction(conn, |conn| {
        for (email, audience) in participants {
            let organisation = find_or_create_organisation(
                conn,
                &NewOrganisation {
                    name: email,
                    kind: *audience,
                    country: "AT",
                },
            )?;
            add_participant(
                conn,
                &NewParticipant {
                    campaign_id: campaign,
                    organisation_id: organisation.id,
                    email,
                    name: "Desk",
                    audience: *audience,
                    language: None,
                },
            )?;
        }
        Ok::<_, storage::StorageError>(())
    })
    .expect("participants added");
    campaign
}

#[test]
fn each_participant_gets_one_invitation_and_one_mail_with_its_token_across_batches() {
    let count = 2 * INVITE_BATCH + 7;
    for db in TestDb::all() {
        let mut conn = db.conn();
        let emails: Vec<(String, OrganisationKind)> = (0..count)
            .map(|i| (format!("desk@cert-{i}.example"), OrganisationKind::Csirt))
            .collect();
        let campaign = campaign_with(&mut conn, &emails);

        let report = invitations::invite(
            &mut conn,
            catalogue(),
            BASE_URL,
            campaign,
            today(),
            &Actor::Cli,
        )
        .expect("invited");

        assert_eq!((report.queued, report.already_invited), (count, 0), "{db}");
        let invited = stored::campaign_invitations(&mut conn, campaign).unwrap();
        assert_eq!(invited.len(), count, "{db}");
        let mails = outbox::list(&mut conn, None).unwrap();
        assert_eq!(mails.len(), count, "{db}");
        for status in &invited {
            let mail: Vec<_> = mails
                .iter()
                .filter(|m| m.invitation_id == Some(status.invitation.id))
                .collect();
            assert_eq!(mail.len(), 1, "{db}: one mail per invitation");
            assert_eq!(mail[0].recipient, status.participant.email, "{db}");
            let token = mail[0].link_token.as_deref().expect("a waiting token");
            assert_eq!(hash_token(token), status.invitation.token_hash, "{db}");
        }
        let ids: BTreeSet<&str> = mails.iter().map(|m| m.message_id.as_str()).collect();
        assert_eq!(ids.len(), count, "{db}: a Message-ID each");

        let again = invitations::invite(
            &mut conn,
            catalogue(),
            BASE_URL,
            campaign,
            today(),
            &Actor::Cli,
        )
        .expect("invited again");
        assert_eq!((again.queued, again.already_invited), (0, count), "{db}");
    }
}

#[test]
fn a_participant_the_campaign_has_no_questionnaire_for_stops_the_invitations_before_any_is_written()
{
    for db in TestDb::all() {
        let mut conn = db.conn();
        let mut participants: Vec<(String, OrganisationKind)> = (0..5)
            .map(|i| (format!("desk@cert-{i}.example"), OrganisationKind::Csirt))
            .collect();
        participants.push(("desk@police.example".to_owned(), OrganisationKind::Lea));
        let campaign = campaign_with(&mut conn, &participants);

        let refused = invitations::invite(
            &mut conn,
            catalogue(),
            BASE_URL,
            campaign,
            today(),
            &Actor::Cli,
        );

        let error = refused
            .expect_err("a participant it cannot write to")
            .to_string();
        assert!(error.contains("no questionnaire for"), "{db}: {error}");
        assert_eq!(
            stored::campaign_invitations(&mut conn, campaign)
                .unwrap()
                .len(),
            0,
            "{db}"
        );
        assert_eq!(outbox::list(&mut conn, None).unwrap(), [], "{db}");
    }
}
