//! Analyst accounts for a test and browsers logged in as them: `app.add_analyst` makes one
//! directly in storage, `app.logged_in(role, campaigns)` gives a [`Session`] whose requests
//! carry its cookie and, for forms, the CSRF token of the page they are on.

use std::ops::Deref;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use liaison::accounts::{Password, Role, hash_password};
use liaison::storage::{analysts, api_tokens};

use super::fields::csrf_token;
use super::forms::{client, log_in};
use super::{ADMIN_EMAIL, ADMIN_PASSWORD, TestApp};

/// The password of every analyst `add_analyst` makes.
pub const ANALYST_PASSWORD: &str = "an analyst's passphrase for tests";

/// Its hash, made once: argon2 is slow in a debug build.
static ANALYST_HASH: LazyLock<String> = LazyLock::new(|| {
    let password = Password::parse(ANALYST_PASSWORD, "analyst@test.invalid").expect("valid");
    hash_password(&password).expect("hashing works")
});

/// An account made for a test.
pub struct Analyst {
    pub email: String,
    /// An API token of the account.
    pub api_token: String,
}

/// A browser logged in to the app; it derefs to its `reqwest::Client`.
pub struct Session {
    pub browser: reqwest::Client,
    address: String,
}

impl Deref for Session {
    type Target = reqwest::Client;

    fn deref(&self) -> &reqwest::Client {
        &self.browser
    }
}

impl Session {
    /// The answer at `path`, whatever its status.
    pub async fn fetch(&self, path: &str) -> reqwest::Response {
        self.browser
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("sent")
    }

    /// The page at `path`, which must be there.
    pub async fn page(&self, path: &str) -> String {
        let page = self.fetch(path).await;
        assert_eq!(page.status(), 200, "{path}");
        page.text().await.expect("a body")
    }

    /// Posts `fields` to `path` with the CSRF token of the page at `form_page`, as the
    /// browser does when the form on that page is sent.
    pub async fn post_form(
        &self,
        form_page: &str,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let token = csrf_token(&self.page(form_page).await).expect("a CSRF field");
        let mut all = fields.to_vec();
        all.push(("csrf_token", &token));
        self.browser
            .post(format!("{}{path}", self.address))
            .form(&all)
            .send()
            .await
            .expect("sent")
    }
}

impl TestApp {
    /// An account with `role` (password [`ANALYST_PASSWORD`]) assigned to `campaigns`,
    /// with an API token.
    pub fn add_analyst(&self, email: &str, role: Role, campaigns: &[i64]) -> Analyst {
        let mut conn = self.db.conn();
        let row = analysts::create_analyst(&mut conn, email, &ANALYST_HASH, role).expect("created");
        for campaign in campaigns {
            analysts::assign_campaign(&mut conn, row.id, *campaign).expect("assigned");
        }
        let api_token = api_tokens::create_api_token(&mut conn, row.id, "tests")
            .expect("a token")
            .token;
        Analyst {
            email: row.email,
            api_token,
        }
    }

    /// Lets the analyst `email` create campaigns, as `liaison analyst allow-create` does.
    pub fn allow_campaign_creation(&self, email: &str) {
        let mut conn = self.db.conn();
        let actor = liaison::audit::Actor::Cli;
        liaison::accounts::allow_campaign_creation(&mut conn, email, true, &actor)
            .expect("allowed");
    }

    /// A browser logged in through the login page as `email`.
    pub async fn log_in_as(&self, email: &str, password: &str) -> Session {
        let browser = client();
        let login = log_in(self, &browser, email, password).await;
        assert_eq!(login.status(), 303, "logged in as {email}");
        Session {
            browser,
            address: self.address.clone(),
        }
    }

    /// A browser logged in with `role` on `campaigns`: the app's admin for an admin on no
    /// campaign in particular, else a new account.
    pub async fn logged_in(&self, role: Role, campaigns: &[i64]) -> Session {
        if role == Role::Admin && campaigns.is_empty() {
            return self.log_in_as(ADMIN_EMAIL, ADMIN_PASSWORD).await;
        }
        static ACCOUNTS: AtomicUsize = AtomicUsize::new(0);
        let n = ACCOUNTS.fetch_add(1, Ordering::Relaxed);
        let analyst = self.add_analyst(&format!("{role}-{n}@test.invalid"), role, campaigns);
        self.log_in_as(&analyst.email, ANALYST_PASSWORD).await
    }

    /// A GET of the API at `path` carrying the API token `token`.
    pub async fn get_api_as(&self, token: &str, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}/api/v1{path}", self.address))
            .bearer_auth(token)
            .send()
            .await
            .expect("the request reaches the app")
    }
}
