//! Link tokens: 32 random bytes, URL-safe. The invitation stores only their SHA-256;
//! the token itself waits beside its queued mail until that is sent (`storage::outbox`).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A freshly made token, to be put in one mail and then forgotten.
pub struct Token(String);

impl Token {
    pub fn generate() -> Token {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        Token(URL_SAFE_NO_PAD.encode(bytes))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The hash kept in the database.
    pub fn hash(&self) -> String {
        hash_token(&self.0)
    }
}

/// SHA-256 of a token, lower-case hex.
pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The respondent's link for a token.
pub fn link(base_url: &str, token: &Token) -> String {
    format!("{}/r/{}", base_url.trim_end_matches('/'), token.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_43_url_safe_characters_and_never_repeats() {
        let a = Token::generate();
        let b = Token::generate();
        assert_eq!(a.as_str().len(), 43);
        assert!(
            a.as_str()
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_ne!(a.as_str(), b.as_str());
    }

    #[test]
    fn the_hash_is_sha256_hex() {
        assert_eq!(
            hash_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn links_do_not_double_the_slash() {
        let token = Token("t".into());
        assert_eq!(
            link("https://liaison.example.org/", &token),
            "https://liaison.example.org/r/t"
        );
    }
}
