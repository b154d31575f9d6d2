//! Passwords: the rules a new one must meet, and argon2id hashing in PHC strings.
//!
//! Verification goes through `argon2`'s `PasswordVerifier`, which compares the computed
//! hash in constant time. [`dummy_verify`] spends the same work when there is no account
//! to check against, so the time a login takes does not tell whether an address exists.

use std::sync::LazyLock;

use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use rand::RngCore;

/// Fewest characters a password may have.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Most characters a password may have; longer input is refused before any hashing.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// A password that meets the rules; only a new account's password needs to.
pub struct Password(String);

/// Why a new password was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("the password is too short: use at least {MIN_PASSWORD_CHARS} characters")]
    TooShort,
    #[error("the password is too long: use at most {MAX_PASSWORD_CHARS} characters")]
    TooLong,
    #[error("the password is only spaces")]
    Blank,
}

impl Password {
    /// Checks a new password against the rules.
    pub fn parse(plain: &str) -> Result<Password, PasswordError> {
        let chars = plain.chars().count();
        if plain.trim().is_empty() && !plain.is_empty() {
            return Err(PasswordError::Blank);
        }
        if chars < MIN_PASSWORD_CHARS {
            return Err(PasswordError::TooShort);
        }
        if chars > MAX_PASSWORD_CHARS {
            return Err(PasswordError::TooLong);
        }
        Ok(Password(plain.to_owned()))
    }

    /// The password as typed.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(…)")
    }
}

/// Hashing failed; with fixed parameters and our own salt this does not happen in practice.
#[derive(Debug, thiserror::Error)]
#[error("cannot hash the password: {0}")]
pub struct HashError(String);

/// The argon2id PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) for a password, with a
/// fresh 16-byte salt.
pub fn hash_password(password: &Password) -> Result<String, HashError> {
    hash_plain(password.expose())
}

fn hash_plain(plain: &str) -> Result<String, HashError> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| HashError(e.to_string()))?;
    Argon2::default()
        .hash_password(plain.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| HashError(e.to_string()))
}

/// Whether `plain` is the password `phc` was made from. A malformed hash matches nothing.
pub fn verify_password(plain: &str, phc: &str) -> bool {
    if plain.chars().count() > MAX_PASSWORD_CHARS {
        return false;
    }
    match PasswordHash::new(phc) {
        Ok(parsed) => Argon2::default()
            .verify_password(plain.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A hash of a random password nobody knows, made once per process.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    let plain: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    hash_plain(&plain).unwrap_or_default()
});

/// Verifies `plain` against a hash no password matches, for an unknown address: the same
/// work as a real check, and always `false`.
pub fn dummy_verify(plain: &str) -> bool {
    verify_password(plain, &DUMMY_HASH);
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_blank_passwords_are_refused() {
        assert_eq!(
            Password::parse("eleven char").err(),
            Some(PasswordError::TooShort)
        );
        assert_eq!(
            Password::parse("            ").err(),
            Some(PasswordError::Blank)
        );
        assert_eq!(
            Password::parse(&"x".repeat(1025)).err(),
            Some(PasswordError::TooLong)
        );
        // Characters, not bytes: twelve umlauts are enough.
        assert!(Password::parse(&"ü".repeat(12)).is_ok());
    }

    #[test]
    fn a_hash_is_argon2id_salted_and_verifies_only_its_password() {
        let password = Password::parse("correct horse battery").expect("a valid password");
        let a = hash_password(&password).expect("hashing works");
        let b = hash_password(&password).expect("hashing works");
        assert!(a.starts_with("$argon2id$v=19$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify_password("correct horse battery", &a));
        assert!(!verify_password("correct horse battery!", &a));
        assert!(!verify_password(
            "correct horse battery",
            "not a PHC string"
        ));
        assert!(!dummy_verify("correct horse battery"));
    }

    #[test]
    fn the_password_is_not_printed_in_logs() {
        let password = Password::parse("correct horse battery").expect("a valid password");
        assert_eq!(format!("{password:?}"), "Password(…)");
    }
}
