//! The page: prefilled with the shipped text, saved (and audited), previewed without
//! saving or sending anything, refusals beside their fields with the words typed kept.

use liaison::accounts::Role;
use liaison::storage::outbox;

use super::{
    OPENING, SUBJECT, assert_nothing_saved, audited, campaign, campaign_and_admin, post_page, text,
    texts,
};
use crate::helpers::spawn_app;

#[tokio::test]
async fn the_page_is_linked_from_the_dashboard_and_prefilled_with_the_shipped_text() {
    let app = spawn_app().await;
    let campaign = campaign(&app).await;
    let browser = app.logged_in(Role::Analyst, &[campaign]).await;

    let dashboard = browser.page(&format!("/campaigns/{campaign}")).await;
    assert!(dashboard.contains(&format!(
        "<a href=\"/campaigns/{campaign}/mail-text\" id=\"mail-text-link\">"
    )));
    let html = browser
        .page(&format!("/campaigns/{campaign}/mail-text"))
        .await;
    for (kind, language, subject) in [
        (
            "invitation",
            "en",
            "Invitation: {campaign} — {questionnaire}",
        ),
        (
            "invitation",
            "de",
            "Einladung: {campaign} — {questionnaire}",
        ),
        ("reminder", "en", "Reminder: {campaign} — {questionnaire}"),
        ("reminder", "de", "Erinnerung: {campaign} — {questionnaire}"),
    ] {
        let id = format!("{kind}.{language}.subject");
        assert!(
            html.contains(&format!("<label for=\"{id}\">Subject</label>")),
            "{id}"
        );
        assert!(
            html.contains(&format!("name=\"{id}\" id=\"{id}\" value=\"{subject}\"")),
            "{id} in {html}"
        );
        assert!(html.contains(&format!(
            "<button type=\"submit\" name=\"preview\" value=\"{kind}.{language}\""
        )));
    }
    assert!(html.contains("to take part in &#34;{campaign}&#34; by answering"));
    assert!(html.contains("<code>{organisation}</code>"));
    assert!(html.contains("name=\"csrf_token\""));
}

#[tokio::test]
async fn saving_stores_the_text_says_so_and_is_audited_and_the_shipped_text_stays_unstored() {
    let app = spawn_app().await;
    let (campaign, browser) = campaign_and_admin(&app).await;

    let saved = post_page(
        &app,
        &browser,
        campaign,
        &[
            ("invitation.en.subject", SUBJECT),
            ("invitation.en.opening", &OPENING.replace('\n', "\r\n")),
        ],
        ("save", "all"),
    )
    .await;
    assert_eq!(saved.status(), 303);
    let back = format!("/campaigns/{campaign}/mail-text");
    assert_eq!(saved.headers()["location"], back.as_str());
    let html = browser.page(&back).await;
    assert!(html.contains("The invitation and reminder text is saved."));
    assert!(html.contains(&format!("value=\"{}\"", SUBJECT)));
    assert!(html.contains("Dear colleagues at {organisation},\n\n{sender} asks"));

    let texts = texts(&app, campaign).await;
    let invitation = text(&texts, "invitation", "en");
    assert_eq!(invitation["custom"], true);
    assert_eq!(invitation["subject"], SUBJECT);
    assert_eq!(invitation["opening"], OPENING, "line ends read as \\n");
    for (kind, language) in [("invitation", "de"), ("reminder", "en"), ("reminder", "de")] {
        assert_eq!(
            text(&texts, kind, language)["custom"],
            false,
            "{kind} {language}"
        );
    }
    assert_eq!(
        audited(&app, "mail_texts.save"),
        [(
            "admin@test.invalid".to_owned(),
            format!("campaign:{campaign}"),
            Some(
                "invitation/en: custom, invitation/de: shipped, reminder/en: shipped, \
                 reminder/de: shipped"
                    .to_owned()
            )
        )]
    );
}

#[tokio::test]
async fn a_preview_shows_subject_text_and_html_of_the_typed_words_and_saves_and_sends_nothing() {
    let app = spawn_app().await;
    let (campaign, browser) = campaign_and_admin(&app).await;

    let shown = post_page(
        &app,
        &browser,
        campaign,
        &[
            ("invitation.de.subject", "Ihre Sicht, {name}"),
            (
                "invitation.de.opening",
                "Liebe Kolleginnen und Kollegen bei {organisation},\n<bitte> antworten Sie.",
            ),
        ],
        ("preview", "invitation.de"),
    )
    .await;
    assert_eq!(shown.status(), 200);
    let policy = shown.headers()["content-security-policy"]
        .to_str()
        .expect("a policy")
        .to_owned();
    let html = shown.text().await.expect("html");
    assert!(html.contains("Preview: Invitation in German"), "{html}");
    // The HTML part drawn in a sandboxed frame, its inline styles allowed by hash only.
    let frame = between(&html, "<iframe class=\"mail-frame\"", "</iframe>");
    assert!(frame.contains(" sandbox "), "{frame}");
    assert!(
        frame.contains("srcdoc=\"&#60;!DOCTYPE html&#62;"),
        "{frame}"
    );
    assert!(
        policy.contains("style-src 'self' 'unsafe-hashes' 'sha256-")
            && policy.contains("script-src 'self';")
            && !policy.contains("unsafe-inline"),
        "{policy}"
    );
    assert!(
        html.contains("<dd id=\"preview-subject\">Ihre Sicht, Alex Example</dd>"),
        "{html}"
    );
    let text_part = between(&html, "<pre id=\"preview-text\"", "</pre>");
    assert!(text_part.contains("Guten Tag Alex Example,\n\nLiebe Kolleginnen und Kollegen bei Example organisation,\n&#60;bitte&#62; antworten Sie.\n\nDas Ausfüllen dauert etwa 25 Minuten."), "{text_part}");
    assert!(
        text_part.contains("http://127.0.0.1/r/your-personal-link"),
        "{text_part}"
    );
    // The outbox's placeholder for the token is a storage detail, never shown.
    assert!(!html.contains("link_token"), "{html}");
    assert!(text_part.contains("31. Januar 2099"), "{text_part}");
    assert!(text_part.contains("TLP:GREEN"), "{text_part}");
    // The HTML part is shown as its source, escaped once more: no markup of the mail runs.
    let html_part = between(&html, "<pre id=\"preview-html\"", "</pre>");
    assert!(html_part.contains("&#60;p&#62;Liebe Kolleginnen und Kollegen bei Example organisation,&#60;br&#62;&#38;#60;bitte&#38;#62; antworten Sie.&#60;/p&#62;"), "{html_part}");
    assert!(!html_part.contains("<p>"));
    // The typed words stay in their fields.
    assert!(html.contains("value=\"Ihre Sicht, {name}\""));

    let mut conn = app.db.conn();
    assert!(
        outbox::list(&mut conn, None)
            .expect("the outbox")
            .is_empty()
    );
    assert_nothing_saved(&app, campaign).await;
}

#[tokio::test]
async fn refused_words_are_shown_beside_their_fields_kept_as_typed_and_nothing_is_saved() {
    let app = spawn_app().await;
    let (campaign, browser) = campaign_and_admin(&app).await;
    let long = "x".repeat(2001);

    let refused = post_page(
        &app,
        &browser,
        campaign,
        &[
            ("invitation.en.subject", "  "),
            ("invitation.en.opening", &long),
            ("reminder.en.subject", "Please\tanswer"),
            ("reminder.de.opening", "Guten Tag {orgnisation}"),
            ("invitation.de.subject", "Fine, {name}"),
        ],
        ("save", "all"),
    )
    .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("html");
    assert!(html.contains("id=\"error-summary\""));
    for (field, message) in [
        ("invitation.en.subject", "enter a subject"),
        (
            "invitation.en.opening",
            "is 2001 characters long; at most 2000 are allowed",
        ),
        (
            "reminder.en.subject",
            "\"Please\\tanswer\" contains a tab (U+0009) at character 7; remove it",
        ),
        (
            "reminder.de.opening",
            "unknown placeholder {orgnisation} (known: {name}, {organisation}, {campaign}, {questionnaire}, {sender})",
        ),
    ] {
        let escaped = message.replace('"', "&#34;");
        assert!(
            html.contains(&format!(
                "<p class=\"field-error\" id=\"{field}-error\">{escaped}</p>"
            )),
            "{field}: {html}"
        );
        assert!(
            html.contains(&format!("<a href=\"#{field}\">{escaped}</a>")),
            "{field}"
        );
        assert!(html.contains(&format!("aria-describedby=\"{field}-error\"")));
    }
    assert!(html.contains(&format!(">{long}</textarea>")));
    assert!(html.contains("value=\"Please\tanswer\""));
    assert!(html.contains("value=\"Fine, {name}\""));
    assert_nothing_saved(&app, campaign).await;
}

#[tokio::test]
async fn another_analysts_campaign_has_no_mail_text_page() {
    let app = spawn_app().await;
    let (theirs, other) = (campaign(&app).await, app.new_campaign("Other").await);
    let browser = app.logged_in(Role::Analyst, &[theirs]).await;
    let page = browser
        .fetch(&format!("/campaigns/{other}/mail-text"))
        .await;
    assert_eq!(page.status(), 404);
    assert!(
        page.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let mine = format!("/campaigns/{theirs}/mail-text");
    let token = crate::helpers::csrf_token(&browser.page(&mine).await).expect("a CSRF field");
    let posted = browser
        .post(format!("{}/campaigns/{other}/mail-text", app.address))
        .form(&[("csrf_token", token.as_str()), ("save", "all")])
        .send()
        .await
        .expect("sent");
    assert_eq!(posted.status(), 404);
}

/// The part of `html` from `start` to the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let from = html
        .find(start)
        .unwrap_or_else(|| panic!("no {start} in {html}"));
    let to = from + html[from..].find(end).expect("the end");
    &html[from..to]
}
