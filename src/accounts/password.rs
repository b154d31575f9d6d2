//! Passwords: the rules a new one must meet, and argon2id hashing in PHC strings.
//!
//! Length alone lets `aaaaaaaaaaaa` through, so a new password must also be hard to
//! guess by zxcvbn's estimate (repeats, keyboard rows, common passwords and words, dates,
//! and the account's own address), and a refusal repeats the estimator's advice.
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

/// Lowest zxcvbn score (0 to 4) a new password may have: 3 is "safely unguessable:
/// moderate protection from an offline slow-hash scenario", which argon2id is.
pub const MIN_PASSWORD_SCORE: u8 = 3;

/// How much of a password the estimator reads: its cost grows quickly with length, and
/// a password whose first 100 characters are hard to guess is hard to guess.
const ESTIMATED_CHARS: usize = 100;

/// What an account without a password stores in place of a hash: not a PHC string, so no
/// password verifies against it (see [`verify_password`]).
pub const NO_PASSWORD: &str = "!no password set";

/// Whether a stored hash is a password's (and not [`NO_PASSWORD`]).
pub fn has_password(stored: &str) -> bool {
    PasswordHash::new(stored).is_ok()
}

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
    /// Too easy to guess; `reason` is the estimator's warning and advice in plain words.
    #[error("the password is too easy to guess: {reason}")]
    Guessable { reason: String },
}

impl Password {
    /// Checks a new password for the account `email` against the rules: 12 to 1024
    /// characters, and hard to guess (zxcvbn score of at least 3, with the address and
    /// its parts counted as words an attacker knows).
    pub fn parse(plain: &str, email: &str) -> Result<Password, PasswordError> {
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
        refuse_guessable(plain, email)?;
        Ok(Password(plain.to_owned()))
    }

    /// The password as typed.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// `Err(Guessable)` with the estimator's reasons when `plain` scores below the minimum.
fn refuse_guessable(plain: &str, email: &str) -> Result<(), PasswordError> {
    let end = plain
        .char_indices()
        .nth(ESTIMATED_CHARS)
        .map_or(plain.len(), |(i, _)| i);
    let email = email.trim().to_lowercase();
    // The whole address, both sides of the @, and each word of it:
    // "anna.berger@csirt-at.example.org" also gives "anna.berger", "anna", "csirt"…
    let mut known: Vec<&str> = vec![email.as_str()];
    known.extend(email.split('@'));
    known.extend(
        email
            .split(|c: char| !c.is_alphanumeric())
            .filter(|part| part.chars().count() >= 3),
    );
    let estimate = zxcvbn::zxcvbn(&plain[..end], &known);
    if u8::from(estimate.score()) >= MIN_PASSWORD_SCORE {
        return Ok(());
    }
    let mut reasons: Vec<String> = Vec::new();
    if let Some(feedback) = estimate.feedback() {
        reasons.extend(feedback.warning().map(|w| sentence(&w.to_string())));
        reasons.extend(
            feedback
                .suggestions()
                .iter()
                .map(|s| sentence(&s.to_string())),
        );
    }
    if reasons.is_empty() {
        reasons.push("Add another word or two. Uncommon words are better.".to_owned());
    }
    Err(PasswordError::Guessable {
        reason: reasons.join(" "),
    })
}

/// The estimator's phrase as a sentence ending in a full stop.
fn sentence(phrase: &str) -> String {
    let phrase = phrase.trim();
    if phrase.ends_with(['.', '!', '?']) {
        phrase.to_owned()
    } else {
        format!("{phrase}.")
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

    const EMAIL: &str = "quenwick.zorblatt@csirt-at.example.org";

    fn refusal(plain: &str) -> String {
        Password::parse(plain, EMAIL)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn short_and_blank_passwords_are_refused() {
        assert_eq!(
            Password::parse("eleven char", EMAIL).err(),
            Some(PasswordError::TooShort)
        );
        assert_eq!(
            Password::parse("            ", EMAIL).err(),
            Some(PasswordError::Blank)
        );
        assert_eq!(
            Password::parse(&"x".repeat(1025), EMAIL).err(),
            Some(PasswordError::TooLong)
        );
        // Characters, not bytes: twelve letters that are not a pattern are enough.
        assert!(Password::parse("üßöäÖqzkÿþðæ", EMAIL).is_ok());
    }

    #[test]
    fn long_but_guessable_passwords_are_refused_saying_why() {
        let repeated = refusal("aaaaaaaaaaaa");
        assert!(
            repeated.starts_with("the password is too easy to guess: "),
            "{repeated}"
        );
        assert!(repeated.contains("Repeats like"), "{repeated}");
        let common = refusal("password1234");
        assert!(
            common.starts_with("the password is too easy to guess: "),
            "{common}"
        );
        assert!(common.contains("common"), "{common}");
        assert!(!refusal("qwertyuiopasdf").is_empty(), "a keyboard row");
        assert!(!refusal("1234567890123").is_empty(), "a sequence");
    }

    #[test]
    fn a_password_made_of_the_accounts_address_is_refused() {
        let own = "QuenwickZorblatt";
        assert!(
            Password::parse(own, "someone.else@example.org").is_ok(),
            "strong for anybody else"
        );
        let reason = refusal(own);
        assert!(
            reason.starts_with("the password is too easy to guess: "),
            "{reason}"
        );
        assert!(!refusal("quenwick.zorblatt").is_empty());
        assert!(!refusal("Quenwick.Zorblatt!").is_empty());
    }

    #[test]
    fn random_passphrases_and_long_passwords_pass_quickly() {
        for plain in [
            "correct horse battery staple",
            "velvet quarry mosaic tundra",
            "admin password for tests",
            "a long passphrase for the analyst",
            "a long enough passphrase",
            "another long passphrase",
        ] {
            assert!(Password::parse(plain, EMAIL).is_ok(), "{plain}");
        }
        // Only the first 100 characters are estimated, so a long password costs no more.
        let long = format!("velvet quarry mosaic tundra {}", "z".repeat(990));
        assert!(Password::parse(&long, EMAIL).is_ok());
    }

    #[test]
    fn a_hash_is_argon2id_salted_and_verifies_only_its_password() {
        let password = Password::parse("correct horse battery", EMAIL).expect("a valid password");
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
        assert!(has_password(&a));
    }

    #[test]
    fn an_account_without_a_password_matches_none() {
        assert!(!has_password(NO_PASSWORD));
        for plain in ["", NO_PASSWORD, "!no password set", "correct horse battery"] {
            assert!(!verify_password(plain, NO_PASSWORD), "{plain}");
        }
    }

    #[test]
    fn the_password_is_not_printed_in_logs() {
        let password = Password::parse("correct horse battery", EMAIL).expect("a valid password");
        assert_eq!(format!("{password:?}"), "Password(…)");
    }
}
