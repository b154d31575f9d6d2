//! Unit tests of the rate limits on a bare app.

use actix_web::http::StatusCode;
use actix_web::test::{TestRequest, call_service, init_service};
use actix_web::{App, HttpResponse, web};

use super::*;

#[actix_web::test]
async fn a_wrapped_route_is_limited_after_its_burst_and_its_neighbours_are_not() {
    let limits = RateLimits::new(&TrustedProxies::default());
    let app = init_service(
        App::new()
            .route("/login", web::get().to(HttpResponse::Ok))
            .route(
                "/login",
                web::post()
                    .to(HttpResponse::Ok)
                    .wrap(rate_limited(&limits.login)),
            ),
    )
    .await;
    let peer = "192.0.2.7:4000".parse().expect("a socket address");
    let mut statuses = Vec::new();
    for _ in 0..=LOGIN_BURST {
        let req = TestRequest::post().uri("/login").peer_addr(peer);
        statuses.push(call_service(&app, req.to_request()).await.status());
    }
    assert!(
        statuses[..LOGIN_BURST as usize]
            .iter()
            .all(|s| *s == StatusCode::OK)
    );
    assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS));
    let form = TestRequest::get().uri("/login").peer_addr(peer);
    assert_eq!(
        call_service(&app, form.to_request()).await.status(),
        StatusCode::OK
    );
    let elsewhere = TestRequest::post()
        .uri("/login")
        .peer_addr("192.0.2.8:4000".parse().expect("a socket address"));
    assert_eq!(
        call_service(&app, elsewhere.to_request()).await.status(),
        StatusCode::OK
    );
}

#[test]
fn ipv6_addresses_share_a_slash_56() {
    let ip = |text: &str| -> IpAddr { text.parse().expect("an address literal") };
    let (a, b, c) = (
        ip("2001:db8:aa:bb01::1"),
        ip("2001:db8:aa:bbff::2"),
        ip("2001:db8:aa:cc00::1"),
    );
    assert_eq!(per_subscriber(a), per_subscriber(b));
    assert_ne!(per_subscriber(a), per_subscriber(c));
    assert_eq!(
        per_subscriber(ip("::ffff:192.0.2.1")),
        IpAddr::V4(Ipv4Addr::new(192, 0, 2, 1))
    );
}
