//! A respondent's link, set up through the API the way an analyst would, for page tests.

use liaison::mail::OutboxKind;
use liaison::storage::outbox;
use serde_json::json;

use crate::helpers::{TestApp, client, csrf_token};

/// One invited participant and the path of their personal link.
pub struct Respondent {
    pub campaign: i64,
    /// `/r/{token}`
    pub path: String,
    /// A client that keeps cookies and does not follow redirects, like a careful browser.
    pub client: reqwest::Client,
    pub address: String,
    /// The CSRF token of the last form seen; it stays valid for this client's cookie.
    token: std::sync::Mutex<String>,
}

/// Invites `email` (of `kind`, answering in `language`) to a new campaign of `questionnaires`.
pub async fn invite(
    app: &TestApp,
    questionnaires: &[&str],
    kind: &str,
    language: &str,
) -> Respondent {
    let campaign = app
        .create_campaign(json!({"name": "Maturity <b>2027</b>", "questionnaires": questionnaires, "closes_on": "2099-01-31"}))
        .await;
    let email = format!("desk-{campaign}@{kind}.example.org");
    let participant = Participant {
        email: &email,
        organisation: "Team <i>X</i>",
        kind,
        language,
    };
    invite_to(app, campaign, &participant).await
}

/// Who to invite: an address, answering for an organisation in AT of `kind`.
pub struct Participant<'a> {
    pub email: &'a str,
    pub organisation: &'a str,
    pub kind: &'a str,
    pub language: &'a str,
}

/// Adds `who` to campaign `campaign` through the API, invites them and returns their link.
pub async fn invite_to(app: &TestApp, campaign: i64, who: &Participant<'_>) -> Respondent {
    let email = who.email;
    let rows = json!([{"email": email, "name": "Duty Desk", "organisation": who.organisation, "type": who.kind, "country": "AT", "language": who.language}]);
    assert_eq!(
        app.post_api(&format!("/campaigns/{campaign}/participants"), rows)
            .await
            .status(),
        200
    );
    assert_eq!(
        app.post_api(&format!("/campaigns/{campaign}/invitations"), json!(null))
            .await
            .status(),
        200
    );
    let mut conn = app.db.conn();
    let mail = outbox::list(&mut conn, None)
        .expect("the outbox")
        .into_iter()
        .rfind(|m| m.recipient == email && m.kind == OutboxKind::Invitation)
        .expect("an invitation mail");
    let text = mail.text_to_send();
    let start = text.find("/r/").expect("a link");
    let path: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_'))
        .collect();
    Respondent {
        campaign,
        path,
        client: client(),
        address: app.address.clone(),
        token: Default::default(),
    }
}

impl Respondent {
    /// The respondent of campaign `campaign` whose link is `path`, on the server at `address`,
    /// with a client of their own.
    pub fn at(address: &str, path: &str, campaign: i64) -> Respondent {
        Respondent {
            campaign,
            path: path.to_owned(),
            client: client(),
            address: address.to_owned(),
            token: Default::default(),
        }
    }

    pub async fn get(&self, page: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}{page}", self.address, self.path))
            .send()
            .await
            .expect("sent")
    }

    pub async fn text(&self, page: &str) -> String {
        self.get(page).await.text().await.expect("a body")
    }

    /// Posts a form to `page`, adding the CSRF token of the page's form.
    pub async fn post(&self, page: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        // The form of a page that only takes posts is on another page.
        let form_page = match page {
            "/submit" => "/review".to_owned(),
            "/gap-consent" | "/gap-consent/withdraw" => "/result".to_owned(),
            "/start" => String::new(),
            other => other.to_owned(),
        };
        let html = self.text(&form_page).await;
        let mut remembered = self.token.lock().expect("unpoisoned").clone();
        if let Some(token) = csrf_token(&html) {
            remembered = token;
            *self.token.lock().expect("unpoisoned") = remembered.clone();
        }
        let token = remembered;
        let mut all: Vec<(&str, &str)> = fields.to_vec();
        all.push(("csrf_token", &token));
        self.client
            .post(format!("{}{}{page}", self.address, self.path))
            .form(&all)
            .send()
            .await
            .expect("sent")
    }

    /// Answers every level question of section `n` with `level`.
    pub async fn answer_levels(&self, n: usize, level: &str, action: &str) -> reqwest::Response {
        let html = self.text(&format!("/s/{n}")).await;
        let names = field_names(&html);
        let mut fields: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), level)).collect();
        fields.push(("action", action));
        self.post(&format!("/s/{n}"), &fields).await
    }
}

/// The distinct `q.…` field names of a page, in order.
pub fn field_names(html: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for part in html.split("name=\"q.").skip(1) {
        let name = format!(
            "q.{}",
            part.chars().take_while(|c| *c != '"').collect::<String>()
        );
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}
