//! The result page's change since the organisation's last round, each round scored with
//! its own questionnaire version.

use super::{TEAM, earlier_round, invited, next_round};
use crate::fixtures::{MATURITY, parameter_answers, questionnaire};
use crate::helpers::spawn_app;
use crate::respondent::Respondent;

/// Answers every parameter at `level`, submits, and returns the result page.
async fn submit_at(r: &Respondent, level: &str) -> String {
    for n in 1..=4 {
        r.answer_levels(n, level, "next").await;
    }
    assert_eq!(r.post("/submit", &[]).await.status(), 303);
    r.text("/result").await
}

#[tokio::test]
async fn the_result_shows_each_category_and_the_tier_then_and_now() {
    let app = spawn_app().await;
    let last_year = parameter_answers(questionnaire(MATURITY), |_| "1");
    let earlier = earlier_round(&app, "Maturity 2025", MATURITY, last_year);
    let next = next_round(&app, MATURITY, earlier).await;

    let html = submit_at(&invited(&app, next, TEAM).await, "3").await;
    let since = html
        .split("id=\"since-last-round\"")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .unwrap_or_else(|| panic!("the change since is shown: {html}"));
    assert!(since.contains("Maturity 2025"), "{since}");
    for category in ["Organisation", "Human", "Tools", "Processes"] {
        assert!(
            since.contains(&format!("<li>{category} 1.0 → 3.0</li>")),
            "{since}"
        );
    }
    assert!(
        since.contains("id=\"since-tier\">Tier: Not yet basic → Intermediate</li>"),
        "{since}"
    );

    let new_to_the_series = submit_at(&invited(&app, next, "Team Z").await, "3").await;
    assert!(new_to_the_series.contains("id=\"tier\""));
    assert!(!new_to_the_series.contains("since-last-round"));
}
