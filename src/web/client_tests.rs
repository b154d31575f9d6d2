//! Unit tests of `client_address`: which header is believed, and when.

use std::net::IpAddr;

use actix_web::test::TestRequest;

use super::*;

fn proxies(list: &str) -> TrustedProxies {
    TrustedProxies::parse(list).expect("a valid list")
}

fn ip(text: &str) -> IpAddr {
    text.parse().expect("an address literal")
}

fn from(peer: &str, headers: &[(&str, &str)]) -> TestRequest {
    let peer = std::net::SocketAddr::new(ip(peer), 4000);
    let mut req = TestRequest::default().peer_addr(peer);
    for (name, value) in headers {
        req = req.append_header((*name, *value));
    }
    req
}

fn client(peer: &str, headers: &[(&str, &str)], trusted: &str) -> Option<IpAddr> {
    client_address(&from(peer, headers).to_http_request(), &proxies(trusted))
}

#[test]
fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
    let forged = [
        ("x-forwarded-for", "198.51.100.9"),
        ("forwarded", "for=198.51.100.9"),
    ];
    assert_eq!(client("192.0.2.7", &forged, ""), Some(ip("192.0.2.7")));
    assert_eq!(
        client("192.0.2.7", &forged, "10.0.0.0/8"),
        Some(ip("192.0.2.7"))
    );
}

#[test]
fn behind_a_trusted_proxy_the_right_most_untrusted_hop_is_the_client() {
    // The client forged the first hop; the proxy appended the address it saw.
    let headers = [("x-forwarded-for", "203.0.113.66, 198.51.100.9, 10.0.0.2")];
    assert_eq!(
        client("10.0.0.1", &headers, "10.0.0.0/8"),
        Some(ip("198.51.100.9"))
    );
    let split = [
        ("x-forwarded-for", "203.0.113.66"),
        ("x-forwarded-for", "198.51.100.9"),
    ];
    assert_eq!(
        client("10.0.0.1", &split, "10.0.0.1"),
        Some(ip("198.51.100.9"))
    );
}

#[test]
fn the_forwarded_header_is_read_with_ports_quotes_and_ipv6() {
    let headers = [(
        "forwarded",
        r#"for=203.0.113.66;proto=http, For="[2001:db8:cafe::17]:4711";proto=https"#,
    )];
    assert_eq!(
        client("127.0.0.1", &headers, "127.0.0.1"),
        Some(ip("2001:db8:cafe::17"))
    );
    let port = [("forwarded", r#"for="198.51.100.9:8080""#)];
    assert_eq!(client("::1", &port, "::1"), Some(ip("198.51.100.9")));
}

#[test]
fn a_trusted_peer_without_a_usable_header_is_the_client() {
    let trusted = "10.0.0.1";
    assert_eq!(client("10.0.0.1", &[], trusted), Some(ip("10.0.0.1")));
    for headers in [
        [("x-forwarded-for", "unknown")],
        [("x-forwarded-for", "")],
        [("forwarded", "for=_hidden")],
        [("forwarded", "proto=https")],
    ] {
        assert_eq!(
            client("10.0.0.1", &headers, trusted),
            Some(ip("10.0.0.1")),
            "{headers:?}"
        );
    }
}

#[test]
fn two_headers_that_disagree_are_not_believed() {
    // A proxy that maintains X-Forwarded-For passes a client's own Forwarded header on.
    let headers = [
        ("x-forwarded-for", "198.51.100.9"),
        ("forwarded", "for=203.0.113.66"),
    ];
    assert_eq!(
        client("10.0.0.1", &headers, "10.0.0.1"),
        Some(ip("10.0.0.1"))
    );
    let agreeing = [
        ("x-forwarded-for", "198.51.100.9"),
        ("forwarded", "for=198.51.100.9"),
    ];
    assert_eq!(
        client("10.0.0.1", &agreeing, "10.0.0.1"),
        Some(ip("198.51.100.9"))
    );
}

#[test]
fn a_chain_of_trusted_proxies_ends_at_its_left_most_hop() {
    let headers = [("x-forwarded-for", "10.0.0.3, 10.0.0.2")];
    assert_eq!(
        client("10.0.0.1", &headers, "10.0.0.0/8"),
        Some(ip("10.0.0.3"))
    );
}

#[test]
fn ipv4_mapped_peers_count_as_their_ipv4_address() {
    let headers = [("x-forwarded-for", "198.51.100.9")];
    let req = TestRequest::default()
        .peer_addr("[::ffff:127.0.0.1]:4000".parse().expect("a socket"))
        .append_header(headers[0])
        .to_http_request();
    assert_eq!(
        client_address(&req, &proxies("127.0.0.1")),
        Some(ip("198.51.100.9"))
    );
    assert_eq!(audit_address(&req, &proxies("")), "127.0.0.1");
}
