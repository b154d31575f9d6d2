//! The dashboard's charts, drawn as inline SVG from the numbers of its tables, and the
//! response rate of each campaign in the campaign list; on both backends.

use chrono::NaiveDate;
use liaison::accounts::Role;

use crate::downloads::csirt;
use crate::fixtures::{self, CampaignBuilder, MATURITY, ResponseBuilder, parameter_answers};
use crate::helpers::spawn_app_on;
use crate::test_db::TestDb;

#[tokio::test]
async fn the_dashboard_draws_progress_and_the_rate_by_country_and_the_list_shows_the_rate() {
    for db in TestDb::all() {
        let app = spawn_app_on(db).await;
        let questionnaire = fixtures::questionnaire(MATURITY);
        let answered = |day: u32| {
            let at = NaiveDate::from_ymd_opt(2026, 11, day)
                .and_then(|d| d.and_hms_opt(10, 0, 0))
                .expect("a time");
            ResponseBuilder::submitted(parameter_answers(questionnaire, |_| "2")).at(at)
        };
        // AT: 2 of 2 invited submitted; DE: 1 of 2.
        let id = CampaignBuilder::new("Maturity 2026")
            .questionnaire(MATURITY)
            .participants([
                csirt("Team A").response(answered(3)),
                csirt("Team B").response(answered(5)),
                csirt("Team C").country("DE").response(answered(5)),
                csirt("Team D").country("DE"),
            ])
            .build(&mut app.db.conn())
            .id();
        let analyst = app.logged_in(Role::Analyst, &[id]).await;
        let page = analyst.page(&format!("/campaigns/{id}")).await;

        let progress = section(&page, "id=\"progress-chart\"");
        assert!(progress.contains("role=\"img\""));
        assert!(progress.contains("viewBox=\"0 0 400 "));
        assert!(
            progress.contains("<title id=\"progress-chart-title\">Submissions over time</title>")
        );
        assert!(progress.contains(
            "3 of 4 invited submitted, the first on 2026-11-03, the latest on 2026-11-05."
        ));
        assert!(progress.contains("invited: 4"));
        assert!(page.contains("<tr><th scope=\"row\">2026-11-05</th><td>2</td><td>3</td></tr>"));

        let rates = section(&page, "id=\"rate-chart\"");
        assert!(rates.contains("role=\"img\""));
        assert!(rates.contains("AT: 100 % (2 of 2 invited); DE: 50 % (1 of 2 invited)"));
        assert!(rates.contains("<g id=\"rate-bar-DE\">"));
        assert!(
            rates.contains("width=\"150\""),
            "half of the 300 of a full bar"
        );
        // The same numbers as the table.
        assert!(page.contains("<td id=\"country-DE-rate\">50 %</td>"));
        assert!(!page.contains("<script"));

        let list = analyst.page("/campaigns").await;
        assert!(
            list.contains(&format!("<td id=\"rate-{id}\">75 %</td>")),
            "{list}"
        );
    }
}

#[tokio::test]
async fn a_campaign_without_submissions_says_so_instead_of_drawing_progress() {
    let app = spawn_app_on(TestDb::sqlite()).await;
    let id = CampaignBuilder::new("Quiet")
        .questionnaire(MATURITY)
        .participant(csirt("Team A"))
        .build(&mut app.db.conn())
        .id();
    let analyst = app.logged_in(Role::Analyst, &[id]).await;
    let page = analyst.page(&format!("/campaigns/{id}")).await;
    assert!(page.contains("id=\"no-progress-chart\""));
    assert!(!page.contains("id=\"progress-chart\""));
    assert!(page.contains("AT: 0 % (0 of 1 invited)"));
    let list = analyst.page("/campaigns").await;
    assert!(list.contains(&format!("<td id=\"rate-{id}\">0 %</td>")));
}

/// The figure that opens with `marker`, up to its end.
fn section<'p>(page: &'p str, marker: &str) -> &'p str {
    let start = page
        .find(marker)
        .unwrap_or_else(|| panic!("{marker} in {page}"));
    let end = page[start..].find("</figure>").expect("the figure ends") + start;
    &page[start..end]
}
