//! Signing keys (the CSRF key, the notices key): made once, then shared by every instance and every restart.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use diesel::prelude::*;

use super::schema::signing_keys;
use super::{DbConn, StorageError, now, write_transaction};

/// The name of the key that signs CSRF tokens.
pub const CSRF: &str = "csrf";

/// The name of the key that signs the notice shown after a redirect: a key of its own, so
/// that a value signed for one purpose is never accepted for the other.
pub const NOTICES: &str = "notices";

/// 32 secret bytes. Its `Debug` shows none of them, so it cannot end up in a log.
#[derive(Clone, PartialEq, Eq)]
pub struct SigningKey([u8; 32]);

impl SigningKey {
    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningKey(…)")
    }
}

/// The key called `name`, made now (32 random bytes) if the database has none yet.
///
/// Instances starting at the same moment agree on one key: each inserts its own only if
/// the name is still free (the primary key refuses the second insert, which is then
/// ignored), and every instance returns the row that is stored, not the key it made.
pub fn get_or_create(conn: &mut DbConn, name: &str) -> Result<SigningKey, StorageError> {
    if let Some(key) = find(conn, name)? {
        return Ok(key);
    }
    let fresh = URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>());
    let inserted = write_transaction(conn, |conn| {
        diesel::insert_into(signing_keys::table)
            .values((
                signing_keys::name.eq(name),
                signing_keys::secret.eq(&fresh),
                signing_keys::created_at.eq(now()),
            ))
            .execute(conn)
            .map_err(StorageError::from)
    });
    match inserted {
        Ok(_) => {}
        Err(e) if e.is_unique_violation() => {}
        Err(e) => return Err(e),
    }
    find(conn, name)?.ok_or_else(|| StorageError::not_found("signing key", name))
}

fn find(conn: &mut DbConn, name: &str) -> Result<Option<SigningKey>, StorageError> {
    let stored: Option<String> = signing_keys::table
        .filter(signing_keys::name.eq(name))
        .select(signing_keys::secret)
        .first(conn)
        .optional()?;
    stored.map(|secret| decode(name, &secret)).transpose()
}

/// A key from its stored text, for tests elsewhere in the crate.
#[cfg(test)]
pub(crate) fn decode_for_tests(secret: &str) -> SigningKey {
    decode("test", secret).expect("a valid test key")
}

/// The key in `secret`; the error names the key, never its value.
fn decode(name: &str, secret: &str) -> Result<SigningKey, StorageError> {
    URL_SAFE_NO_PAD
        .decode(secret.trim())
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .map(SigningKey)
        .ok_or_else(|| {
            StorageError::Corrupt(format!(
                "signing key {name:?} is not 32 bytes in URL-safe base64"
            ))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_reads_back_and_its_debug_shows_nothing() {
        let key = decode(CSRF, &URL_SAFE_NO_PAD.encode([7u8; 32])).expect("a key");
        assert_eq!(key.bytes(), &[7u8; 32]);
        assert_eq!(format!("{key:?}"), "SigningKey(…)");
    }

    #[test]
    fn a_damaged_key_is_reported_without_its_value() {
        let error = decode(CSRF, "c2hvcnQ").expect_err("too short");
        assert!(
            error.to_string().contains("signing key \"csrf\""),
            "{error}"
        );
        assert!(!error.to_string().contains("c2hvcnQ"), "{error}");
    }
}
