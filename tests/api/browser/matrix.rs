//! A matrix question on a phone: the CSIRT cooperation questionnaire's division of duties
//! at 375 CSS pixels, one card per duty with a labelled list per actor, filled in, saved,
//! and shown again as chosen.

use liaison::questionnaire::Answer;
use liaison::storage::schema::{answers, responses};

use diesel::prelude::*;

use super::driver;
use crate::helpers::spawn_app;
use crate::respondent::invite;

const QUESTIONNAIRE: &str = "csirt-le-cooperation-csirt";
/// The section of the division of duties: the last of seven.
const DUTIES: usize = 7;
const PHONE: u32 = 375;

#[tokio::test]
async fn a_respondent_fills_the_duties_matrix_on_a_phone() {
    let Some(browser) = driver::launch().await else {
        return;
    };
    let app = spawn_app().await;
    let respondent = invite(&app, &[QUESTIONNAIRE], "csirt", "en").await;
    browser.set_viewport_width(PHONE).await;
    let page = format!("{}{}/s/{DUTIES}", app.address, respondent.path);
    browser
        .goto(&format!("{}{}", app.address, respondent.path))
        .await;
    browser.goto(&page).await;

    let cell = "#q-sod-during-evidence-collection-csirt";
    assert!(
        browser.is_visible(cell).await,
        "{}",
        browser.describe().await
    );
    // A card per row: the column's label stands over each list, nothing scrolls sideways.
    let label = browser
        .text_of("#question-sod-during tbody tr:nth-child(4) td:first-of-type .cell-label")
        .await;
    assert_eq!(label, "CSIRT");
    let overflow = browser
        .client
        .execute(
            "return document.documentElement.scrollWidth - window.innerWidth;",
            vec![],
        )
        .await
        .expect("the script runs");
    assert!(
        overflow.as_i64().is_some_and(|o| o <= 0),
        "the page scrolls sideways by {overflow} px at {PHONE} px"
    );
    let chosen = [
        ("#q-sod-during-evidence-collection-csirt", "responsible"),
        ("#q-sod-during-evidence-collection-lea", "supporting"),
        ("#q-sod-during-evidence-collection-judge", "no_role"),
        ("#q-sod-after-evidence-admission-judge", "dont_know"),
    ];
    for (css, value) in chosen {
        browser.choose(css, value).await;
    }
    browser.click_through("#save").await;

    let stored = stored_matrix(&app, "sod-during");
    let row = stored
        .get("evidence-collection")
        .unwrap_or_else(|| panic!("no evidence-collection row in {stored:?}"));
    assert_eq!(row.get("csirt").map(String::as_str), Some("responsible"));
    assert_eq!(row.get("lea").map(String::as_str), Some("supporting"));
    assert_eq!(row.get("judge").map(String::as_str), Some("no_role"));
    assert_eq!(row.get("prosecutor"), None, "a blank cell is no answer");

    browser.goto(&page).await;
    for (css, value) in chosen {
        assert_eq!(browser.value_of(css).await, value, "{css}");
    }
    browser.quit().await;
}

/// The cells stored for matrix question `question` of the only response.
fn stored_matrix(
    app: &crate::helpers::TestApp,
    question: &str,
) -> std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> {
    let mut conn = app.db.conn();
    let value: String = answers::table
        .inner_join(responses::table)
        .filter(answers::question_id.eq(question))
        .select(answers::value)
        .first(&mut conn)
        .unwrap_or_else(|e| panic!("no answer to {question}: {e}"));
    match serde_json::from_str::<Answer>(&value) {
        Ok(Answer::Cells(cells)) => cells,
        other => panic!("{question} is stored as {other:?}"),
    }
}
