//! The analyst's side of the journey: logging in through the form, the campaign's
//! dashboard and its actions, the responses, building the reports with the page's button
//! and downloading them within the browser's session. Setting a campaign up is in
//! [`setup`](super::setup).

use std::time::Duration;

use liaison::accounts::Role;
use reqwest::header::{CONTENT_TYPE, COOKIE};

use super::driver::Browser;
use crate::helpers::{ANALYST_PASSWORD, TestApp};

const EMAIL: &str = "analyst@secretariat.example.org";
/// Building every report runs polars and plotters unoptimised in a test build, maybe on
/// a busy machine: far longer than a page usually takes.
pub const BUILD_TIMEOUT: Duration = Duration::from_secs(90);

/// What an analyst types into the login form.
#[derive(Debug, Clone, Copy)]
pub struct Login<'a> {
    pub email: &'a str,
    pub password: &'a str,
}

/// An analyst assigned to one campaign, at the browser.
pub struct Analyst<'a> {
    pub(super) browser: &'a Browser,
    pub(super) address: &'a str,
    pub(super) login: Login<'a>,
    pub(super) campaign: i64,
}

/// The overall row of the dashboard's progress table, as shown.
#[derive(Debug, PartialEq, Eq)]
pub struct Overall {
    pub invited: String,
    pub opened: String,
    pub submitted: String,
    pub rate: String,
}

impl Overall {
    pub fn of(invited: u32, opened: u32, submitted: u32, rate: &str) -> Overall {
        Overall {
            invited: invited.to_string(),
            opened: opened.to_string(),
            submitted: submitted.to_string(),
            rate: rate.to_owned(),
        }
    }
}

/// Logs in through the login page, which leads to the list of campaigns.
pub async fn log_in(browser: &Browser, address: &str, login: Login<'_>) {
    browser.goto(&format!("{address}/login")).await;
    browser.type_into("#email", login.email).await;
    browser.type_into("#password", login.password).await;
    browser.click_through("#log-in").await;
    expect_path(browser, "/campaigns").await;
}

/// Logs out with the page's button: the login page says so, and no cookie of the session
/// is left for whoever uses this browser next.
pub async fn log_out(browser: &Browser) {
    browser.click_through("#logout").await;
    expect_path(browser, "/login").await;
    assert!(
        browser.is_visible("#logged-out-notice").await,
        "{}",
        browser.describe().await
    );
    browser.forget_cookies().await;
}

/// Asserts the browser shows `expected`, naming the page it shows otherwise.
pub async fn expect_path(browser: &Browser, expected: &str) {
    let path = browser.path().await;
    assert_eq!(path, expected, "on {}", browser.describe().await);
}

impl<'a> Analyst<'a> {
    /// Creates an account with the analyst role, assigned to `campaign` only.
    pub fn assigned_to(browser: &'a Browser, app: &'a TestApp, campaign: i64) -> Analyst<'a> {
        app.add_analyst(EMAIL, Role::Analyst, &[campaign]);
        let login = Login {
            email: EMAIL,
            password: ANALYST_PASSWORD,
        };
        Analyst {
            browser,
            address: &app.address,
            login,
            campaign,
        }
    }

    /// Logs in through the login page and opens the campaign from the list it leads to.
    pub async fn log_in_and_open_the_campaign(&self) {
        log_in(self.browser, self.address, self.login).await;
        let link = format!("#dashboard-{}", self.campaign);
        self.browser.click_through(&link).await;
        self.expect_path(&self.dashboard()).await;
    }

    /// Comes back to the dashboard later, as from a bookmark.
    pub async fn reopen_the_dashboard(&self) {
        let url = format!("{}{}", self.address, self.dashboard());
        self.browser.goto(&url).await;
        self.expect_path(&self.dashboard()).await;
    }

    /// The overall progress the dashboard shows.
    pub async fn overall(&self) -> Overall {
        let cell = |column: &'static str| async move {
            let text = self.browser.text_of(&format!("#overall-{column}")).await;
            text.trim().to_owned()
        };
        Overall {
            invited: cell("invited").await,
            opened: cell("opened").await,
            submitted: cell("submitted").await,
            rate: cell("rate").await,
        }
    }

    /// Follows the dashboard's link to the reports page, where nothing is built yet,
    /// and builds them with its button.
    pub async fn build_the_reports(&self) {
        let reports = format!("{}/reports", self.dashboard());
        self.browser.click_through("#reports-link").await;
        self.expect_path(&reports).await;
        assert!(
            !self.browser.is_visible(&self.link_to("scores.csv")).await,
            "a download offered before anything was built: {}",
            self.browser.describe().await
        );
        self.browser
            .click_through_within("#build-reports", BUILD_TIMEOUT)
            .await;
        self.expect_path(&reports).await;
    }

    /// The TLP label the reports page shows above the files.
    pub async fn tlp_banner(&self) -> String {
        self.browser.text_of("#tlp-banner").await.trim().to_owned()
    }

    /// Clicks the link to an attachment such as `scores.csv` and returns what the browser
    /// saved, under the name the server gave it.
    pub async fn download(&self, file: &str) -> Vec<u8> {
        self.browser.click(&self.link_to(file)).await;
        let saved_as = format!("campaign-{}-{file}", self.campaign);
        self.browser.downloaded(&saved_as).await
    }

    /// Opens a chart's link: the browser shows the picture, and the same address fetched
    /// with the browser's session cookie gives its bytes. Returns the bytes and the width
    /// the browser decoded.
    pub async fn open_chart(&self, file: &str) -> (Vec<u8>, u64) {
        let href = self
            .browser
            .find(&self.link_to(file))
            .await
            .attr("href")
            .await
            .expect("an href")
            .expect("the link has an href");
        self.browser.click_through(&self.link_to(file)).await;
        self.expect_path(&href).await;
        let width = self
            .browser
            .client
            .execute(
                "const img = document.images[0];
                 return img && img.complete ? img.naturalWidth : 0;",
                vec![],
            )
            .await
            .expect("the script runs");
        let width = width.as_u64().unwrap_or(0);
        assert!(width > 0, "the browser shows no picture at {href}");
        (self.fetch_png_in_session(&href).await, width)
    }

    /// GETs the PNG at `path` as the browser would: with its cookies and without
    /// following a redirect to the login page.
    async fn fetch_png_in_session(&self, path: &str) -> Vec<u8> {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("an HTTP client");
        let answer = client
            .get(format!("{}{path}", self.address))
            .header(COOKIE, self.browser.cookie_header().await)
            .send()
            .await
            .expect("the request reaches the app");
        assert_eq!(answer.status(), 200, "{path} in the browser's session");
        let mime = answer.headers().get(CONTENT_TYPE).cloned();
        assert_eq!(
            mime.as_ref().and_then(|m| m.to_str().ok()),
            Some("image/png"),
            "{path}"
        );
        answer.bytes().await.expect("the file's bytes").to_vec()
    }

    pub(super) fn dashboard(&self) -> String {
        format!("/campaigns/{}", self.campaign)
    }

    /// The reports page's link to `file`.
    fn link_to(&self, file: &str) -> String {
        format!("a[href=\"/campaigns/{}/reports/{file}\"]", self.campaign)
    }

    pub(super) async fn expect_path(&self, expected: &str) {
        expect_path(self.browser, expected).await;
    }
}
