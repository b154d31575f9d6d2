//! Campaigns and organisations on every backend.

use chrono::NaiveDate;
use liaison::campaigns::Tlp;
use liaison::participants::OrganisationKind;
use liaison::storage::StorageError;
use liaison::storage::campaigns::{NewCampaign, create_campaign, get_campaign, list_campaigns};
use liaison::storage::organisations::{
    NewOrganisation, find_or_create_organisation, list_organisations,
};

use super::{choice, store};
use crate::test_db::TestDb;

#[test]
fn a_campaign_round_trips_with_its_questionnaires() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        store(&mut conn, "csirt-maturity", "1", "[]");
        store(&mut conn, "coop-lea", "2", "[]");
        let new = NewCampaign {
            name: "Maturity 2027".to_owned(),
            tlp: Tlp::Green,
            sender_organisation: "CSIRTs Network secretariat".to_owned(),
            closes_on: NaiveDate::from_ymd_opt(2027, 3, 31).expect("a date"),
            questionnaires: vec![
                choice(OrganisationKind::Lea, "coop-lea", "2"),
                choice(OrganisationKind::Csirt, "csirt-maturity", "1"),
            ],
        };

        let created = create_campaign(&mut conn, &new).expect("create campaign");

        assert_eq!(created.campaign.name, "Maturity 2027", "{db}");
        assert_eq!(created.campaign.tlp, Tlp::Green);
        assert_eq!(
            created.campaign.state,
            liaison::campaigns::CampaignState::Open
        );
        assert_eq!(created.campaign.closed_at, None);
        let audiences: Vec<_> = created.questionnaires.iter().map(|q| q.audience).collect();
        assert_eq!(
            audiences,
            [OrganisationKind::Csirt, OrganisationKind::Lea],
            "{db}"
        );
        assert_eq!(
            get_campaign(&mut conn, created.campaign.id).expect("get campaign"),
            created,
            "{db}"
        );

        let second = create_campaign(
            &mut conn,
            &NewCampaign {
                name: "Cooperation 2027".to_owned(),
                ..new.clone()
            },
        )
        .expect("create second campaign");
        let listed = list_campaigns(&mut conn).expect("list campaigns");
        assert_eq!(
            listed,
            [second, created],
            "{db}: newest first, questionnaires included"
        );
    }
}

#[test]
fn a_campaign_whose_questionnaire_version_was_never_stored_is_refused() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let new = NewCampaign {
            name: "Orphan".to_owned(),
            tlp: Tlp::Amber,
            sender_organisation: "ENISA".to_owned(),
            closes_on: NaiveDate::from_ymd_opt(2027, 1, 1).expect("a date"),
            questionnaires: vec![choice(OrganisationKind::Csirt, "csirt-maturity", "9")],
        };
        let err = create_campaign(&mut conn, &new).expect_err("no snapshot stored");
        assert!(
            matches!(
                err,
                StorageError::NotFound {
                    what: "questionnaire snapshot",
                    ..
                }
            ),
            "{db}: {err}"
        );
        assert_eq!(
            list_campaigns(&mut conn).expect("list").len(),
            0,
            "{db}: nothing half-written"
        );
    }
}

#[test]
fn finding_or_creating_an_organisation_twice_does_not_duplicate_it() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let cert = NewOrganisation {
            name: "CERT-Bund",
            kind: OrganisationKind::Csirt,
            country: "DE",
        };

        let first = find_or_create_organisation(&mut conn, &cert).expect("create");
        let again = find_or_create_organisation(&mut conn, &cert).expect("find");
        let police = find_or_create_organisation(
            &mut conn,
            &NewOrganisation {
                kind: OrganisationKind::Lea,
                ..cert
            },
        )
        .expect("same name, other kind");

        assert_eq!(first, again, "{db}");
        assert_ne!(first.id, police.id, "{db}");
        assert_eq!(
            list_organisations(&mut conn).expect("list").len(),
            2,
            "{db}"
        );
    }
}
