//! Bearer secrets for sessions and API tokens: 32 random bytes, URL-safe; only their
//! SHA-256 is stored, so a copy of the database opens nothing.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh secret: the plain text to hand out once, and the hash to store.
pub(crate) fn new_secret() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let plain = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_secret(&plain);
    (plain, hash)
}

/// SHA-256 of a secret, lower-case hex.
pub(crate) fn hash_secret(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_secret_is_43_characters_and_its_hash_is_what_is_stored() {
        let (plain, hash) = new_secret();
        assert_eq!(plain.len(), 43);
        assert_eq!(hash, hash_secret(&plain));
        assert_eq!(hash.len(), 64);
        assert_ne!(new_secret().0, plain);
    }
}
