//! The mail that carries a one-time link to set an account's password: who added the
//! account (or sent the new link), what the account may do, the link and until when it
//! works. It holds no password: the recipient chooses one on the link's page.
//!
//! Account mails are in English, as the analyst pages are.

use askama::Template;
use chrono::NaiveDateTime;

use super::{MailError, OutboxKind, RenderedMail};
use crate::audit::Actor;

/// What a password-link mail says.
#[derive(Debug, Clone, Copy)]
pub struct PasswordLinkMail<'a> {
    /// The account's address.
    pub recipient: &'a str,
    /// Who added the account or sent the link.
    pub sent_by: &'a Actor,
    /// "admin" or "analyst".
    pub role: &'a str,
    /// Whether the account was just made; otherwise it is a new link for an existing one.
    pub new_account: bool,
    /// The service's `base_url`, where the account logs in.
    pub base_url: &'a str,
    /// The link as stored: the token left as the outbox placeholder.
    pub link: &'a str,
    /// When the link stops working (UTC).
    pub expires_at: NaiveDateTime,
}

struct View<'a> {
    subject: &'a str,
    recipient: &'a str,
    sent_by: String,
    role: &'a str,
    new_account: bool,
    login: String,
    link: &'a str,
    expires: String,
}

#[derive(Template)]
#[template(path = "mail/en/password_link.txt", config = "assets/askama.toml")]
struct Text<'a> {
    v: &'a View<'a>,
}

#[derive(Template)]
#[template(path = "mail/en/password_link.html", config = "assets/askama.toml")]
struct Html<'a> {
    v: &'a View<'a>,
}

/// The subject of every password-link mail.
pub const PASSWORD_LINK_SUBJECT: &str = "Set your Liaison password";

/// Renders a password-link mail.
pub fn render_password_link(mail: &PasswordLinkMail<'_>) -> Result<RenderedMail, MailError> {
    let base = mail.base_url.trim_end_matches('/');
    let view = View {
        subject: PASSWORD_LINK_SUBJECT,
        recipient: mail.recipient,
        sent_by: match mail.sent_by {
            Actor::Cli => "An administrator (from the command line)".to_owned(),
            other => other.name().to_owned(),
        },
        role: mail.role,
        new_account: mail.new_account,
        login: format!("{base}/login"),
        link: mail.link,
        expires: mail.expires_at.format("%-d %B %Y, %H:%M UTC").to_string(),
    };
    let failed = |e: askama::Error| MailError::Render {
        kind: OutboxKind::PasswordLink,
        reason: e.to_string(),
    };
    let mut text = Text { v: &view }.render().map_err(failed)?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let html = Html { v: &view }.render().map_err(failed)?;
    Ok(RenderedMail {
        subject: PASSWORD_LINK_SUBJECT.to_owned(),
        text,
        html,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mail(sent_by: &Actor, new_account: bool) -> RenderedMail {
        let expires_at = chrono::NaiveDate::from_ymd_opt(2027, 3, 4)
            .and_then(|d| d.and_hms_opt(9, 30, 0))
            .expect("a time");
        render_password_link(&PasswordLinkMail {
            recipient: "bo@example.org",
            sent_by,
            role: "analyst",
            new_account,
            base_url: "https://liaison.example.org/",
            link: "https://liaison.example.org/password/{{link_token}}",
            expires_at,
        })
        .expect("rendered")
    }

    #[test]
    fn the_mail_says_who_added_the_account_and_carries_the_link_but_no_password() {
        let added = mail(&Actor::Analyst("<ana>@example.org".to_owned()), true);
        assert_eq!(added.subject, "Set your Liaison password");
        for body in [&added.text, &added.html] {
            assert!(
                body.contains("https://liaison.example.org/password/{{link_token}}"),
                "{body}"
            );
            assert!(body.contains("4 March 2027, 09:30 UTC"), "{body}");
            assert!(body.contains("https://liaison.example.org/login"), "{body}");
            assert!(!body.to_lowercase().contains("your password is"), "{body}");
        }
        assert!(
            added.text.contains("<ana>@example.org added you"),
            "{}",
            added.text
        );
        assert!(
            added.html.contains("&#60;ana&#62;@example.org added you"),
            "{}",
            added.html
        );
        let again = mail(&Actor::Cli, false);
        assert!(
            again
                .text
                .contains("An administrator (from the command line) sent you a new link"),
            "{}",
            again.text
        );
    }
}
