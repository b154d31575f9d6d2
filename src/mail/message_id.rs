//! Message-IDs: made once when a mail is queued and stored with it, so every
//! attempt, including one after a crash, carries the same one and a receiver
//! can drop a copy it already has (RFC 5322 §3.6.4).

use rand::RngCore;

/// The right-hand side when the base URL's host cannot be one.
const FALLBACK_DOMAIN: &str = "liaison.invalid";

/// A new Message-ID, `<32 random hex digits@host>`, the host taken from the
/// service's `base_url` (the name it is reached by), angle brackets included.
pub fn new_message_id(base_url: &str) -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let left: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("<{left}@{}>", domain_of(base_url))
}

/// The host of `base_url` if it is a plain domain or IPv4 address, else a fallback.
fn domain_of(base_url: &str) -> &str {
    let after_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let host = after_scheme
        .split(['/', ':', '?', '#'])
        .next()
        .unwrap_or_default();
    let plain = !host.is_empty()
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    if plain { host } else { FALLBACK_DOMAIN }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_id_names_the_base_urls_host_and_never_repeats() {
        let id = new_message_id("https://liaison.example.org:8443/base/");
        assert!(
            id.starts_with('<') && id.ends_with("@liaison.example.org>"),
            "{id}"
        );
        assert_eq!(id.len(), "<@liaison.example.org>".len() + 32);
        assert_ne!(id, new_message_id("https://liaison.example.org"));
    }

    #[test]
    fn a_host_that_cannot_be_a_domain_gives_the_fallback() {
        assert!(new_message_id("http://[::1]:8000").ends_with("@liaison.invalid>"));
        assert!(new_message_id("").ends_with("@liaison.invalid>"));
        assert!(new_message_id("http://127.0.0.1:8000").ends_with("@127.0.0.1>"));
    }
}
