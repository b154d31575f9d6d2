//! The wording in the mails that arrive: invitations and reminders sent from the dashboard
//! and from the command line carry the campaign's subject and opening, with the link,
//! deadline and TLP line still there; without a wording of its own, a mail is unchanged.

use std::time::Duration;

use liaison::accounts::Role;
use liaison::mail::OutboxKind;
use liaison::storage::outbox;
use reqwest::Method;
use serde_json::json;

use super::{OPENING, SUBJECT, campaign, campaign_and_admin, post_page};
use crate::access_audit::cli;
use crate::helpers::{TestApp, deliver, spawn_app, spawn_app_on};
use crate::smtp::{Parsed, TestSmtp};
use crate::test_db::TestDb;

const WAIT: Duration = Duration::from_secs(10);

/// The German reminder the tests save.
const ERINNERUNG: &str = "Kurz erinnert, {name}: {campaign}";
const ERÖFFNUNG: &str = "Liebes Team von {organisation},\nIhre Antworten fehlen uns noch.";

/// The campaign's English-speaking law enforcement participant, and its German-speaking
/// CSIRT.
const LEA: &str = "unit@lea.example.org";
const CSIRT: &str = "desk@csirt.example.org";

/// Sends the `n` mails waiting (which must all go out) and waits for them to arrive:
/// every mail that arrived so far, parsed, by recipient.
fn delivered(app: &TestApp, smtp: &TestSmtp, n: usize) -> Vec<(String, Parsed)> {
    let before = smtp.messages().len();
    assert_eq!(deliver(&app.db, smtp).sent, n);
    smtp.wait_for(before + n, WAIT)
        .iter()
        .map(|m| (m.recipients[0].clone(), m.parse()))
        .collect()
}

fn mail_to<'a>(mails: &'a [(String, Parsed)], to: &str) -> &'a Parsed {
    &mails
        .iter()
        .rfind(|(r, _)| r == to)
        .unwrap_or_else(|| panic!("no mail to {to}"))
        .1
}

/// The fixed parts every invitation and reminder keeps, whatever its wording.
fn assert_fixed_parts(mail: &Parsed, deadline: &str) {
    for body in [&mail.text, &mail.html] {
        assert!(body.contains("/r/"), "the link in {body}");
        assert!(body.contains(deadline), "the deadline in {body}");
        assert!(body.contains("TLP:GREEN"), "the TLP line in {body}");
    }
}

/// The English wording, filled in for the law enforcement participant; its long line
/// wrapped in the text part.
fn assert_custom_english(mail: &Parsed) {
    let (name, organisation) = ("Sam Unit", "Cyber Unit");
    assert_eq!(
        mail.subject,
        format!("Cooperation 2027: we would value your view, {name}")
    );
    let opening = format!(
        "Hello {name},\n\nDear colleagues at {organisation},\n\nTest Network Secretariat asks every \
         member of the network for an hour of\ntheir time.\n\nAnswering takes about 25 minutes.\n\n"
    );
    assert!(mail.text.contains(&opening), "{}", mail.text);
    assert!(
        mail.html
            .contains(&format!("<p>Dear colleagues at {organisation},</p>"))
    );
    assert_fixed_parts(mail, "31 January 2099");
}

fn assert_custom_german(mail: &Parsed) {
    assert_eq!(mail.subject, "Kurz erinnert, Kim Desk: Cooperation 2027");
    assert!(
        mail.text.contains(
            "Guten Tag Kim Desk,\n\nLiebes Team von CERT-Land,\nIhre Antworten fehlen uns noch.\n\n"
        ),
        "{}",
        mail.text
    );
    assert!(
        mail.html
            .contains("<p>Liebes Team von CERT-Land,<br>Ihre Antworten fehlen uns noch.</p>")
    );
    assert_fixed_parts(mail, "31. Januar 2099");
}

#[tokio::test]
async fn invitations_and_reminders_sent_from_the_dashboard_carry_the_text_saved_on_the_page() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let smtp = TestSmtp::start();
        let (campaign, browser) = campaign_and_admin(&app).await;
        let saved = post_page(
            &app,
            &browser,
            campaign,
            &[
                ("invitation.en.subject", SUBJECT),
                ("invitation.en.opening", OPENING),
                ("reminder.de.subject", ERINNERUNG),
                ("reminder.de.opening", ERÖFFNUNG),
            ],
            ("save", "all"),
        )
        .await;
        assert_eq!(saved.status(), 303);

        let dashboard = format!("/campaigns/{campaign}");
        let invited = browser
            .post_form(&dashboard, &format!("{dashboard}/invite"), &[])
            .await;
        assert_eq!(invited.status(), 303);
        let mails = delivered(&app, &smtp, 2);
        assert_custom_english(mail_to(&mails, LEA));
        // No German invitation text was saved: the shipped one goes out.
        let german = mail_to(&mails, CSIRT);
        assert!(
            german
                .subject
                .starts_with("Einladung: Cooperation 2027 — Zusammenarbeit")
        );
        assert!(
            german
                .text
                .contains("Test Network Secretariat lädt CERT-Land ein")
        );

        let reminded = browser
            .post_form(
                &dashboard,
                &format!("{dashboard}/remind"),
                &[("min_days", "0"), ("max_reminders", "3")],
            )
            .await;
        assert_eq!(reminded.status(), 303);
        let mails = delivered(&app, &smtp, 2);
        assert_custom_german(mail_to(&mails, CSIRT));
        let english = mail_to(&mails, LEA);
        assert!(
            english.subject.starts_with("Reminder: Cooperation 2027 — "),
            "{}",
            english.subject
        );
        assert!(
            english
                .text
                .contains("This is a reminder from Test Network Secretariat")
        );
    }
}

#[tokio::test]
async fn invite_and_remind_on_the_command_line_use_the_campaigns_text() {
    let app = spawn_app().await;
    let smtp = TestSmtp::start();
    let campaign = campaign(&app).await;
    let body = json!([
        {"kind": "invitation", "language": "en", "subject": SUBJECT, "opening": OPENING},
        {"kind": "reminder", "language": "de", "subject": ERINNERUNG, "opening": ERÖFFNUNG},
    ]);
    let saved = app
        .api(
            Method::PUT,
            &format!("/campaigns/{campaign}/mail-texts"),
            Some(body),
        )
        .await;
    assert_eq!(saved.status(), 200);
    let id = campaign.to_string();

    cli(&app, &["invite", "--campaign", &id]);
    assert_custom_english(mail_to(&delivered(&app, &smtp, 2), LEA));

    cli(&app, &["remind", "--campaign", &id, "--min-days", "0"]);
    assert_custom_german(mail_to(&delivered(&app, &smtp, 2), CSIRT));
}

#[tokio::test]
async fn the_shipped_text_saved_unchanged_stores_nothing_and_leaves_the_mails_as_they_were() {
    let app = spawn_app().await;
    let smtp = TestSmtp::start();
    let campaign = campaign(&app).await;
    invite(&app, campaign).await;
    let browser = app.logged_in(Role::Admin, &[]).await;
    let unchanged = post_page(&app, &browser, campaign, &[], ("save", "all")).await;
    assert_eq!(unchanged.status(), 303);
    assert!(super::all_shipped(&app, campaign).await);

    let late = json!([{"email": "late@lea.example.org", "name": "Sam Unit", "organisation": "Cyber Unit",
        "type": "lea", "country": "BE", "language": "en"}]);
    let path = format!("/campaigns/{campaign}/participants");
    assert_eq!(app.post_api(&path, late).await.status(), 200);
    invite(&app, campaign).await;

    let mut conn = app.db.conn();
    let mails = outbox::list(&mut conn, None).expect("the outbox");
    let of = |to: &str| {
        mails
            .iter()
            .find(|m| m.recipient == to && m.kind == OutboxKind::Invitation)
            .unwrap_or_else(|| panic!("an invitation to {to}"))
    };
    let (before, after) = (of("unit@lea.example.org"), of("late@lea.example.org"));
    assert_eq!(after.subject, before.subject);
    assert_eq!(after.body_text, before.body_text);
    assert_eq!(after.body_html, before.body_html);
    let arrived = delivered(&app, &smtp, 3);
    let mail = mail_to(&arrived, "late@lea.example.org");
    assert!(
        mail.subject
            .starts_with("Invitation: Cooperation 2027 — CSIRT–law enforcement")
    );
    assert!(
        mail.text
            .contains("Test Network Secretariat invites Cyber Unit to take part in")
    );
}

async fn invite(app: &TestApp, campaign: i64) {
    let path = format!("/campaigns/{campaign}/invitations");
    assert_eq!(app.post_api(&path, json!(null)).await.status(), 200);
}
