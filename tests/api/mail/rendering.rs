//! Rendering: languages, the facts every mail names, escaping.

use liaison::mail::OutboxKind;
use liaison::mail::{render, supports_language};

use super::*;

#[test]
fn mails_are_written_in_german_for_de_and_in_english_for_an_unsupported_language() {
    assert!(supports_language("de") && supports_language("en") && supports_language("de-AT"));
    assert!(supports_language("fr") && !supports_language("it"));

    let german = render(OutboxKind::Invitation, &context("de", "Kooperation 2027")).unwrap();
    assert_eq!(
        german.subject,
        "Einladung: Kooperation 2027 — CSIRT maturity"
    );
    for body in [&german.text, &german.html] {
        assert!(body.contains("Guten Tag Alex Example"), "{body}");
        assert!(body.contains("30. Juni 2027"), "{body}");
        assert!(body.contains("bitte leiten Sie ihn nicht weiter"), "{body}");
    }
    assert!(german.html.contains(r#"<html lang="de">"#));

    let italian = render(OutboxKind::Invitation, &context("it", "Cooperazione 2027")).unwrap();
    assert_eq!(
        italian.subject,
        "Invitation: Cooperazione 2027 — CSIRT maturity"
    );
    for body in [&italian.text, &italian.html] {
        assert!(body.contains("Hello Alex Example"), "{body}");
        assert!(body.contains("30 June 2027"), "{body}");
    }
    assert!(italian.html.contains(r#"<html lang="en">"#));

    let french = render(OutboxKind::Invitation, &context("fr", "Coopération 2027")).unwrap();
    assert!(
        french.subject.starts_with("Invitation"),
        "{}",
        french.subject
    );
    for body in [&french.text, &french.html] {
        assert!(body.contains("Bonjour Alex Example"), "{body}");
        assert!(body.contains("30 juin 2027"), "{body}");
    }
    assert!(french.html.contains(r#"<html lang="fr">"#));
}

#[test]
fn every_mail_names_campaign_sender_deadline_tlp_and_link_in_both_bodies() {
    for (language, deadline) in [
        ("en", "30 June 2027"),
        ("de", "30. Juni 2027"),
        ("fr", "30 juin 2027"),
    ] {
        // A password link is no campaign's mail: `render_password_link` writes it; the
        // review's mails name answers and comments: `render_review_mail` writes them; a
        // peer-review notice and a delegation's mail have their own renderers too.
        let written_elsewhere = [
            OutboxKind::PasswordLink,
            OutboxKind::ChangesRequested,
            OutboxKind::Resubmitted,
            OutboxKind::Accepted,
            OutboxKind::PeerReview,
            OutboxKind::Delegation,
        ];
        let campaign_kinds = OutboxKind::ALL
            .iter()
            .filter(|k| !written_elsewhere.contains(k));
        for kind in campaign_kinds {
            let mail = render(*kind, &context(language, "Cooperation survey 2027")).unwrap();
            assert!(
                mail.subject
                    .contains("Cooperation survey 2027 — CSIRT maturity")
            );
            for body in [&mail.text, &mail.html] {
                for expected in [
                    "Cooperation survey 2027",
                    "European Cooperation Office",
                    deadline,
                    "TLP:AMBER",
                    "https://liaison.example.org/r/Zm9vYmFy",
                    "CSIRT maturity",
                ] {
                    assert!(
                        body.contains(expected),
                        "{language} {kind}: no {expected:?} in\n{body}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_password_link_mail_is_not_rendered_as_a_campaigns() {
    let refused = render(OutboxKind::PasswordLink, &context("en", "Any"));
    assert!(refused.is_err(), "{refused:?}");
}

#[test]
fn the_html_body_escapes_a_campaign_name_with_markup() {
    let name = "Survey <script>alert(1)</script> & more";
    let mail = render(OutboxKind::Reminder, &context("en", name)).unwrap();

    assert!(!mail.html.contains("<script>"), "{}", mail.html);
    assert!(
        mail.html
            .contains("&#60;script&#62;alert(1)&#60;/script&#62; &#38; more"),
        "{}",
        mail.html
    );
    // Plain text needs no escaping: it shows the name as it is.
    assert!(mail.text.contains(name));
}
