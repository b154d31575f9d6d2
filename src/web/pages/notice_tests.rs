use actix_web::cookie::Cookie;
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::test::TestRequest;
use actix_web::{FromRequest, web};

use super::*;
use crate::storage::signing_keys::decode_for_tests;

const DASHBOARD: &str = "/campaigns/7";

fn notices(byte: u8) -> Notices {
    let key = decode_for_tests(&URL_SAFE_NO_PAD.encode([byte; 32]));
    Notices::new("http://localhost", &key)
}

/// The cookie a redirect to `location` sets.
fn cookie_of(notices: &Notices, location: &str, notice: Notice) -> Cookie<'static> {
    let response = notices.redirect(location, notice);
    assert_eq!(response.status(), 303);
    assert_eq!(
        response
            .headers()
            .get(header::LOCATION)
            .expect("a location"),
        location
    );
    let cookie = response.cookies().next().expect("a notice cookie");
    assert!(cookie.http_only().unwrap_or(false));
    cookie.into_owned()
}

async fn flash(notices: &Notices, path: &str, cookie: Option<Cookie<'static>>) -> Flash {
    let mut request = TestRequest::get()
        .uri(path)
        .app_data(web::Data::new(notices.clone()));
    if let Some(cookie) = cookie {
        request = request.cookie(cookie);
    }
    Flash::from_request(&request.to_http_request(), &mut Payload::None)
        .await
        .expect("a flash")
}

fn removes_the_cookie(flash: &Flash) -> bool {
    let response = flash.shown(HttpResponse::Ok().finish());
    response
        .cookies()
        .any(|c| c.name() == COOKIE && c.value().is_empty())
}

#[actix_web::test]
async fn a_notice_shows_on_the_page_it_is_for_and_then_goes() {
    let notices = notices(1);
    let notice = Notice::Invited {
        queued: 2,
        already_invited: 1,
    };
    let cookie = cookie_of(&notices, &format!("{DASHBOARD}#status"), notice.clone());
    let shown = flash(&notices, DASHBOARD, Some(cookie)).await;
    assert_eq!(shown.notice(), Some(&notice));
    assert!(removes_the_cookie(&shown));
}

#[actix_web::test]
async fn a_notice_for_another_page_waits_for_it() {
    let notices = notices(1);
    let cookie = cookie_of(&notices, DASHBOARD, Notice::Closed);
    let elsewhere = flash(&notices, "/campaigns/8", Some(cookie)).await;
    assert_eq!(elsewhere.notice(), None);
    assert!(!removes_the_cookie(&elsewhere));
}

#[actix_web::test]
async fn an_altered_or_forged_notice_is_ignored_and_removed() {
    let notices = notices(1);
    let genuine = cookie_of(&notices, DASHBOARD, Notice::Closed);
    // The same signature over another notice.
    let (signature, _) = genuine.value().split_at(44);
    let other = Sealed {
        to: fingerprint(DASHBOARD),
        notice: Notice::Reminded {
            queued: 999,
            skipped: 0,
        },
    };
    let other = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&other).expect("json"));
    let altered = Cookie::new(COOKIE, format!("{signature}{other}"));
    // A notice signed with another key, and one not signed at all.
    let foreign = cookie_of(&super::tests::notices(2), DASHBOARD, Notice::Closed);
    let unsigned = Cookie::new(COOKIE, other);
    for cookie in [altered, foreign, unsigned] {
        let refused = flash(&notices, DASHBOARD, Some(cookie)).await;
        assert_eq!(refused.notice(), None);
        assert!(removes_the_cookie(&refused));
    }
}

#[actix_web::test]
async fn a_page_without_a_notice_sets_no_cookie() {
    let nothing = flash(&notices(1), DASHBOARD, None).await;
    assert_eq!(nothing.notice(), None);
    assert!(!removes_the_cookie(&nothing));
}

#[test]
fn a_respondent_path_is_kept_only_as_a_fingerprint() {
    let notices = notices(1);
    let cookie = cookie_of(&notices, "/r/SECRETTOKEN?x=1", Notice::Saved);
    let sealed = URL_SAFE_NO_PAD
        .decode(&cookie.value()[44..])
        .expect("base64");
    let text = String::from_utf8(sealed).expect("utf-8");
    assert!(!text.contains("SECRETTOKEN"), "{text}");
    assert_eq!(
        fingerprint("/r/SECRETTOKEN?x=1"),
        fingerprint("/r/SECRETTOKEN")
    );
}
