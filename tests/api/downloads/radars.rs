//! Per-respondent radars in the reports: one per submitted response, listed and served as
//! drawn PNGs, and only for a response of the campaign to those who may read its rows.

use liaison::accounts::Role;
use reqwest::Method;
use reqwest::header::CONTENT_TYPE;

use super::{app, csirt, header, seeded, seeded_campaign};
use crate::fixtures::{MATURITY, ResponseBuilder, parameter_answers, questionnaire};
use crate::helpers::{TestApp, audited};

/// A draft in the campaign: it must get no radar.
fn draft(app: &TestApp, campaign: i64) -> i64 {
    let questionnaire = questionnaire(MATURITY);
    let answers = parameter_answers(questionnaire, |_| "2");
    csirt("Draft 0")
        .response(ResponseBuilder::draft(answers))
        .add_to(&mut app.db.conn(), campaign, questionnaire)
        .response_id()
}

/// Width, height and how many pixels are not white.
fn drawn_pixels(png_bytes: &[u8]) -> (u32, u32, usize) {
    let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a sane size")];
    let info = reader.next_frame(&mut pixels).expect("a frame");
    let channels = info.color_type.samples();
    let inked = pixels[..info.buffer_size()]
        .chunks(channels)
        .filter(|p| p.iter().take(3).any(|v| *v < 250))
        .count();
    (info.width, info.height, inked)
}

#[tokio::test]
async fn every_submitted_response_gets_a_radar_listed_and_served_as_a_drawn_png() {
    let (app, dir) = app().await;
    let id = seeded(&mut app.db.conn());
    let draft = draft(&app, id);
    let built: serde_json::Value = app
        .post_api(&format!("/campaigns/{id}/reports"), serde_json::json!({}))
        .await
        .json()
        .await
        .expect("json");
    let radars = built["radars"].as_array().expect("radars");
    let organisations: Vec<&str> = radars
        .iter()
        .map(|r| r["organisation"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(organisations, ["Team 0", "Team 1", "Team 2", "Team 3"]);
    let ids: Vec<i64> = radars
        .iter()
        .map(|r| r["response_id"].as_i64().expect("an id"))
        .collect();
    assert!(!ids.contains(&draft), "a draft has no radar");
    let mut on_disk: Vec<String> =
        std::fs::read_dir(dir.path().join(id.to_string()).join("radars"))
            .expect("a radars folder")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|name| name.ends_with(".png"))
            .collect();
    on_disk.sort();
    let mut expected: Vec<String> = ids.iter().map(|r| format!("{r}.png")).collect();
    expected.sort();
    assert_eq!(on_disk, expected);

    for radar in radars {
        let path = radar["path"].as_str().expect("a path");
        let response_id = radar["response_id"].as_i64().expect("an id");
        assert_eq!(
            path,
            format!("/api/v1/campaigns/{id}/reports/radars/{response_id}")
        );
        let response = app
            .api(Method::GET, path.trim_start_matches("/api/v1"), None)
            .await;
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(header(&response, CONTENT_TYPE), "image/png");
        let body = response.bytes().await.expect("a body");
        assert_eq!(radar["size"].as_u64(), Some(body.len() as u64));
        let (width, height, inked) = drawn_pixels(&body);
        assert_eq!((width, height), (600, 520));
        assert!(
            inked > (width * height / 50) as usize,
            "{path}: only {inked} pixels are drawn"
        );
    }
    let audited: Vec<String> = audited(&app, "report.download")
        .into_iter()
        .filter_map(|e| e.detail)
        .collect();
    assert_eq!(audited.len(), 4, "one audit entry per radar: {audited:?}");
    assert!(
        audited
            .iter()
            .all(|d| d.starts_with("radars/") && d.ends_with(".png"))
    );
}

#[tokio::test]
async fn a_radar_is_served_only_for_a_response_of_the_campaign_and_to_who_may_read_rows() {
    let (app, _dir) = app().await;
    let id = seeded(&mut app.db.conn());
    let other = seeded_campaign(&mut app.db.conn(), "Maturity 2027", "Other");
    for campaign in [id, other] {
        let built = app
            .post_api(
                &format!("/campaigns/{campaign}/reports"),
                serde_json::json!({}),
            )
            .await;
        assert_eq!(built.status(), 200);
    }
    let first_id = |listing: serde_json::Value| listing["radars"][0]["response_id"].as_i64();
    let own = first_id(
        app.api(Method::GET, &format!("/campaigns/{id}/reports"), None)
            .await
            .json()
            .await
            .expect("json"),
    )
    .expect("a radar of the campaign");
    let foreign = first_id(
        app.api(Method::GET, &format!("/campaigns/{other}/reports"), None)
            .await
            .json()
            .await
            .expect("json"),
    )
    .expect("a radar of the other campaign");
    let radar = |response: &str| format!("/campaigns/{id}/reports/radars/{response}");
    for response in [
        foreign.to_string(),
        "abc".to_owned(),
        format!("{own}.png"),
        "-1".to_owned(),
        "..%2F..%2Fliaison.sqlite".to_owned(),
        "99999999999999999999".to_owned(),
    ] {
        let got = app.api(Method::GET, &radar(&response), None).await;
        assert_eq!(got.status(), 404, "{response}");
    }

    let stranger = app
        .add_analyst("stranger@example.org", Role::Analyst, &[other])
        .api_token;
    assert_eq!(
        app.get_api_as(&stranger, &radar(&own.to_string()))
            .await
            .status(),
        404
    );
    let member = app
        .add_analyst("member@example.org", Role::Analyst, &[id])
        .api_token;
    let served = app.get_api_as(&member, &radar(&own.to_string())).await;
    assert_eq!(served.status(), 200);
    assert!(
        served
            .bytes()
            .await
            .expect("a body")
            .starts_with(b"\x89PNG")
    );
    let listed: serde_json::Value = app
        .get_api_as(&member, &format!("/campaigns/{id}/reports"))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(listed["radars"].as_array().map(Vec::len), Some(4));
}
