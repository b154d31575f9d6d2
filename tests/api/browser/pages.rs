//! Every page, in the states people meet it in, at 375 and 1280 CSS pixels wide: axe-core
//! finds no violation of its default rules, and nothing scrolls sideways.
//!
//! One app holds a campaign of both audiences with submitted responses, a draft, built
//! reports and a respondent half-way through; [`pages`] lists what to open, in one browser
//! session. A new page is one more line there, e.g.
//! `page("analysts", Admin, "/admin/analysts")`; a page behind a token (a password link)
//! takes the token from [`World`], made in [`world`].

use std::path::PathBuf;

use liaison::accounts::{self, NewAccount, Role};
use liaison::audit::Actor;
use liaison::campaigns::Tlp;
use liaison::mail::OutboxKind;
use liaison::participants::OrganisationKind;
use liaison::storage::{analysts, outbox};
use serde_json::json;

use super::axe::{self, Axe};
use super::driver::{self, Browser};
use crate::fixtures::{
    CampaignBuilder, ParticipantBuilder, ResponseBuilder, every_answer, questionnaire,
};
use crate::helpers::{ADMIN_EMAIL, ADMIN_PASSWORD, ANALYST_PASSWORD, TestApp, spawn_app};
use crate::respondent::invite;
use crate::result_page::invitation_of;

const CSIRT_QUESTIONNAIRE: &str = "csirt-le-cooperation-csirt";
const LEA_QUESTIONNAIRE: &str = "csirt-le-cooperation-lea";
const COOPERATION: &[&str] = &[CSIRT_QUESTIONNAIRE, LEA_QUESTIONNAIRE];
const QUESTIONNAIRES: [&str; 3] = ["csirt-maturity", CSIRT_QUESTIONNAIRE, LEA_QUESTIONNAIRE];
/// The widths every page is checked at: a small phone, and a laptop.
const WIDTHS: [u32; 2] = [375, 1280];
/// An analyst assigned to the campaign who may not create campaigns.
const ANALYST_EMAIL: &str = "analyst@secretariat.example.org";
/// A participant list with a row of problems.
const BAD_LIST: &str = "email,name,organisation,type,country,language\n\
    not-an-address,Desk,CERT-X,police,Atlantis,xx\n";

/// Who looks at a page: nobody logged in, the admin, or an analyst of the campaign.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Visitor {
    Anyone,
    Admin,
    Analyst,
    /// A peer reviewer, given one maturity response.
    Peer,
}

/// What to do on a page once it is open, to bring it into the state to check.
enum Step {
    /// Clicks the link or button `css` and waits for the page it opens.
    Click(&'static str),
    /// Chooses the file for the file field `css`.
    Choose(&'static str, PathBuf),
    /// Types `text` into the field `css`.
    Type(&'static str, &'static str),
}

/// A page to check: what it is called in failures, who opens it, where, what then, and
/// what shows that it is in the state meant.
struct Page {
    name: String,
    visitor: Visitor,
    path: String,
    steps: Vec<Step>,
    shows: Option<&'static str>,
}

fn page(name: &str, visitor: Visitor, path: &str) -> Page {
    Page {
        name: name.to_owned(),
        visitor,
        path: path.to_owned(),
        steps: Vec::new(),
        shows: None,
    }
}

impl Page {
    fn then(mut self, step: Step) -> Page {
        self.steps.push(step);
        self
    }

    /// The element `css` must be on the page once the steps are done.
    fn showing(mut self, css: &'static str) -> Page {
        self.shows = Some(css);
        self
    }
}

/// What the app holds for the pages to show.
struct World {
    /// The campaign of both audiences with responses, a draft and built reports.
    campaign: i64,
    /// A submitted response of it.
    response: i64,
    /// The link of a respondent who has not submitted yet.
    walker: String,
    /// The link of a CSIRT who submitted, with enough peers to be compared.
    compared: String,
    /// The link of the only law enforcement respondent of its campaign, who submitted.
    alone: String,
    /// A campaign nobody was invited to yet (TLP:RED).
    empty: i64,
    /// A closed campaign (TLP:GREEN).
    closed: i64,
    /// A CSV file of participants with problems; beside it, `participants.exe`, a file
    /// refused as evidence.
    bad_list: PathBuf,
    /// The account of the analyst of the campaign.
    analyst: i64,
    /// The path of a password link of an account that has not set its password yet.
    password_link: String,
    /// The link of a respondent whose answers a reviewer sent back for changes.
    sent_back: String,
    /// The link of a respondent whose answers a reviewer accepted.
    accepted: String,
    /// A campaign that requires review, which the analyst reviews, and its submitted
    /// response.
    reviewed: (i64, i64),
    /// A peer-reviewed maturity response.
    peer_reviewed: super::peer_review::ReviewedPages,
    /// The path of a colleague's link to the walker's first section.
    colleague: String,
    /// The path of another colleague's link, to the walker's second section, which the
    /// checks finish.
    finishing: String,
}

/// The first question of the walker's questionnaire, whose evidence page is checked.
fn first_question() -> &'static str {
    questionnaire(CSIRT_QUESTIONNAIRE).sections()[0].questions()[0].id()
}

/// Every page and state to check, in the order opened (grouped by visitor, so the
/// browser logs in as few times as it can).
fn pages(w: &World) -> Vec<Page> {
    use Step::{Choose, Click, Type};
    use Visitor::{Admin, Analyst, Anyone, Peer};
    let c = format!("/campaigns/{}", w.campaign);
    let reviewed = format!("/campaigns/{}/responses/{}", w.reviewed.0, w.reviewed.1);
    let mut all = vec![
        page("login", Anyone, "/login"),
        page("login, refused", Anyone, "/login")
            .then(Click("#log-in"))
            .showing("#error-summary"),
        page("respondent welcome", Anyone, &w.walker),
        page("respondent section", Anyone, &format!("{}/s/1", w.walker)),
        page(
            "respondent section, refused",
            Anyone,
            &format!("{}/s/2", w.walker),
        )
        .then(Click("#next"))
        .showing("#error-summary"),
        page(
            "respondent section in German",
            Anyone,
            &format!("{}/s/1?lang=de", w.walker),
        )
        .showing("html[lang=de]"),
        page(
            "respondent evidence",
            Anyone,
            &format!("{}/evidence/{}", w.walker, first_question()),
        ),
        page(
            "respondent evidence, refused",
            Anyone,
            &format!("{}/evidence/{}", w.walker, first_question()),
        )
        .then(Choose("#evidence-file", w.bad_list.with_extension("exe")))
        .then(Click("#save-evidence"))
        .showing("#evidence-file-error"),
        page("respondent review", Anyone, &format!("{}/review", w.walker)),
        page(
            "result, peers shown",
            Anyone,
            &format!("{}/result", w.compared),
        )
        .showing(".peer-median"),
        page(
            "result, peers withheld",
            Anyone,
            &format!("{}/result", w.alone),
        )
        .showing("#peers-withheld"),
        page("unknown link (404)", Anyone, "/r/no-such-link"),
        page(
            "respondent welcome, changes requested",
            Anyone,
            &w.sent_back,
        )
        .showing("#changes-requested"),
        page(
            "respondent section, changes requested",
            Anyone,
            &format!("{}/s/1", w.sent_back),
        )
        .showing(".review-note textarea"),
        page(
            "respondent review, changes requested",
            Anyone,
            &format!("{}/review", w.sent_back),
        )
        .showing("#changes-requested"),
        page(
            "result, changes requested",
            Anyone,
            &format!("{}/result", w.sent_back),
        )
        .showing("#review-changes-link"),
        page(
            "result, reviewed and accepted",
            Anyone,
            &format!("{}/result", w.accepted),
        )
        .showing("#review-status"),
        page(
            "contact's delegations",
            Anyone,
            &format!("{}/delegations", w.walker),
        )
        .showing("#delegations"),
        page(
            "contact's delegations, refused",
            Anyone,
            &format!("{}/delegations", w.walker),
        )
        .then(Click("#delegate"))
        .showing("#error-summary"),
        page("colleague's welcome", Anyone, &w.colleague).showing("#delegation-done"),
        page(
            "colleague's section",
            Anyone,
            &format!("{}/s/1", w.colleague),
        ),
        page(
            "colleague's section, refused",
            Anyone,
            &format!("{}/s/1", w.colleague),
        )
        .then(Click("#next"))
        .showing("#error-summary"),
        page("colleague finished", Anyone, &w.finishing)
            .then(Click("#delegation-done"))
            .showing("#delegation-finished"),
        page("campaign list", Admin, "/campaigns"),
        page("new campaign", Admin, "/campaigns/new"),
        page("new campaign, refused", Admin, "/campaigns/new")
            .then(Click("#create"))
            .showing("#error-summary"),
        page("dashboard", Admin, &c).showing("figure.chart svg"),
        page("participants", Admin, &format!("{c}/participants")),
        page(
            "participants, upload refused",
            Admin,
            &format!("{c}/participants"),
        )
        .then(Choose("#upload-file", w.bad_list.clone()))
        .then(Click("#upload"))
        .showing("#upload-problems"),
        page(
            "participants, addition refused",
            Admin,
            &format!("{c}/participants"),
        )
        .then(Click("#add"))
        .showing("#error-summary"),
        page(
            "participants, revocation refused",
            Admin,
            &format!("{c}/participants"),
        )
        .then(Click("form[id^=revoke-] button"))
        .showing(".field-error"),
        page("mail text", Admin, &format!("{c}/mail-text")),
        page("mail text, preview", Admin, &format!("{c}/mail-text"))
            .then(Click("button[name=preview]"))
            .showing("#preview"),
        page("responses", Admin, &format!("{c}/responses")),
        page("response", Admin, &format!("{c}/responses/{}", w.response)),
        page("reports, built", Admin, &format!("{c}/reports")).showing("#built-at"),
        page(
            "dashboard, nobody invited",
            Admin,
            &format!("/campaigns/{}", w.empty),
        ),
        page(
            "participants, none",
            Admin,
            &format!("/campaigns/{}/participants", w.empty),
        ),
        page(
            "responses, none",
            Admin,
            &format!("/campaigns/{}/responses", w.empty),
        ),
        page(
            "reports, not built",
            Admin,
            &format!("/campaigns/{}/reports", w.empty),
        )
        .showing("#not-built"),
        page(
            "dashboard, closed",
            Admin,
            &format!("/campaigns/{}", w.closed),
        ),
        page(
            "participants, closed",
            Admin,
            &format!("/campaigns/{}/participants", w.closed),
        )
        .showing("#closed-notice"),
        page("no such campaign (404)", Admin, "/campaigns/999999").showing("#error-page"),
        page("campaign creation refused (403)", Analyst, "/campaigns/new").showing("#error-page"),
        page("accounts", Admin, "/admin/analysts"),
        page("accounts, addition refused", Admin, "/admin/analysts")
            .then(Click("#add-analyst"))
            .showing("#error-summary"),
        page(
            "an analyst's account",
            Admin,
            &format!("/admin/analysts/{}", w.analyst),
        ),
        page("own account, admin", Admin, "/account"),
        page("own account", Analyst, "/account"),
        page("own account, new token", Analyst, "/account")
            .then(Type("#token_name", "reporting script"))
            .then(Click("#create-token"))
            .showing("#new-token"),
        page("own account, token refused", Analyst, "/account")
            .then(Click("#create-token"))
            .showing("#error-summary"),
        page("accounts refused (403)", Analyst, "/admin/analysts").showing("#error-page"),
        page("response, review form", Analyst, &reviewed).showing("#review-form"),
        page("response, review refused", Analyst, &reviewed)
            .then(Click("#request-changes"))
            .showing("#request-changes-error"),
        page("password link", Anyone, &w.password_link).showing("#password-form"),
        page("password link, refused", Anyone, &w.password_link)
            .then(Click("#set-password"))
            .showing("#error-summary"),
        page("password link, unusable", Anyone, "/password/no-such-link"),
        page(
            "result, peer consent asked",
            Anyone,
            &w.peer_reviewed.unconsented,
        )
        .showing("#peer-consent"),
    ];
    let r = &w.peer_reviewed;
    all.extend([
        page("result, peer-reviewed", Anyone, &r.result).showing("#self-and-peer"),
        page(
            "response, peer-reviewed",
            Admin,
            &format!("/campaigns/{}/responses/{}", r.campaign, r.response),
        )
        .showing("#agreed-levels-form"),
        page(
            "response, agreed levels refused",
            Admin,
            &format!("/campaigns/{}/responses/{}", r.campaign, r.response),
        )
        .then(Click("#save-agreed-levels"))
        .showing("#error-summary"),
        page("peer reviewers", Admin, "/admin/peer-reviewers").showing("#give-form"),
        page(
            "peer reviewers, addition refused",
            Admin,
            "/admin/peer-reviewers",
        )
        .then(Click("#add-peer-reviewer"))
        .showing("#error-summary"),
        page("peer's responses", Peer, "/peer").showing("#peer-responses"),
        page(
            "peer's response",
            Peer,
            &format!("/peer/responses/{}", r.response),
        )
        .showing("#peer-levels-form"),
        page(
            "peer's response, refused",
            Peer,
            &format!("/peer/responses/{}", r.response),
        )
        .then(Type("#justification-O-2", "Without a level."))
        .then(Click("#save-peer-levels"))
        .showing("#error-summary"),
    ]);
    for q in QUESTIONNAIRES {
        let preview = format!("/questionnaires/{q}/preview");
        all.push(page(&format!("preview of {q}"), Admin, &preview));
        all.push(page(
            &format!("{q}, section 1"),
            Admin,
            &format!("{preview}/s/1"),
        ));
        all.push(page(
            &format!("{q}, section 3"),
            Admin,
            &format!("{preview}/s/3"),
        ));
    }
    // The division of duties: a matrix of lists, a card per duty at 375 px.
    all.push(page(
        "division of duties",
        Admin,
        &format!("/questionnaires/{CSIRT_QUESTIONNAIRE}/preview/s/7"),
    ));
    all.sort_by_key(|p| p.visitor as u8);
    all
}

#[tokio::test]
async fn every_page_passes_axe_core_and_fits_375_px() {
    let Some(axe) = Axe::load() else {
        return;
    };
    let Some(browser) = driver::launch().await else {
        return;
    };
    let app = spawn_app().await;
    let files = tempfile::tempdir().expect("a folder");
    let world = world(&app, files.path()).await;
    let mut visitor = None;
    let mut failures = Vec::new();
    for page in pages(&world) {
        if visitor != Some(page.visitor) {
            become_(&browser, &app, page.visitor).await;
            visitor = Some(page.visitor);
        }
        browser.goto(&format!("{}{}", app.address, page.path)).await;
        for step in &page.steps {
            match step {
                Step::Click(css) => browser.click_through(css).await,
                Step::Type(css, text) => browser.type_into(css, text).await,
                Step::Choose(css, file) => {
                    let path = file.to_str().expect("a UTF-8 path");
                    browser.type_into(css, path).await;
                }
            }
        }
        if let Some(css) = page.shows {
            assert!(
                browser.is_visible(css).await,
                "{}: no {css} on {}",
                page.name,
                browser.describe().await
            );
        }
        for width in WIDTHS {
            browser.set_viewport_width(width).await;
            failures.extend(check(&browser, &axe, &page.name, width).await);
        }
    }
    browser.quit().await;
    assert!(
        failures.is_empty(),
        "{} page check(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What is wrong with the page the browser shows at `width`: axe-core's violations, and
/// sideways scrolling with the elements that cause it.
async fn check(browser: &Browser, axe: &Axe, name: &str, width: u32) -> Vec<String> {
    let mut failures = Vec::new();
    let path = browser.path().await;
    let violations = axe.violations(browser).await;
    if !violations.is_empty() {
        let listed: String = violations.iter().map(|v| format!("    {v}")).collect();
        failures.push(format!("{name} ({path}) at {width} px:\n{listed}"));
    }
    let widths = axe::widths(browser).await;
    if widths.scroll > widths.inner {
        failures.push(format!(
            "{name} ({path}) at {width} px scrolls sideways: {} px wide in {} px, \
             past the edge: {}\n",
            widths.scroll,
            widths.inner,
            widths.wide.join(", ")
        ));
    }
    failures
}

/// Logs the browser out and, unless `visitor` is anyone, in again through the login form.
async fn become_(browser: &Browser, app: &TestApp, visitor: Visitor) {
    browser.goto(&format!("{}/login", app.address)).await;
    browser.forget_cookies().await;
    let (email, password) = match visitor {
        Visitor::Anyone => return,
        Visitor::Admin => (ADMIN_EMAIL, ADMIN_PASSWORD),
        Visitor::Analyst => (ANALYST_EMAIL, ANALYST_PASSWORD),
        Visitor::Peer => super::peer_review::PEER_LOGIN,
    };
    browser.goto(&format!("{}/login", app.address)).await;
    browser.type_into("#email", email).await;
    browser.type_into("#password", password).await;
    browser.click_through("#log-in").await;
    let landing = if visitor == Visitor::Peer {
        "/peer"
    } else {
        "/campaigns"
    };
    assert_eq!(
        browser.path().await,
        landing,
        "logged in as {email}: {}",
        browser.describe().await
    );
}

/// A cooperation campaign of both audiences: a CSIRT who submitted, two other CSIRTs who
/// did (so that three organisations compare), a law enforcement unit that did, a draft,
/// and its reports built; a respondent of another campaign half-way through; and a law
/// enforcement respondent alone in a third, too few for peers.
async fn world(app: &TestApp, files: &std::path::Path) -> World {
    let csirt = questionnaire(CSIRT_QUESTIONNAIRE);
    let lea = questionnaire(LEA_QUESTIONNAIRE);
    let walker = invite(app, COOPERATION, "csirt", "en").await;
    let compared = invite(app, COOPERATION, "csirt", "en").await;
    let alone = invite(app, COOPERATION, "lea", "en").await;
    let campaign = compared.campaign;
    let response = {
        let mut conn = app.db.conn();
        let own = ResponseBuilder::submitted(every_answer(csirt, 2.0, "AT"))
            .build(&mut conn, invitation_of(app, &compared), csirt)
            .get();
        ResponseBuilder::submitted(every_answer(lea, 1.0, "AT")).build(
            &mut conn,
            invitation_of(app, &alone),
            lea,
        );
        for (email, level) in [
            ("desk@two.example.org", 3.0),
            ("desk@three.example.org", 4.0),
        ] {
            ParticipantBuilder::new(email)
                .country("BE")
                .response(ResponseBuilder::submitted(every_answer(csirt, level, "BE")))
                .add_to(&mut conn, campaign, csirt);
        }
        ParticipantBuilder::new("unit@police.example.org")
            .audience(OrganisationKind::Lea)
            .response(ResponseBuilder::submitted(every_answer(lea, 3.0, "AT")))
            .add_to(&mut conn, campaign, lea);
        ParticipantBuilder::new("desk@drafting.example.org")
            .response(ResponseBuilder::draft(every_answer(csirt, 1.0, "AT")))
            .add_to(&mut conn, campaign, csirt);
        own
    };
    let built = app
        .post_api(&format!("/campaigns/{campaign}/reports"), json!({}))
        .await;
    assert_eq!(built.status(), 200, "the reports are built");
    app.add_analyst(ANALYST_EMAIL, Role::Analyst, &[campaign]);
    let (analyst, password_link) = accounts(app);
    let reviewed = super::review_analyst::reviewed_campaign(app, "reviewer@pages.example.org");
    {
        let mut conn = app.db.conn();
        analysts::assign_campaign(&mut conn, analyst, reviewed.0).expect("assigned");
        analysts::set_reviewer(&mut conn, analyst, reviewed.0, true).expect("reviewer");
    }
    let colleague = ask_colleague(app, &walker, "one@csirt.example.org", "1").await;
    let finishing = ask_colleague(app, &walker, "two@csirt.example.org", "2").await;
    // Campaigns of the other TLP labels, so that the list shows every badge.
    let empty = campaign_labelled(app, "Nobody invited yet", Tlp::Red);
    let closed = campaign_labelled(app, "Closed", Tlp::Green);
    let closing = app
        .post_api(&format!("/campaigns/{closed}/close"), json!({}))
        .await;
    assert_eq!(closing.status(), 200, "the campaign is closed");
    campaign_labelled(app, "For everyone", Tlp::Clear);
    let mut sent_back = crate::review_pages::submitted_on(app, true, "en").await;
    sent_back.request_changes(app);
    let accepted = crate::review_pages::submitted_on(app, true, "en").await;
    accepted.accept(app);
    let bad_list = files.join("participants.csv");
    std::fs::write(&bad_list, BAD_LIST).expect("the list is written");
    // A program's first bytes under a name of its own: refused as evidence.
    let mut program = b"MZ".to_vec();
    program.resize(512, 0);
    std::fs::write(bad_list.with_extension("exe"), program).expect("the program is written");
    World {
        campaign,
        response,
        walker: walker.path,
        compared: compared.path,
        alone: alone.path,
        empty,
        closed,
        bad_list,
        analyst,
        password_link,
        sent_back: sent_back.respondent.path,
        accepted: accepted.respondent.path,
        reviewed,
        peer_reviewed: super::peer_review::reviewed_pages(app).await,
        colleague,
        finishing,
    }
}

/// Asks `email` to answer section `section` of `contact`'s response through the contact's
/// form; the path of the colleague's link (its token read from the outbox).
async fn ask_colleague(
    app: &TestApp,
    contact: &crate::respondent::Respondent,
    email: &str,
    section: &str,
) -> String {
    let asked = contact
        .post("/delegations", &[("email", email), ("section", section)])
        .await;
    assert_eq!(asked.status(), 303, "{email} is asked");
    let mut conn = app.db.conn();
    let token = outbox::list(&mut conn, None)
        .expect("the outbox")
        .into_iter()
        .filter(|m| m.kind == OutboxKind::Delegation && m.recipient == email)
        .find_map(|m| m.link_token)
        .expect("the colleague's link token");
    format!("/d/{token}")
}

/// The id of the campaign's analyst, and the path of the password link mailed to a new
/// account (read from the outbox, where it waits until the mail is sent).
fn accounts(app: &TestApp) -> (i64, String) {
    let mut conn = app.db.conn();
    let analyst = analysts::find_by_email(&mut conn, ANALYST_EMAIL)
        .expect("the analysts")
        .expect("the campaign's analyst")
        .id;
    let account = NewAccount {
        email: "newcomer@secretariat.example.org",
        role: Role::Analyst,
        may_create_campaigns: false,
    };
    accounts::invite_analyst(&mut conn, &account, &Actor::Cli, "http://127.0.0.1")
        .expect("an account with a password link");
    let token = outbox::list(&mut conn, None)
        .expect("the outbox")
        .into_iter()
        .filter(|m| m.kind == OutboxKind::PasswordLink)
        .find_map(|m| m.link_token)
        .expect("the password link's token");
    (analyst, format!("/password/{token}"))
}

/// A maturity campaign with no participants, labelled `tlp`; its id.
fn campaign_labelled(app: &TestApp, name: &str, tlp: Tlp) -> i64 {
    let mut conn = app.db.conn();
    CampaignBuilder::new(name)
        .questionnaire("csirt-maturity")
        .tlp(tlp)
        .build(&mut conn)
        .id()
}
