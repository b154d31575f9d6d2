//! Forms as a browser sends them: a client that keeps its cookies, a hand-made form POST,
//! and the login form (the CSRF field of a page is read in [`super::fields`]); and what a
//! test reads of the answer: where a redirect goes, an element's text, text as escaped.

use reqwest::header;

use super::TestApp;
use super::fields::csrf_token;

/// A browser: keeps its cookies and shows each redirect instead of following it.
pub fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("a client")
}

/// The `Cookie` header a browser would send back after `response`.
pub fn cookies_from(response: &reqwest::Response) -> String {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A form POST to `path` with `cookie` (may be empty) and url-encoded `body`, sent by no
/// browser: nothing is added to what the test gives.
pub async fn post_form(app: &TestApp, path: &str, cookie: &str, body: &str) -> reqwest::Response {
    let mut request = app
        .client
        .post(format!("{}{path}", app.address))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body.to_owned());
    if !cookie.is_empty() {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.expect("the request reaches the app")
}

/// The login page as `browser` gets it (fetching it is never rate limited).
async fn login_page(app: &TestApp, browser: &reqwest::Client) -> reqwest::Response {
    browser
        .get(format!("{}/login", app.address))
        .send()
        .await
        .expect("the login page")
}

/// The login form's CSRF token for `browser`.
pub async fn login_token(app: &TestApp, browser: &reqwest::Client) -> String {
    let form = login_page(app, browser).await;
    csrf_token(&form.text().await.expect("a body")).expect("a CSRF field")
}

/// Posts the login form as a browser would: fetch the form, send it back with its CSRF token.
pub async fn log_in(
    app: &TestApp,
    browser: &reqwest::Client,
    email: &str,
    password: &str,
) -> reqwest::Response {
    let form = login_page(app, browser).await;
    assert_eq!(form.status(), 200);
    let token = csrf_token(&form.text().await.expect("a body")).expect("a CSRF field");
    browser
        .post(format!("{}/login", app.address))
        .form(&[
            ("csrf_token", token.as_str()),
            ("email", email),
            ("password", password),
        ])
        .send()
        .await
        .expect("the login is sent")
}

/// Where a redirect sends the browser; empty when it names no place.
pub fn location(response: &reqwest::Response) -> String {
    response
        .headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// The text of the element with this id, up to the next tag.
pub fn cell(html: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\"");
    let Some(at) = html.find(&marker) else {
        panic!("no element {id} in {html}");
    };
    let rest = &html[at + marker.len()..];
    let start = rest.find('>').map_or(rest.len(), |end| end + 1);
    rest[start..].chars().take_while(|c| *c != '<').collect()
}

/// `text` as the templates escape it into a page.
pub fn escaped(text: &str) -> String {
    text.replace('&', "&#38;")
        .replace('<', "&#60;")
        .replace('>', "&#62;")
        .replace('"', "&#34;")
        .replace('\'', "&#39;")
}
