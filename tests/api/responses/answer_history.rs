//! The changes to a response's answers in its view: a respondent saves a page twice
//! through their link, and the page and the API both show each change, worded, with who
//! made it; saving the same answers again adds nothing.

use liaison::accounts::Role;
use liaison::questionnaire::Answer;
use liaison::storage::{invitations, responses};
use liaison::survey::display_answer;
use serde_json::Value;

use crate::fixtures::{MATURITY, questionnaire};
use crate::helpers::{escaped, spawn_app_on};
use crate::respondent::invite;
use crate::test_db::TestDb;

/// The rows of the page's answer-history table.
fn history_rows(page: &str) -> Vec<&str> {
    let Some(table) = page.split("<table id=\"answer-history\">").nth(1) else {
        return Vec::new();
    };
    let body = table.split("</table>").next().unwrap_or_default();
    body.split("<tr>").skip(2).collect()
}

#[tokio::test]
async fn two_saves_through_a_link_show_as_two_changes_in_the_response_view() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let r = invite(&app, &[MATURITY], "csirt", "en").await;
        for level in ["2", "3", "3"] {
            assert_eq!(r.answer_levels(1, level, "save").await.status(), 303);
        }
        let mut conn = app.db.conn();
        let invitation = invitations::campaign_invitations(&mut conn, r.campaign)
            .expect("the invitations")
            .remove(0)
            .invitation
            .id;
        let response = responses::find_for_invitation(&mut conn, invitation)
            .expect("a lookup")
            .expect("a started response")
            .id;
        let q = questionnaire(MATURITY);
        let first = &q.sections()[0].questions()[0];
        let label = |l: &str| display_answer(first, &Answer::Choice(l.to_owned()), "en");
        let page_questions = q.sections()[0].questions().len();

        let analyst = app.add_analyst("reader@test.invalid", Role::Analyst, &[r.campaign]);
        let path = format!("/campaigns/{}/responses/{response}", r.campaign);
        let shown: Value = app
            .get_api_as(&analyst.api_token, &path)
            .await
            .json()
            .await
            .expect("JSON");
        let history = shown["answer_history"].as_array().expect("a history");
        assert_eq!(
            history.len(),
            2 * page_questions,
            "{}: two saves that changed the page, one that did not",
            app.db
        );
        let of_first: Vec<&Value> = history
            .iter()
            .filter(|c| c["question_id"] == first.id())
            .collect();
        assert_eq!(of_first.len(), 2, "{}: {history:?}", app.db);
        assert_eq!(of_first[0]["old"], Value::Null, "{}", app.db);
        assert_eq!(of_first[0]["new"], label("2"), "{}", app.db);
        assert_eq!(of_first[1]["old"], label("2"), "{}", app.db);
        assert_eq!(of_first[1]["new"], label("3"), "{}", app.db);
        for change in &of_first {
            assert_eq!(change["actor"], "link", "{}", app.db);
            assert_eq!(change["actor_id"], invitation, "{}", app.db);
            assert_eq!(change["by"], "the respondent's link", "{}", app.db);
            assert_eq!(change["question"], first.text().get("en"), "{}", app.db);
        }

        let browser = app.logged_in(Role::Analyst, &[r.campaign]).await;
        let page = browser.page(&path).await;
        let rows = history_rows(&page);
        assert_eq!(rows.len(), 2 * page_questions, "{}: {page}", app.db);
        let question = escaped(&format!("{} ({})", first.text().get("en"), first.id()));
        let of_first: Vec<&&str> = rows.iter().filter(|row| row.contains(&question)).collect();
        assert_eq!(of_first.len(), 2, "{}: {rows:?}", app.db);
        let cells = |old: &str, new: &str| {
            format!(
                "<td>{}</td><td>{}</td><td>the respondent&#39;s link</td>",
                escaped(old),
                escaped(new)
            )
        };
        assert!(
            of_first[0].contains(&cells("no answer", &label("2"))),
            "{}: {}",
            app.db,
            of_first[0]
        );
        assert!(
            of_first[1].contains(&cells(&label("2"), &label("3"))),
            "{}: {}",
            app.db,
            of_first[1]
        );
    }
}
