//! The pages: the list and its filters, one response opened with its radar, and who may
//! read them.

use liaison::accounts::Role;
use liaison::ids::{InvitationId, ResponseId};
use liaison::responses;
use liaison::storage::DbConn;

use super::{QUEUED_TOKEN, first_answer, openings, queue_mail, seed, untouched};
use crate::fixtures::{MATURITY, every_answer, questionnaire};
use crate::helpers::{TestApp, escaped, spawn_app, spawn_app_on};
use crate::test_db::TestDb;

/// The organisations the list page shows, in its order.
fn listed(page: &str) -> Vec<String> {
    let Some(body) = page.split("<tbody>").nth(1) else {
        return Vec::new();
    };
    body.split("<th scope=\"row\">")
        .skip(1)
        .filter_map(|row| {
            let name = row.split("\">").nth(1)?;
            Some(name.split('<').next()?.to_owned())
        })
        .collect()
}

/// The invitation of a response, for comparing what a test expects of it.
fn invitation_of(conn: &mut DbConn, response: i64) -> InvitationId {
    InvitationId(
        responses::view(conn, ResponseId(response))
            .expect("the response")
            .response
            .invitation_id,
    )
}

#[tokio::test]
async fn the_list_shows_every_started_response_with_its_scores_and_filters_narrow_it() {
    let app = spawn_app().await;
    let s = seed(&mut app.db.conn(), "a");
    let browser = app.logged_in(Role::Analyst, &[s.campaign]).await;
    let base = format!("/campaigns/{}/responses", s.campaign);

    let dashboard = browser.page(&format!("/campaigns/{}", s.campaign)).await;
    assert!(
        dashboard.contains(&format!("href=\"{base}\"")),
        "linked from the dashboard"
    );

    let all = browser.page(&base).await;
    assert_eq!(
        listed(&all),
        ["CERT Austria a", "CERT Belgium a", "Federal Police a"],
        "by organisation, and nobody who never started"
    );
    assert!(
        all.contains("class=\"table-scroll\""),
        "a wide table scrolls in its own region"
    );
    assert!(all.contains(&format!("href=\"{base}/{}\"", s.austria)));
    // Scored as the result page scores: a tier for maturity, dimensions for cooperation.
    let maturity = questionnaire(MATURITY);
    let assessment = liaison::scoring::assess(
        maturity,
        maturity.default_tier_table(),
        &every_answer(maturity, 3.0, "AT"),
    );
    let tier = assessment
        .tier
        .and_then(|t| t.reached)
        .expect("a tier reached");
    let tier = liaison::responses::reading::tier_name(maturity, tier, "en");
    assert!(all.contains(&format!("<td>{tier}</td>")), "{tier} in {all}");
    assert!(all.contains("Legal"), "a dimension's score: {all}");

    let cases = [
        ("?audience=lea", vec!["Federal Police a"]),
        ("?country=be", vec!["CERT Belgium a", "Federal Police a"]),
        ("?state=draft", vec!["CERT Belgium a"]),
        ("?audience=csirt&country=BE&state=", vec!["CERT Belgium a"]),
        ("?audience=judiciary", vec![]),
    ];
    for (query, expected) in cases {
        let page = browser.page(&format!("{base}{query}")).await;
        assert_eq!(listed(&page), expected, "{query}");
    }
    let chosen = browser.page(&format!("{base}?country=BE")).await;
    assert!(
        chosen.contains("<option value=\"BE\" selected>"),
        "the form keeps the filter"
    );

    let refused = browser.fetch(&format!("{base}?audience=police")).await;
    assert_eq!(refused.status(), 400);
    let page = refused.text().await.expect("a page");
    assert!(page.contains("id=\"audience-error\""), "{page}");
    assert!(
        page.contains(&escaped("\"police\" is not an audience")),
        "{page}"
    );
}

#[tokio::test]
async fn an_opened_response_shows_its_answers_scores_history_and_mails_and_is_audited() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let s = seed(&mut app.db.conn(), "b");
        queue_mail(&mut app.db.conn(), s.austria);
        let before = untouched(&mut app.db.conn(), s.austria);
        let browser = app.logged_in(Role::Analyst, &[s.campaign]).await;
        let path = format!("/campaigns/{}/responses/{}", s.campaign, s.austria);

        let page = browser.page(&path).await;
        assert!(page.contains("<h1>CERT Austria b</h1>"), "{page}");
        let (question, given) = first_answer(MATURITY, "AT");
        let (question, given) = (escaped(&question), escaped(&given));
        assert!(page.contains(&format!("<dt>{question}</dt>")), "{question}");
        assert!(
            page.contains(&format!("<dd>{given}</dd>")),
            "{given} as given"
        );
        let first = &questionnaire(MATURITY).sections()[0];
        assert!(page.contains(first.title().get("en")), "its sections");
        assert!(page.contains("id=\"tier\""), "its tier");
        assert!(page.contains("id=\"scores\""), "its scores");
        assert!(
            page.contains(&format!("src=\"{path}/radar.png\"")),
            "its radar"
        );
        assert!(page.contains("started as draft") && page.contains("draft → submitted"));
        assert!(
            page.contains("<th scope=\"row\">reminder</th><td>pending</td>"),
            "{page}"
        );
        assert!(!page.contains(QUEUED_TOKEN), "never a link token");

        let radar = browser.fetch(&format!("{path}/radar.png")).await;
        assert_eq!(radar.status(), 200);
        assert_eq!(radar.headers()["content-type"], "image/png");
        assert!(radar.bytes().await.expect("a body").starts_with(b"\x89PNG"));

        let opened = openings(&app);
        assert_eq!(
            opened.len(),
            1,
            "one opening, the radar adds none: {opened:?}"
        );
        assert_eq!(opened[0].subject, format!("response:{}", s.austria));
        assert!(opened[0].actor.starts_with("analyst-"), "{:?}", opened[0]);
        assert_eq!(
            opened[0].detail.as_deref(),
            Some(&*format!("campaign:{}", s.campaign))
        );

        assert_eq!(
            untouched(&mut app.db.conn(), s.austria),
            before,
            "{:?}: no event, no opened link",
            app.db.backend
        );
        let lea = browser
            .page(&format!("/campaigns/{}/responses/{}", s.campaign, s.police))
            .await;
        assert!(lea.contains("Legal"), "a cooperation response's dimensions");
        assert!(!lea.contains("id=\"tier\""), "and no tier");
        let draft = browser
            .page(&format!(
                "/campaigns/{}/responses/{}",
                s.campaign, s.belgium_draft
            ))
            .await;
        assert!(
            draft.contains("<dt>Submitted</dt><dd>not yet</dd>"),
            "{draft}"
        );
        assert!(draft.contains("id=\"no-mails\""));
        assert_ne!(
            invitation_of(&mut app.db.conn(), s.belgium_draft),
            invitation_of(&mut app.db.conn(), s.austria)
        );
    }
}

/// The status and body of a GET by `browser`, the ids in `ids` written as `N`.
async fn answer(
    browser: &reqwest::Client,
    app: &TestApp,
    path: &str,
    ids: &[i64],
) -> (u16, String) {
    let response = browser
        .get(format!("{}{path}", app.address))
        .send()
        .await
        .expect("sent");
    let status = response.status().as_u16();
    let mut body = response.text().await.expect("a body");
    for id in ids {
        body = mask_number(&body, &id.to_string());
    }
    (status, body)
}

/// `text` with each whole occurrence of the number `id` replaced by `N`: digits inside a
/// longer run of letters or digits (the stylesheet's version hash) stay as they are.
fn mask_number(text: &str, id: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(id) {
        out.push_str(&rest[..at]);
        // What precedes may be an earlier occurrence already copied ("44" in a hash).
        let before = out.chars().next_back();
        let after = rest[at + id.len()..].chars().next();
        let whole = !before.is_some_and(|c| c.is_ascii_alphanumeric())
            && !after.is_some_and(|c| c.is_ascii_alphanumeric());
        out.push_str(if whole { "N" } else { id });
        rest = &rest[at + id.len()..];
    }
    out.push_str(rest);
    out
}

#[tokio::test]
async fn only_who_may_read_rows_of_the_campaign_reads_its_responses() {
    let app = spawn_app().await;
    let s = seed(&mut app.db.conn(), "c");
    let other = seed(&mut app.db.conn(), "d");
    let missing = 987_654;

    let outsider = app.logged_in(Role::Analyst, &[other.campaign]).await;
    for page in [
        "responses",
        &format!("responses/{}", s.austria),
        &format!("responses/{}/radar.png", s.austria),
    ] {
        let theirs = answer(
            &outsider,
            &app,
            &format!("/campaigns/{}/{page}", s.campaign),
            &[s.campaign, s.austria],
        )
        .await;
        let nothing = answer(
            &outsider,
            &app,
            &format!("/campaigns/{missing}/{page}"),
            &[missing, s.austria],
        )
        .await;
        assert_eq!(theirs.0, 404, "{page}");
        assert_eq!(theirs, nothing, "{page}: as if the campaign did not exist");
    }

    let reader = app.logged_in(Role::Analyst, &[s.campaign]).await;
    for tail in ["", "/radar.png"] {
        let elsewhere = answer(
            &reader,
            &app,
            &format!(
                "/campaigns/{}/responses/{}{tail}",
                s.campaign, other.austria
            ),
            &[other.austria],
        )
        .await;
        let nothing = answer(
            &reader,
            &app,
            &format!("/campaigns/{}/responses/{missing}{tail}", s.campaign),
            &[missing],
        )
        .await;
        assert_eq!(elsewhere.0, 404, "{tail}");
        assert_eq!(
            elsewhere, nothing,
            "another campaign's response is no response here"
        );
        let word = answer(
            &reader,
            &app,
            &format!("/campaigns/{}/responses/abc{tail}", s.campaign),
            &[],
        )
        .await;
        assert_eq!(word.0, 404, "a response id is a number");
    }
    assert!(openings(&app).is_empty(), "nothing was opened");
}
