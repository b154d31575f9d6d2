//! A long list a page at a time, on the page and in the API alike: 120 responses fill three
//! pages, the filters and the page size carry from page to page, a page past the last is
//! answered clearly, and a page reads the answers of its own responses only.

use std::sync::{Arc, Mutex};

use diesel::connection::{Connection, InstrumentationEvent};
use liaison::accounts::Role;
use liaison::ids::CampaignId;
use liaison::paging::Paging;
use liaison::responses::{ResponseFilter, list_for_analyst};
use serde_json::Value;

use super::seed_many;
use crate::fixtures::catalogue;
use crate::helpers::{cell, spawn_app_on};
use crate::test_db::TestDb;

/// The response ids a list page links to, in its order.
fn linked(page: &str, campaign: i64) -> Vec<i64> {
    let marker = format!("href=\"/campaigns/{campaign}/responses/");
    page.split(&marker)
        .skip(1)
        .filter_map(|rest| rest.split('"').next()?.parse().ok())
        .collect()
}

/// The address a link with this id goes to, as a browser reads it.
fn href(page: &str, id: &str) -> Option<String> {
    let at = page.find(&format!("id=\"{id}\""))?;
    let tag = &page[page[..at].rfind('<')?..];
    let value = tag.split("href=\"").nth(1)?;
    Some(value[..value.find('"')?].replace("&#38;", "&"))
}

#[tokio::test]
async fn the_list_page_shows_a_long_list_a_page_at_a_time_keeping_the_filters() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let (campaign, ids) = seed_many(&mut app.db.conn(), "p", 120);
        let browser = app.logged_in(Role::Analyst, &[campaign]).await;
        let base = format!("/campaigns/{campaign}/responses");

        let first = browser.page(&base).await;
        assert_eq!(linked(&first, campaign), ids[..50], "{}", app.db);
        assert!(cell(&first, "responses-heading").starts_with("120 response"));
        assert_eq!(
            cell(&first, "page-summary"),
            "Responses 1–50 of 120 (page 1 of 3)"
        );
        assert_eq!(href(&first, "previous-page"), None);
        let second = href(&first, "next-page").expect("a next page");
        assert_eq!(second, format!("{base}?page=2"));
        let second = browser.page(&second).await;
        assert_eq!(linked(&second, campaign), ids[50..100]);
        let third = browser
            .page(&href(&second, "next-page").expect("a third"))
            .await;
        assert_eq!(linked(&third, campaign), ids[100..]);
        assert_eq!(href(&third, "next-page"), None, "the last page");
        assert_eq!(
            href(&third, "previous-page"),
            Some(format!("{base}?page=2"))
        );

        // Every third response is law enforcement's: 80 CSIRTs, 30 a page.
        let csirts: Vec<i64> = ids
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 3 != 0)
            .map(|(_, id)| *id)
            .collect();
        let filtered = browser
            .page(&format!("{base}?audience=csirt&per_page=30"))
            .await;
        assert_eq!(linked(&filtered, campaign), csirts[..30]);
        assert!(cell(&filtered, "responses-heading").starts_with("80 response"));
        assert!(
            filtered.contains("value=\"30\""),
            "the size kept in its field"
        );
        let next = href(&filtered, "next-page").expect("a next page");
        assert_eq!(next, format!("{base}?audience=csirt&per_page=30&page=2"));
        let last = browser
            .page(&format!("{base}?audience=csirt&per_page=30&page=3"))
            .await;
        assert_eq!(linked(&last, campaign), csirts[60..]);
        assert_eq!(
            cell(&last, "page-summary"),
            "Responses 61–80 of 80 (page 3 of 3)"
        );

        let past = browser
            .fetch(&format!("{base}?audience=csirt&per_page=30&page=7"))
            .await;
        assert_eq!(past.status(), 404, "a page past the last");
        let past = past.text().await.expect("a page");
        assert!(linked(&past, campaign).is_empty());
        assert!(cell(&past, "past-end").contains("There is no page 7: the list has 3 page"));
        assert_eq!(
            href(&past, "last-page"),
            Some(format!("{base}?audience=csirt&per_page=30&page=3"))
        );
        assert!(past.contains("<option value=\"csirt\" selected>"), "{past}");

        for query in ["?page=0", "?per_page=501", "?page=two"] {
            let refused = browser.fetch(&format!("{base}{query}")).await;
            assert_eq!(refused.status(), 400, "{query}");
            let page = refused.text().await.expect("a page");
            assert!(page.contains("id=\"error-summary\""), "{query}: {page}");
            assert!(linked(&page, campaign).is_empty(), "{query}");
        }
    }
}

#[tokio::test]
async fn the_api_gives_a_long_list_a_page_at_a_time_with_its_total() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let (campaign, ids) = seed_many(&mut app.db.conn(), "q", 120);
        let analyst = app.add_analyst("pager@test.invalid", Role::Analyst, &[campaign]);
        let base = format!("/campaigns/{campaign}/responses");
        let get = |query: String| {
            let (app, token, base) = (&app, &analyst.api_token, &base);
            async move {
                let response = app.get_api_as(token, &format!("{base}{query}")).await;
                let status = response.status().as_u16();
                (status, response.json::<Value>().await.expect("JSON"))
            }
        };
        let listed = |page: &Value| -> Vec<i64> {
            page["responses"]
                .as_array()
                .expect("responses")
                .iter()
                .map(|r| r["id"].as_i64().expect("an id"))
                .collect()
        };

        let mut seen = Vec::new();
        for n in 1..=3 {
            let (status, page) = get(format!("?page={n}")).await;
            assert_eq!(status, 200, "{}", app.db);
            assert_eq!(
                (
                    &page["total"],
                    &page["page"],
                    &page["per_page"],
                    &page["pages"]
                ),
                (
                    &Value::from(120),
                    &Value::from(n),
                    &Value::from(50),
                    &Value::from(3)
                )
            );
            seen.extend(listed(&page));
        }
        assert_eq!(seen, ids, "every response once, in the list's order");

        let (status, page) = get("?audience=lea&country=BE&per_page=25&page=2".into()).await;
        assert_eq!(status, 200);
        assert_eq!(
            (page["total"].as_u64(), page["pages"].as_u64()),
            (Some(40), Some(2))
        );
        let police: Vec<i64> = ids.iter().step_by(3).copied().collect();
        assert_eq!(listed(&page), police[25..]);
        assert!(page["responses"][0]["scores"]["dimensions"].is_array());

        let (status, past) = get("?page=4".into()).await;
        assert_eq!(status, 200, "a page past the last is empty");
        assert_eq!(listed(&past), Vec::<i64>::new());
        assert_eq!(past["total"], 120);
        let (status, most) = get("?per_page=500&page=2147483647".into()).await;
        assert_eq!((status, most["pages"].as_u64()), (200, Some(1)));

        for query in [
            "?page=0",
            "?per_page=0",
            "?per_page=501",
            "?page=2147483648",
        ] {
            let (status, refused) = get(query.into()).await;
            assert_eq!(status, 400, "{query}");
            assert!(refused["error"].is_string(), "{query}: {refused}");
        }
    }
}

/// Every query `list_for_analyst` runs for page 2 of 50 of `campaign`, with its binds.
fn queries_for_a_page(db: &TestDb, campaign: i64) -> (usize, Vec<String>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let record = seen.clone();
    let mut conn = db.conn();
    conn.set_instrumentation(move |event: InstrumentationEvent<'_>| {
        if let InstrumentationEvent::StartQuery { query, .. } = event {
            record.lock().expect("unpoisoned").push(query.to_string());
        }
    });
    let paging = Paging::new(2, 50).expect("in bounds");
    let filter = ResponseFilter::default();
    let page = list_for_analyst(
        &mut conn,
        catalogue(),
        CampaignId(campaign),
        &filter,
        paging,
    )
    .expect("the page");
    let queries = seen.lock().expect("unpoisoned").clone();
    (page.rows.len(), queries)
}

#[tokio::test]
async fn a_page_reads_the_answers_of_its_own_responses_only() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let (campaign, _) = seed_many(&mut app.db.conn(), "s", 120);
        let (rows, queries) = queries_for_a_page(&app.db, campaign);
        assert_eq!(rows, 50);
        let of_answers: Vec<&String> = queries
            .iter()
            .filter(|q| q.contains("question_id"))
            .collect();
        assert_eq!(of_answers.len(), 1, "{}: {queries:#?}", app.db);
        let (sql, binds) = of_answers[0]
            .split_once("-- binds:")
            .expect("the query's bound values");
        assert!(
            !sql.contains("participants") && !sql.contains("invitations"),
            "not every answer of the campaign: {sql}"
        );
        let ids = binds
            .split(|c: char| !c.is_ascii_digit())
            .filter(|n| !n.is_empty())
            .count();
        assert_eq!(ids, 50, "the page's responses: {binds}");
    }
}

#[tokio::test]
async fn the_document_gives_the_bounds_of_a_page_that_the_list_accepts() {
    let app = crate::helpers::spawn_app().await;
    let doc: Value = app
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .expect("the document");
    let operation = &doc["paths"]["/api/v1/campaigns/{id}/responses"]["get"];
    let schema = |name: &str| {
        operation["parameters"]
            .as_array()
            .expect("parameters")
            .iter()
            .find(|p| p["name"] == name)
            .map(|p| p["schema"].clone())
            .unwrap_or_else(|| panic!("no parameter {name}: {operation}"))
    };
    for (name, max) in [
        ("page", Paging::MAX_PAGE),
        ("per_page", Paging::MAX_PER_PAGE),
    ] {
        let schema = schema(name);
        assert!(
            schema["type"].to_string().contains("integer"),
            "{name}: {schema}"
        );
        assert_eq!(
            (schema["minimum"].as_f64(), schema["maximum"].as_f64()),
            (Some(1.0), Some(f64::from(max))),
            "{name}: {schema}"
        );
    }
    let listed = &operation["responses"]["200"]["content"]["application/json"]["schema"];
    assert!(
        listed["$ref"].to_string().contains("ResponseList"),
        "{listed}"
    );
}
