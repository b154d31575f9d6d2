//! Simulated respondents: each has its own link, its own browser (cookies, CSRF token)
//! and its own client address, and saves one full page of answers again and again.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use anyhow::{Context, bail};
use liaison::mail::OutboxKind;
use liaison::storage::{DbConn, outbox};
use reqwest::Client;
use reqwest::header::{CONTENT_TYPE, LOCATION};

// The tests' reading of a page's form: the bench fills the page as the tests do.
#[path = "../../tests/api/helpers/fields.rs"]
mod fields;

use fields::{csrf_token, first_values};

/// One respondent, ready to save their page.
pub struct Respondent {
    client: Client,
    url: String,
    /// The url-encoded form the page's "save" button sends.
    form: String,
}

impl Respondent {
    /// Opens section `section` of the link `token` from `address`, the way a browser
    /// does before anyone can save: it gets the CSRF cookie and token and the page's
    /// questions, and answers every question with its first offered option.
    pub async fn open(
        base: &str,
        token: &str,
        section: usize,
        address: IpAddr,
    ) -> anyhow::Result<Respondent> {
        let client = browser(Some(address))?;
        let url = format!("{base}/r/{token}/s/{section}");
        let page = client.get(&url).send().await?;
        if page.status() != 200 {
            bail!("GET {url} answered {}", page.status());
        }
        let html = page.text().await?;
        let csrf = csrf_token(&html).with_context(|| format!("no CSRF token on {url}"))?;
        let mut fields = first_values(&html);
        if fields.is_empty() {
            bail!("no questions on {url}");
        }
        fields.push(("action".to_owned(), "save".to_owned()));
        fields.push(("csrf_token".to_owned(), csrf));
        Ok(Respondent {
            client,
            url,
            form: serde_urlencoded::to_string(&fields)?,
        })
    }

    /// How many answers the saved page holds (besides the action and the token).
    pub fn answers(&self) -> usize {
        self.form.matches('&').count() - 1
    }

    /// Saves the page once; the app answers a stored page with 303 to the welcome page.
    pub async fn save(&self) -> Result<(), String> {
        let response = self
            .client
            .post(&self.url)
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(self.form.clone())
            .send()
            .await
            .map_err(|e| format!("POST {}: {e}", self.url))?;
        let status = response.status();
        let saved = status == 303
            && response
                .headers()
                .get(LOCATION)
                .and_then(|l| l.to_str().ok())
                .is_some_and(|l| l.ends_with("?saved=1"));
        // Read to the end, so the connection can carry the next request.
        let body = response.bytes().await.map_err(|e| e.to_string())?;
        if saved {
            Ok(())
        } else {
            Err(format!(
                "POST {} answered {status}: {}",
                self.url,
                String::from_utf8_lossy(&body[..body.len().min(200)])
            ))
        }
    }
}

/// The link tokens of every queued invitation, read from the mails as a respondent would.
pub fn link_tokens(conn: &mut DbConn) -> anyhow::Result<Vec<String>> {
    outbox::list(conn, None)?
        .iter()
        .filter(|mail| mail.kind == OutboxKind::Invitation)
        .map(|mail| {
            let text = mail.text_to_send();
            let start = text
                .find("/r/")
                .with_context(|| format!("no link in the invitation to {}", mail.recipient))?;
            Ok(text[start + 3..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
                .collect())
        })
        .collect()
}

/// A client that keeps cookies and does not follow redirects, like a browser whose
/// every request is counted once; `None` leaves the choice of client address to the system.
pub fn browser(address: Option<IpAddr>) -> anyhow::Result<Client> {
    Ok(Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(address)
        // The app closes a connection idle for 5 s (actix's default keep-alive); one
        // reused just then fails its request, so let the client retire it first.
        .pool_idle_timeout(Duration::from_secs(4))
        .build()?)
}

/// The client address of respondent `n` (from 0): each its own in 127.10.0.0/16, so that
/// the app's per-address rate limit on respondent links counts each respondent apart, as
/// it would for people at their own desks. Linux answers the whole of 127.0.0.0/8 on
/// loopback.
pub fn address(n: usize) -> anyhow::Result<IpAddr> {
    let high = u8::try_from(n / 250).context("at most 64,000 respondents")?;
    let low = u8::try_from(n % 250 + 1).context("n % 250 + 1 fits a byte")?;
    Ok(IpAddr::V4(Ipv4Addr::new(127, 10, high, low)))
}
