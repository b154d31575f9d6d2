//! The review's mails through the loopback SMTP server: what arrives, to whom, once, and
//! that the change request's fresh link opens the flagged answers while the old one is dead.

use std::time::Duration;

use liaison::mail::OutboxKind;
use liaison::storage::invitations::campaign_invitations;

use super::{REVIEWER, question_text, questions, submitted};
use crate::helpers::deliver;
use crate::smtp::TestSmtp;

#[tokio::test]
async fn a_change_request_mails_the_participant_the_flagged_questions_and_a_fresh_link() {
    let mut r = submitted(true, "en").await;
    let smtp = TestSmtp::start();
    deliver(&r.app.db, &smtp);
    let earlier = smtp.messages().len();
    let old = r.respondent.path.clone();
    r.request_changes();
    let report = deliver(&r.app.db, &smtp);
    assert_eq!(report.sent, 1, "{report:?}");
    let arrived = smtp.wait_for(earlier + 1, Duration::from_secs(5));
    assert_eq!(arrived.len(), earlier + 1);
    let mail = arrived[earlier].parse();
    assert_eq!(mail.to, "desk@csirt.example.org");
    assert!(
        mail.subject.starts_with("Changes requested: "),
        "{}",
        mail.subject
    );
    let (a, b, locked) = questions();
    assert!(mail.text.contains(&question_text(&a)), "{}", mail.text);
    assert!(mail.text.contains(&question_text(&b)), "{}", mail.text);
    assert!(
        !mail.text.contains(&question_text(&locked)),
        "{}",
        mail.text
    );
    assert!(
        mail.text.contains("Which team runs this <service>?"),
        "{}",
        mail.text
    );
    assert!(
        mail.html
            .contains("Which team runs this &#60;service&#62;?")
            || mail.html.contains("Which team runs this &lt;service&gt;?"),
        "{}",
        mail.html
    );
    let token = crate::helpers::link_token(&mail.text);
    assert_eq!(format!("/r/{token}"), r.respondent.path);

    // Sent once: nothing is left to send, and no table keeps the token.
    assert_eq!(deliver(&r.app.db, &smtp).sent, 0);
    let fresh = r.respondent.text("/s/1").await;
    assert!(fresh.contains(&format!("name=\"q.{a}\"")), "{fresh}");
    let dead = r
        .respondent
        .client
        .get(format!("{}{old}", r.app.address))
        .send()
        .await
        .expect("sent");
    assert_eq!(dead.status(), 404);
    let mut conn = r.app.db.conn();
    let invitations = campaign_invitations(&mut conn, r.respondent.campaign).expect("rows");
    assert_eq!(
        invitations[0].invitation.reminders_sent, 0,
        "not a reminder"
    );
}

#[tokio::test]
async fn an_acceptance_mails_the_participant_once_without_a_link() {
    let r = submitted(true, "de").await;
    let smtp = TestSmtp::start();
    deliver(&r.app.db, &smtp);
    let earlier = smtp.messages().len();
    r.accept();
    assert_eq!(deliver(&r.app.db, &smtp).sent, 1);
    let arrived = smtp.wait_for(earlier + 1, Duration::from_secs(5));
    let mail = arrived[earlier].parse();
    assert_eq!(mail.to, "desk@csirt.example.org");
    assert!(
        mail.subject.starts_with("Antworten angenommen: "),
        "{}",
        mail.subject
    );
    assert!(mail.text.contains("geprüft und"), "{}", mail.text);
    assert!(!mail.text.contains("/r/"), "{}", mail.text);
    assert_eq!(deliver(&r.app.db, &smtp).sent, 0);
}

#[tokio::test]
async fn a_resubmit_mails_each_enabled_reviewer_once_with_the_responses_page() {
    let mut r = submitted(true, "en").await;
    {
        use liaison::accounts::Role;
        use liaison::storage::analysts::{
            assign_campaign, create_analyst, disable_analyst, set_reviewer,
        };
        let mut conn = r.app.db.conn();
        let campaign = r.respondent.campaign;
        let gone = create_analyst(&mut conn, "gone@example.org", "x", Role::Analyst).expect("a");
        assign_campaign(&mut conn, gone.id, campaign).expect("assigned");
        set_reviewer(&mut conn, gone.id, campaign, true).expect("reviewer");
        disable_analyst(&mut conn, gone.id).expect("disabled");
        let plain = create_analyst(&mut conn, "plain@example.org", "x", Role::Analyst).expect("a");
        assign_campaign(&mut conn, plain.id, campaign).expect("assigned");
    }
    r.request_changes();
    let smtp = TestSmtp::start();
    deliver(&r.app.db, &smtp);
    let earlier = smtp.messages().len();
    let (a, _, _) = questions();
    let qa = format!("q.{a}");
    r.respondent
        .post("/s/1", &[(qa.as_str(), "4"), ("action", "save")])
        .await;
    assert_eq!(r.respondent.post("/submit", &[]).await.status(), 303);
    assert_eq!(deliver(&r.app.db, &smtp).sent, 1);
    let arrived = smtp.wait_for(earlier + 1, Duration::from_secs(5));
    assert_eq!(
        arrived.len(),
        earlier + 1,
        "one mail, to the one enabled reviewer"
    );
    let mail = arrived[earlier].parse();
    assert_eq!(mail.to, REVIEWER);
    assert!(
        mail.subject.starts_with("Answers resubmitted: "),
        "{}",
        mail.subject
    );
    let page = format!(
        "http://127.0.0.1/campaigns/{}/responses/{}",
        r.respondent.campaign,
        r.response.get()
    );
    assert!(mail.text.contains(&page), "{}", mail.text);
    let receipts = r
        .mails()
        .iter()
        .filter(|(k, _)| *k == OutboxKind::Receipt)
        .count();
    assert_eq!(receipts, 1, "the first submit's receipt, no second one");
}
