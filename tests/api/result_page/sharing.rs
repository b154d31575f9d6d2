//! Counterparts of one country sharing their cooperation answers by consent: nothing
//! until both agree, then each sees the other's gap; every step audited; taken back, gone.

use liaison::storage::audit::recent;
use liaison::storage::invitations::campaign_invitations;

use crate::fixtures::{ResponseBuilder, every_answer, questionnaire};
use crate::helpers::spawn_app;
use crate::respondent::{Participant, Respondent, invite_to};

use liaison::ids::InvitationId;

const CSIRT: &str = "csirt-le-cooperation-csirt";
const LEA: &str = "csirt-le-cooperation-lea";

async fn hand_in(app: &crate::helpers::TestApp, r: &Respondent, email: &str, id: &str, level: f64) {
    let mut conn = app.db.conn();
    let invitation = campaign_invitations(&mut conn, r.campaign)
        .expect("invitations")
        .into_iter()
        .find(|i| i.participant.email == email)
        .expect("the invitation");
    let q = questionnaire(id);
    ResponseBuilder::submitted(every_answer(q, level, "AT")).build(
        &mut conn,
        InvitationId(invitation.invitation.id),
        q,
    );
}

fn actions(app: &crate::helpers::TestApp) -> Vec<String> {
    let mut conn = app.db.conn();
    recent(&mut conn, 100)
        .expect("the audit log")
        .into_iter()
        .map(|e| e.action)
        .filter(|a| a.starts_with("gap."))
        .collect()
}

#[tokio::test]
async fn both_sides_consent_see_each_others_gap_and_lose_it_when_one_withdraws() {
    let app = spawn_app().await;
    let campaign = app
        .create_campaign(serde_json::json!({"name": "Cooperation", "questionnaires": [CSIRT, LEA], "closes_on": "2099-01-31"}))
        .await;
    let team = |email, organisation, kind| Participant {
        email,
        organisation,
        kind,
        language: "en",
    };
    let csirt = invite_to(
        &app,
        campaign,
        &team("desk@csirt.example.org", "CERT AT", "csirt"),
    )
    .await;
    let lea = invite_to(
        &app,
        campaign,
        &team("desk@police.example.org", "Cyber Unit AT", "lea"),
    )
    .await;
    hand_in(&app, &csirt, "desk@csirt.example.org", CSIRT, 3.0).await;
    hand_in(&app, &lea, "desk@police.example.org", LEA, 1.0).await;

    let page = csirt.text("/result").await;
    assert!(page.contains("id=\"sharing-form\""), "{page}");
    assert!(
        !page.contains("Cyber Unit AT"),
        "nothing is shared before consent"
    );
    assert_eq!(csirt.post("/gap-consent", &[]).await.status(), 303);
    let page = csirt.text("/result").await;
    assert!(page.contains("id=\"sharing-none\""), "{page}");
    assert!(
        !page.contains("Cyber Unit AT"),
        "the other side has not agreed"
    );

    assert_eq!(lea.post("/gap-consent", &[]).await.status(), 303);
    let page = csirt.text("/result").await;
    assert!(page.contains("Cyber Unit AT (Law enforcement)"), "{page}");
    assert!(page.contains("id=\"counterpart-1-gaps\""));
    assert!(page.contains("Answered most differently"));
    let theirs = lea.text("/result").await;
    assert!(theirs.contains("CERT AT (CSIRT)"), "{theirs}");
    let logged = actions(&app);
    assert_eq!(
        logged.iter().filter(|a| *a == "gap.consent").count(),
        2,
        "{logged:?}"
    );
    assert_eq!(
        logged.iter().filter(|a| *a == "gap.view").count(),
        2,
        "{logged:?}"
    );

    assert_eq!(lea.post("/gap-consent/withdraw", &[]).await.status(), 303);
    let page = csirt.text("/result").await;
    assert!(
        !page.contains("Cyber Unit AT"),
        "withdrawn: no longer shared"
    );
    assert!(actions(&app).iter().any(|a| a == "gap.consent_withdraw"));
}
