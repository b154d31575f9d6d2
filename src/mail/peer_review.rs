//! The mail telling a peer reviewer that a response was given to it: whose response, in
//! which campaign, and the address of its page (behind the login; the mail holds no token).
//!
//! Peer reviewers use the analysts' English pages, so the mail is in English.

use askama::Template;

use super::{MailError, OutboxKind, RenderedMail};

/// What a peer-review mail says.
#[derive(Debug, Clone, Copy)]
pub struct PeerReviewMail<'a> {
    /// The audit name of the admin who gave the response.
    pub given_by: &'a str,
    pub organisation: &'a str,
    /// The reviewed organisation's country code.
    pub country: &'a str,
    pub campaign: &'a str,
    /// The service's `base_url`.
    pub base_url: &'a str,
    pub response_id: i64,
}

struct View<'a> {
    subject: String,
    given_by: &'a str,
    organisation: &'a str,
    country: &'a str,
    campaign: &'a str,
    link: String,
}

#[derive(Template)]
#[template(path = "mail/en/peer_review.txt", config = "assets/askama.toml")]
struct Text<'a> {
    v: &'a View<'a>,
}

#[derive(Template)]
#[template(path = "mail/en/peer_review.html", config = "assets/askama.toml")]
struct Html<'a> {
    v: &'a View<'a>,
}

/// Renders a peer-review mail.
pub fn render_peer_review(mail: &PeerReviewMail<'_>) -> Result<RenderedMail, MailError> {
    let base = mail.base_url.trim_end_matches('/');
    let view = View {
        subject: format!("Peer review: {} — {}", mail.organisation, mail.campaign),
        given_by: mail.given_by,
        organisation: mail.organisation,
        country: mail.country,
        campaign: mail.campaign,
        link: format!("{base}/peer/responses/{}", mail.response_id),
    };
    let failed = |e: askama::Error| MailError::Render {
        kind: OutboxKind::PeerReview,
        reason: e.to_string(),
    };
    let mut text = Text { v: &view }.render().map_err(failed)?;
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let html = Html { v: &view }.render().map_err(failed)?;
    Ok(RenderedMail {
        subject: view.subject,
        text,
        html,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mail_names_the_team_and_links_to_the_peer_page_without_a_token() {
        let mail = render_peer_review(&PeerReviewMail {
            given_by: "admin@example.org",
            organisation: "CERT <A>",
            country: "AT",
            campaign: "Maturity 2027",
            base_url: "https://liaison.example.org/",
            response_id: 42,
        })
        .expect("rendered");
        assert_eq!(mail.subject, "Peer review: CERT <A> — Maturity 2027");
        for body in [&mail.text, &mail.html] {
            assert!(
                body.contains("https://liaison.example.org/peer/responses/42"),
                "{body}"
            );
            assert!(!body.contains("{{link_token}}"), "{body}");
        }
        assert!(mail.text.contains("CERT <A> (AT)"), "{}", mail.text);
        assert!(mail.html.contains("CERT &#60;A&#62;"), "{}", mail.html);
    }
}
