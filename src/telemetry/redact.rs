//! Link tokens out of log text: every `/r/<token>` becomes `/r/[<fingerprint>]`.
//!
//! A respondent's token opens their answers, so it must never be written down in clear
//! (README, "Security"). The fingerprint is the first 6 hex digits (24 bits) of the
//! SHA-256 of the token, i.e. the first 6 digits of `invitations.token_hash`:
//! - it cannot be turned back into the token (SHA-256 is one-way, and 24 bits of a hash
//!   say nothing about 256 random bits), unlike a prefix of the token itself, which would
//!   hand out part of the secret and shorten every guess;
//! - it is still enough to correlate: the lines of one visit share it, and an operator can
//!   find the invitation with `token_hash LIKE '<fingerprint>%'` (at 16.7 million values,
//!   two links of one deployment rarely share one, and a clash only means looking at two rows);
//! - it is no longer than that, so the log never holds the full stored hash, which is the
//!   database's exact key for the link.
//!
//! The token is fingerprinted as the app reads it, percent-decoded, so `/r/%41bc` and
//! `/r/Abc` get the same fingerprint, the one of the link they both open.
//!
//! A second pass does not rely on the `/r/` in front: a client may spell a path any way
//! it likes (`/r/./<token>`, `/r%5C<token>`, a doubly encoded slash, a token with no
//! `/r/` at all), and the log must still not hold it. Every long run of token characters
//! or percent escapes is decoded (repeatedly, as a doubly encoded path would be) and, if
//! it holds 43 or more token characters in a row — a link token, a session or an API
//! token, all 32 random bytes in URL-safe base64 — it is replaced by its fingerprint.

use std::borrow::Cow;
use std::sync::LazyLock;

use percent_encoding::percent_decode_str;
use regex::{Captures, Regex};
use sha2::{Digest, Sha256};

/// `/r/` followed by a token. The slashes and the `r` may be percent-encoded (as in a
/// `?next=%2Fr%2F…` query or a client's `/%72/…`) and slashes doubled; the token runs to
/// the next character that ends a path segment or a field in a log line. `[` is such a
/// character, so an already redacted `/r/[…]` is left as it is.
static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)((?:/|%2f)+(?:r|%72|%52)(?:/|%2f)+)([^/?#&\s\p{Cc}"'\\<>`^|,;()\[\]{}]+)"#)
        .expect("the link pattern is valid")
});

/// A run of at least [`TOKEN_LENGTH`] token characters or percent escapes: the only shape a
/// token can take in a log line, however it was encoded.
static RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:%[0-9A-Fa-f]{2}|[A-Za-z0-9_-]){43,}").expect("the run pattern is valid")
});

/// 32 random bytes in URL-safe base64 without padding: every secret Liaison hands out.
const TOKEN_LENGTH: usize = 43;

/// How often a run is percent-decoded: enough for a doubly (or trebly) encoded path.
const DECODINGS: usize = 3;

/// `text` with the token of every respondent link, and any other run that holds a token,
/// replaced by its fingerprint.
pub fn redact_links(text: &str) -> Cow<'_, str> {
    let links = LINK.replace_all(text, |link: &Captures<'_>| {
        format!("{}[{}]", &link[1], fingerprint(&link[2]))
    });
    match RUN.replace_all(&links, |run: &Captures<'_>| redact_run(&run[0])) {
        Cow::Borrowed(_) => links,
        Cow::Owned(redacted) => Cow::Owned(redacted),
    }
}

/// `run` as it was, unless, decoded, it holds a token: then `[<fingerprint>]`.
fn redact_run(run: &str) -> String {
    let mut decoded = run.to_owned();
    for _ in 0..DECODINGS {
        let next = percent_decode_str(&decoded)
            .decode_utf8_lossy()
            .into_owned();
        if next == decoded {
            break;
        }
        decoded = next;
    }
    let longest = decoded
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .max_by_key(|piece| piece.len())
        .unwrap_or_default();
    if longest.len() < TOKEN_LENGTH {
        return run.to_owned();
    }
    format!("[{}]", fingerprint(longest))
}

/// The first 6 hex digits of the SHA-256 of `token` (percent-decoded): see the module doc.
pub fn fingerprint(token: &str) -> String {
    let decoded = percent_decode_str(token).decode_utf8_lossy();
    Sha256::digest(decoded.as_bytes())[..3]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "pfb5OdFQWukS2OhxfrOx7sFmb-cv1spFHkhZTrzxyZc";

    fn assert_hidden(text: &str) {
        let redacted = redact_links(text);
        assert!(!redacted.contains(TOKEN), "{redacted}");
        assert!(!redacted.contains(&TOKEN[..8]), "{redacted}");
        assert!(redacted.contains(&fingerprint(TOKEN)), "{redacted}");
    }

    #[test]
    fn the_fingerprint_starts_the_stored_hash() {
        let stored = crate::invitations::hash_token(TOKEN);
        assert_eq!(fingerprint(TOKEN).len(), 6);
        assert!(stored.starts_with(&fingerprint(TOKEN)));
    }

    #[test]
    fn a_path_keeps_its_shape_and_loses_its_token() {
        let text = format!("http.target=/r/{TOKEN}/s/2?lang=de next");
        let expected = format!("http.target=/r/[{}]/s/2?lang=de next", fingerprint(TOKEN));
        assert_eq!(redact_links(&text), expected);
    }

    #[test]
    fn a_colleagues_delegation_link_loses_its_token_too() {
        let text = format!("http.target=/d/{TOKEN}/s/2 next");
        let redacted = redact_links(&text);
        assert!(!redacted.contains(TOKEN), "{redacted}");
        assert!(redacted.starts_with("http.target=/d/["), "{redacted}");
    }

    #[test]
    fn every_spelling_of_a_link_is_redacted() {
        let encoded: String = TOKEN.bytes().map(|b| format!("%{b:02X}")).collect();
        for text in [
            format!("/r/{TOKEN}"),
            format!("GET /r/{TOKEN}"),
            format!("\"/r/{TOKEN}\""),
            format!("\\\"/r/{TOKEN}\\\""),
            format!("https://liaison.example.org/r/{TOKEN}/review"),
            format!("referer=https://x.example/R/{TOKEN}"),
            format!("/r/{encoded}"),
            format!("/%72/{TOKEN}"),
            format!("//r//{TOKEN}"),
            format!("/login?next=%2Fr%2F{TOKEN}&x=1"),
            format!("/login?next=%2fR%2f{TOKEN}"),
            format!("(on /r/{TOKEN})"),
            format!("/r%252F{TOKEN}"),
            format!("/%2572/{TOKEN}"),
            format!("/r%2525{TOKEN}"),
            format!("/login?next=%252Fr%252F{TOKEN}"),
            format!("/login?next=%25252Fr%25252F{TOKEN}"),
            format!("/r%5C{TOKEN}"),
            format!("/r\\{TOKEN}"),
            format!("/r/./{TOKEN}"),
            format!("/r/{TOKEN}/../{TOKEN}"),
            format!("/r/{TOKEN}/..%2F{TOKEN}"),
            format!("/nope/{TOKEN}"),
            format!("/?t={TOKEN}"),
            format!("/nope/{encoded}"),
            format!("/nope/{}", encoded.replace('%', "%25")),
        ] {
            assert_hidden(&text);
        }
    }

    #[test]
    fn redacting_twice_changes_nothing_and_templates_stay() {
        let once = redact_links(&format!("/r/{TOKEN}/s/1")).into_owned();
        assert_eq!(redact_links(&once), once);
        assert_eq!(redact_links("/r/{token}/s/{n}"), "/r/{token}/s/{n}");
        assert_eq!(redact_links("/r/"), "/r/");
        assert!(matches!(redact_links("/health GET"), Cow::Borrowed(_)));
        // Request ids, hex digests shorter than a token and ordinary words stay.
        let ordinary = "request_id=6f1c2a3e-1b2c-4d5e-8f90-123456789abc csirt-le-cooperation-csirt";
        assert_eq!(redact_links(ordinary), ordinary);
    }
}
