//! Simulated respondents: each has its own link, its own browser (cookies, CSRF token)
//! and its own client address, and saves one full page of answers again and again, each
//! save changing every answer of the page, so that each one leaves its own rows.

use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

use anyhow::{Context, bail};
use liaison::mail::OutboxKind;
use liaison::storage::{DbConn, outbox};
use reqwest::Client;
use reqwest::header::{CONTENT_TYPE, LOCATION};

// The tests' reading of a page's form: the bench finds the CSRF field as the tests do
// (and picks its own options, so the tests' first-option reading goes unused).
#[allow(dead_code)]
#[path = "../../tests/api/helpers/fields.rs"]
mod fields;

use fields::csrf_token;

/// One respondent, ready to save their page.
pub struct Respondent {
    /// The address the invitation went to, which names the respondent in the database.
    pub email: String,
    client: Client,
    base: String,
    url: String,
    /// The welcome page, where a saved page sends the respondent.
    welcome: String,
    /// The url-encoded forms the page's "save" button sends: every question answered with
    /// its first offered option, then with its second. Saves alternate between them.
    forms: [String; 2],
    /// Saves answered 303, each of which must be in the database.
    pub saves: u64,
    /// Baseline writes answered 303, each of which must be in the database.
    pub writes: u64,
    /// Writes of [`Respondent::rows_per_save`] rows answered 303, all of which must be
    /// in the database.
    pub row_writes: u64,
}

impl Respondent {
    /// Opens section `section` of the link `token` from `address`, the way a browser
    /// does before anyone can save: it gets the CSRF cookie and token and the page's
    /// questions.
    pub async fn open(
        base: &str,
        invited: &Invited,
        section: usize,
        address: IpAddr,
    ) -> anyhow::Result<Respondent> {
        let client = browser(Some(address))?;
        let url = format!("{base}/r/{}/s/{section}", invited.token);
        let page = client.get(&url).send().await?;
        if page.status() != 200 {
            bail!("GET {url} answered {}", page.status());
        }
        let html = page.text().await?;
        let csrf = csrf_token(&html).with_context(|| format!("no CSRF token on {url}"))?;
        let form = |pick: usize| -> anyhow::Result<String> {
            let mut fields = offered_values(&html, pick);
            if fields.is_empty() {
                bail!("no questions on {url}");
            }
            fields.push(("action".to_owned(), "save".to_owned()));
            fields.push(("csrf_token".to_owned(), csrf.clone()));
            Ok(serde_urlencoded::to_string(&fields)?)
        };
        let forms = [form(0)?, form(1)?];
        if forms[0] == forms[1] {
            bail!("the questions on {url} offer no second option to alternate with");
        }
        Ok(Respondent {
            email: invited.email.clone(),
            client,
            base: base.to_owned(),
            url,
            welcome: format!("/r/{}", invited.token),
            forms,
            saves: 0,
            writes: 0,
            row_writes: 0,
        })
    }

    /// How many answers the saved page holds (besides the action and the token).
    pub fn answers(&self) -> usize {
        self.forms[0].matches('&').count() - 1
    }

    /// Saves the page once, with every answer changed from the last save; the app answers
    /// a stored page with 303 to the welcome page.
    pub async fn save(&mut self) -> Result<(), String> {
        let form = self.forms[(self.saves % 2) as usize].clone();
        self.post(&self.url, form, &self.welcome).await?;
        self.saves += 1;
        Ok(())
    }

    /// Sends the same form to the benchmark's one-row write route (see `baseline`).
    pub async fn write(&mut self) -> Result<(), String> {
        let url = format!("{}{}", self.base, super::baseline::ROUTE);
        self.post(&url, self.forms[0].clone(), super::baseline::REDIRECT)
            .await?;
        self.writes += 1;
        Ok(())
    }

    /// The rows each save writes: every answer of the page and its history row.
    pub fn rows_per_save(&self) -> usize {
        2 * self.answers()
    }

    /// Sends the same form to the benchmark's route that writes as many rows as a save.
    pub async fn write_rows(&mut self) -> Result<(), String> {
        let url = format!(
            "{}{}?rows={}",
            self.base,
            super::baseline::ROWS_ROUTE,
            self.rows_per_save()
        );
        self.post(&url, self.forms[0].clone(), super::baseline::REDIRECT)
            .await?;
        self.row_writes += 1;
        Ok(())
    }

    /// Posts `form` to `url` as the page's form does; only a 303 to a location ending in
    /// `to` counts as done.
    async fn post(&self, url: &str, form: String, to: &str) -> Result<(), String> {
        let response = self
            .client
            .post(url)
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(form)
            .send()
            .await
            .map_err(|e| format!("POST {url}: {e}"))?;
        let status = response.status();
        let done = status == 303
            && response
                .headers()
                .get(LOCATION)
                .and_then(|l| l.to_str().ok())
                .is_some_and(|l| l.ends_with(to));
        // Read to the end, so the connection can carry the next request.
        let body = response.bytes().await.map_err(|e| e.to_string())?;
        if done {
            Ok(())
        } else {
            Err(format!(
                "POST {url} answered {status}: {}",
                String::from_utf8_lossy(&body[..body.len().min(200)])
            ))
        }
    }
}

/// The `pick`th offered value (counting from 0, wrapping round) of every `q.…` field of a
/// page; a field offering no value gets `pick + 1`.
fn offered_values(html: &str, pick: usize) -> Vec<(String, String)> {
    let mut offered: Vec<(String, Vec<String>)> = Vec::new();
    for part in html.split("name=\"q.").skip(1) {
        let name = format!(
            "q.{}",
            part.chars().take_while(|c| *c != '"').collect::<String>()
        );
        let value = part
            .split_once("value=\"")
            .filter(|(before, _)| !before.contains('>'))
            .map(|(_, rest)| rest.chars().take_while(|c| *c != '"').collect::<String>())
            .filter(|v| !v.is_empty());
        let at = match offered.iter().position(|(n, _)| *n == name) {
            Some(at) => at,
            None => {
                offered.push((name, Vec::new()));
                offered.len() - 1
            }
        };
        offered[at].1.extend(value);
    }
    offered
        .into_iter()
        .map(|(name, values)| {
            let value = match values.len() {
                0 => (pick + 1).to_string(),
                n => values[pick % n].clone(),
            };
            (name, value)
        })
        .collect()
}

/// A participant's address and the link token their invitation carries.
pub struct Invited {
    pub email: String,
    pub token: String,
}

/// The link tokens of every queued invitation, read from the mails as a respondent would.
pub fn invited(conn: &mut DbConn) -> anyhow::Result<Vec<Invited>> {
    outbox::list(conn, None)?
        .iter()
        .filter(|mail| mail.kind == OutboxKind::Invitation)
        .map(|mail| {
            let text = mail.text_to_send();
            let start = text
                .find("/r/")
                .with_context(|| format!("no link in the invitation to {}", mail.recipient))?;
            let token = text[start + 3..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
                .collect();
            Ok(Invited {
                email: mail.recipient.clone(),
                token,
            })
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
