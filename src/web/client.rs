//! Who the client is: the TCP peer, or, when that peer is a trusted reverse proxy, the
//! address the proxy forwarded. Rate limits and the audit log both ask [`client_address`].

use std::net::{IpAddr, SocketAddr};

use actix_web::HttpRequest;
use actix_web::http::header::{self, HeaderMap, HeaderName};

use crate::config::TrustedProxies;

/// The client's address: the TCP peer, unless the peer is one of `trusted`; then the
/// right-most hop of `Forwarded` / `X-Forwarded-For` that is not a trusted proxy.
///
/// A forwarding header is believed only from a trusted peer, so a client cannot name itself.
/// When a trusted peer's headers are missing, unreadable, or the two headers disagree (the
/// proxy maintains one, the other may be the client's own), the peer address is used: a
/// client that forges headers then shares the proxy's budget instead of escaping it.
/// `None` only without a peer address (requests made in unit tests).
pub fn client_address(req: &HttpRequest, trusted: &TrustedProxies) -> Option<IpAddr> {
    let peer = req.peer_addr()?.ip().to_canonical();
    if !trusted.contains(peer) {
        return Some(peer);
    }
    Some(forwarded_client(req.headers(), trusted).unwrap_or(peer))
}

/// The client address as the audit log records it (`unknown` without a peer address).
pub fn audit_address(req: &HttpRequest, trusted: &TrustedProxies) -> String {
    client_address(req, trusted).map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

/// What one forwarding header says about the client.
#[derive(Debug, PartialEq, Eq)]
enum Claim {
    Absent,
    Client(IpAddr),
    Unreadable,
}

fn forwarded_client(headers: &HeaderMap, trusted: &TrustedProxies) -> Option<IpAddr> {
    let standard = claim(headers, &header::FORWARDED, trusted, forwarded_for);
    let legacy = claim(headers, &header::X_FORWARDED_FOR, trusted, |hop| {
        parse_node(hop)
    });
    match (standard, legacy) {
        (Claim::Client(ip), Claim::Absent) | (Claim::Absent, Claim::Client(ip)) => Some(ip),
        (Claim::Client(a), Claim::Client(b)) if a == b => Some(a),
        _ => None,
    }
}

/// Walks the hops of header `name` from the right, skipping trusted proxies.
fn claim(
    headers: &HeaderMap,
    name: &HeaderName,
    trusted: &TrustedProxies,
    hop_address: impl Fn(&str) -> Option<IpAddr>,
) -> Claim {
    let mut values = headers.get_all(name).peekable();
    if values.peek().is_none() {
        return Claim::Absent;
    }
    let mut hops = Vec::new();
    for value in values {
        let Ok(text) = value.to_str() else {
            return Claim::Unreadable;
        };
        hops.extend(text.split(',').map(str::trim).map(&hop_address));
    }
    let mut client = None;
    for hop in hops.iter().rev() {
        match hop {
            None => return Claim::Unreadable,
            Some(ip) => {
                client = Some(*ip);
                if !trusted.contains(*ip) {
                    break;
                }
            }
        }
    }
    // Every hop a trusted proxy: the left-most is where the request started.
    client.map_or(Claim::Unreadable, Claim::Client)
}

/// The `for=` node of one `Forwarded` element (RFC 7239), if it is an address.
fn forwarded_for(element: &str) -> Option<IpAddr> {
    element.split(';').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("for")
            .then(|| parse_node(value))
            .flatten()
    })
}

/// An address with or without a port (`192.0.2.1`, `192.0.2.1:80`, `[2001:db8::1]:80`,
/// `"[2001:db8::1]"`); obfuscated identifiers and `unknown` are not addresses.
fn parse_node(node: &str) -> Option<IpAddr> {
    let node = node.trim().trim_matches('"');
    let ip = node
        .parse::<IpAddr>()
        .ok()
        .or_else(|| node.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| node.strip_prefix('[')?.strip_suffix(']')?.parse().ok())?;
    Some(ip.to_canonical())
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
