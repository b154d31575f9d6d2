//! A colleague's language is their own: choosing German for their pages leaves the
//! contact's pages in the contact's language.

use super::{colleague, delegate};
use crate::helpers::spawn_app;
use crate::respondent::invite;

const COOPERATION: &[&str] = &["csirt-le-cooperation-csirt", "csirt-le-cooperation-lea"];

#[tokio::test]
async fn a_colleague_choosing_german_keeps_it_and_leaves_the_contact_in_english() {
    let app = spawn_app().await;
    let r = invite(&app, COOPERATION, "csirt", "en").await;
    // The contact has started, in English (a language choice starts the response).
    assert!(r.text("?lang=en").await.contains("<html lang=\"en\""));
    delegate(&r, "deputy@team.example.org", &["2"]).await;
    let c = colleague(&app, &r, "deputy@team.example.org");
    assert!(c.text("?lang=de").await.contains("<html lang=\"de\""));
    assert!(
        c.text("/s/2").await.contains("<html lang=\"de\""),
        "their next page keeps it"
    );
    assert!(
        r.text("").await.contains("<html lang=\"en\""),
        "the contact's pages stay English"
    );
    assert!(r.text("/s/2").await.contains("<html lang=\"en\""));
}
