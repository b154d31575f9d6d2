//! A whole campaign run in the browser, as the secretariat runs it: an admin adds an
//! analyst allowed to create campaigns, who chooses a password through the mailed link and
//! sets one up (the create form, the questionnaire's preview, the
//! invitation's words, a participant list refused for its bad row and then accepted),
//! invites from the dashboard; the mails reach a real SMTP server; a respondent answers
//! through the mail's link; and the analyst reads that response, the dashboard's charts,
//! and the reports as the ZIP archive and the workbook the browser downloads; closes the
//! campaign, and once its retention period has passed, nothing of its participants is left.

use std::path::Path;
use std::time::Duration;

use calamine::Data;
use diesel::prelude::*;
use liaison::audit::Actor;
use liaison::retention::{self, Mode};
use liaison::storage;
use liaison::storage::schema::{answers, responses};

use super::analyst::{Analyst, Login, Overall, expect_path, log_in, log_out};
use super::driver::{self, Browser};
use super::results::Bundle;
use super::setup::{Invitation, NewCampaign, create_campaign};
use super::survey::{self, Survey};
use crate::fixtures::catalogue;
use crate::helpers::{ADMIN_EMAIL, ADMIN_PASSWORD, TestApp, every_cell, holding, spawn_app_with};
use crate::smtp::TestSmtp;
use crate::test_db::TestDb;

const EMAIL: &str = "secretariat@network.example.org";
/// What the analyst chooses through the mailed link.
const PASSWORD: &str = "a long passphrase nobody guesses";
const QUESTIONNAIRE: &str = "csirt-maturity";
/// csirt-maturity's questions: SIM3's 44 parameters and O-6, all required.
const QUESTIONS: usize = 45;
const NAME: &str = "Maturity walk-through 2027";

const CAMPAIGN: NewCampaign = NewCampaign {
    name: NAME,
    csirt_questionnaire: QUESTIONNAIRE,
    closes_on_typed: "01312099",
    closes_on: "2099-01-31",
    tlp: "green",
    sender: "Network Secretariat",
    privacy_k: "4",
    languages: &["en"],
};

const INVITATION: Invitation = Invitation {
    key: "invitation.en",
    subject: "Your team's self-assessment for {campaign}",
    opening: "Dear colleagues at {organisation},\n\nplease tell us where your team stands today.",
};
/// The subject and opening as the mail to CSIRT A must read them.
const SUBJECT: &str = "Your team's self-assessment for Maturity walk-through 2027";
const GREETING: &str = "Dear colleagues at CSIRT A,";
const ASKING: &str = "please tell us where your team stands today.";
/// The deadline as every invitation states it.
const DEADLINE: &str = "31 January 2099, when the questionnaire closes.";

const HEADER: &str = "email,name,organisation,type,country,language";
/// The respondent: the first row of the list.
const RESPONDENT: &str = "desk@csirt-a.example.org";
const RESPONDENT_NAME: &str = "Ines Varga";
const ORGANISATION: &str = "CSIRT A";
/// The second row, first with a country that does not exist.
const SECOND_BAD: &str = "duty@csirt-b.example.org,Tomas Lind,CSIRT B,csirt,XX,en";
const SECOND: &str = "duty@csirt-b.example.org,Tomas Lind,CSIRT B,csirt,DE,en";
const SECOND_EMAIL: &str = "duty@csirt-b.example.org";
const SECOND_NAME: &str = "Tomas Lind";
/// Mails go out from the app's own worker, polling once a second; on a loaded machine
/// that may take a while.
const MAIL_TIMEOUT: Duration = Duration::from_secs(60);

#[tokio::test]
async fn the_secretariat_runs_a_whole_campaign_in_the_browser() {
    let Some(browser) = driver::launch().await else {
        return;
    };
    let smtp = TestSmtp::start();
    let app = spawn_app_with(TestDb::sqlite(), |s| {
        s.smtp_url = smtp.url();
        s.mail_poll_seconds = 1;
    })
    .await;
    let lists = tempfile::tempdir().expect("a folder for the participant lists");

    let login = an_admin_adds_the_analyst_who_sets_a_password(&browser, &app, &smtp).await;
    log_in(&browser, &app.address, login).await;
    let analyst = create_campaign(&browser, &app.address, login, &CAMPAIGN).await;
    analyst.see_the_campaign_as_created(&CAMPAIGN).await;
    analyst.preview_the_questionnaire(QUESTIONNAIRE).await;
    assert_eq!(saved_answers(&app), (0, 0), "the preview saved nothing");
    edit_and_preview_the_invitation(&analyst).await;
    upload_a_list_with_a_bad_row_then_the_fixed_one(&analyst, lists.path()).await;
    let sent_before = smtp.messages().len();
    analyst.invite_everyone(2).await;
    let link = the_invitations_arrive(&smtp, sent_before, &app).await;

    log_out(&browser).await;
    a_respondent_answers(&browser, &link, &app).await;

    analyst.log_in_and_open_the_campaign().await;
    assert_eq!(analyst.overall().await, Overall::of(2, 1, 1, "50 %"));
    analyst
        .see_the_charts(&[("AT", "100 %"), ("DE", "0 %")])
        .await;
    analyst.reopen_the_dashboard().await;
    analyst.open_the_response_of(ORGANISATION, QUESTIONS).await;
    analyst.reopen_the_dashboard().await;
    analyst.build_the_reports().await;
    download_and_open_the_bundles(&analyst).await;
    close_the_campaign(&analyst).await;
    the_retention_run_erases_the_participants(&app, &analyst).await;
    browser.quit().await;
}

/// The admin adds the analyst on the accounts page, allowed to create campaigns, and logs
/// out; the mail with the one-time link reaches the SMTP server, holding no password; the
/// analyst chooses a password through the link and lands on the login page. What the
/// analyst logs in with.
async fn an_admin_adds_the_analyst_who_sets_a_password(
    browser: &Browser,
    app: &TestApp,
    smtp: &TestSmtp,
) -> Login<'static> {
    let admin = Login {
        email: ADMIN_EMAIL,
        password: ADMIN_PASSWORD,
    };
    let sent_before = smtp.messages().len();
    log_in(browser, &app.address, admin).await;
    browser.click_through("#nav-accounts").await;
    expect_path(browser, "/admin/analysts").await;
    browser.type_into("#email", EMAIL).await;
    browser.choose("#role", "analyst").await;
    browser.click("label[for=may_create_campaigns]").await;
    browser.click_through("#add-analyst").await;
    assert!(
        browser.text_of("main").await.contains(EMAIL),
        "{}",
        browser.describe().await
    );
    log_out(browser).await;

    let mail = smtp.arrival_of(sent_before + 1, MAIL_TIMEOUT).await[sent_before].parse();
    assert_eq!(mail.to, EMAIL);
    assert!(!mail.text.contains(PASSWORD), "{}", mail.text);
    let token = crate::accounts::password_token(&mail.text);
    browser
        .goto(&format!("{}/password/{token}", app.address))
        .await;
    browser.type_into("#password", PASSWORD).await;
    browser.type_into("#password_again", PASSWORD).await;
    browser.click_through("#set-password").await;
    expect_path(browser, "/login").await;
    Login {
        email: EMAIL,
        password: PASSWORD,
    }
}

/// Closes the campaign with the dashboard's form; the dashboard then says when its personal
/// data will be erased.
async fn close_the_campaign(analyst: &Analyst<'_>) {
    analyst.reopen_the_dashboard().await;
    analyst.browser.click("label[for=confirm]").await;
    analyst.browser.click_through("#close").await;
    analyst.expect_path(&analyst.dashboard()).await;
    assert!(analyst.browser.is_visible("#closed-notice").await);
    let when = analyst.browser.text_of("#campaign-retention").await;
    assert!(
        when.starts_with("On ") && when.contains(", 365 days after the campaign closed on "),
        "{when}"
    );
}

/// The retention run a year and a day later (the one the worker inside `serve` and
/// `liaison retention run` make) erases both participants: the dashboard says so, the
/// participants page shows their organisations but neither address nor name, and no cell
/// of any table holds either.
async fn the_retention_run_erases_the_participants(app: &TestApp, analyst: &Analyst<'_>) {
    let later = storage::now() + chrono::Duration::days(366);
    let erased = {
        let mut conn = app.db.conn();
        retention::run(&mut conn, catalogue(), later, &Actor::Cli, Mode::Erase)
            .expect("the retention run")
    };
    assert_eq!(erased.len(), 1, "{erased:?}");
    assert_eq!((erased[0].participants, erased[0].links), (2, 2));

    analyst.reopen_the_dashboard().await;
    let when = analyst.browser.text_of("#campaign-retention").await;
    assert!(when.starts_with("Erased on "), "{when}");
    analyst.open_the_participants().await;
    let table = analyst.browser.text_of("main").await;
    let personal = [RESPONDENT, RESPONDENT_NAME, SECOND_EMAIL, SECOND_NAME];
    for gone in personal {
        assert!(!table.contains(gone), "{gone} is still shown: {table}");
    }
    assert!(
        table.contains(ORGANISATION) && table.contains("CSIRT B"),
        "{table}"
    );
    assert_eq!(
        holding(&every_cell(&app.db), &personal),
        Vec::<String>::new()
    );
}

/// New words for the invitation, previewed for the sample participant with the parts no
/// wording changes, then saved.
async fn edit_and_preview_the_invitation(analyst: &Analyst<'_>) {
    let subject = format!("Subject\n{SUBJECT}");
    let shown = [
        subject.as_str(),
        "Hello Alex Example,",
        "Dear colleagues at Example organisation,",
        ASKING,
        "Your personal link to the questionnaire:\n\n    http://127.0.0.1/r/",
        DEADLINE,
        "Classification: TLP:GREEN.",
        "Network Secretariat",
    ];
    analyst
        .edit_and_preview_the_invitation(&INVITATION, &shown)
        .await;
}

/// A list whose second participant has a country that does not exist is refused, naming
/// row 3 (the header is row 1) and its column, and nothing is imported; the same list with
/// the country corrected imports both.
async fn upload_a_list_with_a_bad_row_then_the_fixed_one(analyst: &Analyst<'_>, folder: &Path) {
    let first = format!("{RESPONDENT},{RESPONDENT_NAME},{ORGANISATION},csirt,AT,en");
    let bad = folder.join("participants-bad.csv");
    std::fs::write(&bad, format!("{HEADER}\n{first}\n{SECOND_BAD}\n")).expect("written");
    let fixed = folder.join("participants.csv");
    std::fs::write(&fixed, format!("{HEADER}\n{first}\n{SECOND}\n")).expect("written");

    analyst.open_the_participants().await;
    analyst.upload_participants(&bad, false).await;
    let problems = analyst.upload_problems().await;
    assert_eq!(problems.len(), 1, "{problems:?}");
    let [row, column, problem] = &problems[0];
    assert_eq!((row.as_str(), column.as_str()), ("3", "country"));
    assert!(problem.contains("\"XX\""), "{problem}");
    assert_eq!(
        analyst.shown_count().await,
        "Showing 0 of 0 participant(s)."
    );

    analyst.upload_participants(&fixed, true).await;
    analyst.expect_notice("2 added, 0 already present.").await;
    assert!(analyst.upload_problems().await.is_empty());
    assert_eq!(
        analyst.shown_count().await,
        "Showing 2 of 2 participant(s)."
    );
}

/// Both invitations reach the SMTP server after the `sent_before` mails it already had,
/// sent by the app's worker in the words saved; the survey link of the respondent's.
async fn the_invitations_arrive(smtp: &TestSmtp, sent_before: usize, app: &TestApp) -> String {
    let mails: Vec<_> = smtp.arrival_of(sent_before + 2, MAIL_TIMEOUT).await[sent_before..]
        .iter()
        .map(|m| m.parse())
        .collect();
    for mail in &mails {
        assert_eq!(mail.subject, SUBJECT, "to {}", mail.to);
        assert!(mail.text.contains(ASKING), "{}", mail.text);
        assert!(mail.html.contains(ASKING), "{}", mail.html);
    }
    let mail = mails
        .iter()
        .find(|m| m.to.contains(RESPONDENT))
        .expect("the respondent's invitation");
    assert!(mail.text.contains(GREETING), "{}", mail.text);
    assert!(mail.text.contains(DEADLINE), "{}", mail.text);
    assert!(mail.text.contains("Classification: TLP:GREEN."));
    survey::link_in(&mail.text, &app.address)
}

/// The respondent opens the mail's link in the browser nobody is logged in to any more,
/// answers every section and submits, and sees the result.
async fn a_respondent_answers(browser: &Browser, link: &str, app: &TestApp) {
    let survey = Survey { browser, link };
    survey.answer_every_section_and_submit().await;
    survey.see_the_result(app).await;
    assert_eq!(saved_answers(app), (1, QUESTIONS as i64));
}

/// The archive holds every report file and the respondent's radar under a folder named
/// with the TLP, as the archive's own name is; the workbook's sheets are each headed by
/// the TLP label and hold the respondent's rows.
async fn download_and_open_the_bundles(analyst: &Analyst<'_>) {
    let archive: Bundle = analyst.download_bundle("archive", "GREEN", "zip").await;
    let files = archive.archive_files();
    // The walkthrough's campaign is a first round: it has no trend.
    for file in liaison::reports::REPORT_FILES {
        let held = files.iter().any(|f| f == file);
        assert_eq!(
            held,
            !liaison::reports::is_optional(file),
            "{file} in {files:?}"
        );
    }
    let radars = files.iter().filter(|f| f.starts_with("radars/")).count();
    assert_eq!(radars, 1, "{files:?}");
    let scores = archive.archive_text("scores.csv");
    assert!(scores.starts_with("# TLP:GREEN"), "{scores}");
    assert!(scores.contains(ORGANISATION), "{scores}");

    let workbook = analyst.download_bundle("workbook", "GREEN", "xlsx").await;
    let sheets = workbook.workbook();
    let names: Vec<&str> = sheets.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["answers", "scores", "aggregates", "non_answers"]);
    for (name, cells) in &sheets {
        let heading = cells.get_value((0, 0)).map(ToString::to_string);
        assert!(
            heading
                .as_deref()
                .is_some_and(|h| h.starts_with(&format!("TLP:GREEN — {NAME}"))),
            "sheet {name}: {heading:?}"
        );
    }
    for name in ["answers", "scores"] {
        let (_, cells) = &sheets[names.iter().position(|n| *n == name).expect("listed")];
        let organisation = Data::String(ORGANISATION.to_owned());
        assert!(
            cells.rows().skip(2).any(|row| row.contains(&organisation)),
            "no row of {ORGANISATION} in sheet {name}"
        );
    }
}

/// The responses and answers stored.
fn saved_answers(app: &TestApp) -> (i64, i64) {
    let mut conn = app.db.conn();
    let started: i64 = responses::table
        .count()
        .get_result(&mut *conn)
        .expect("the responses");
    let answered: i64 = answers::table
        .count()
        .get_result(&mut *conn)
        .expect("the answers");
    (started, answered)
}
