//! The demo analyst: an admin account whose password is made afresh at every demo start,
//! since only its hash is stored.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;

use crate::accounts::{Password, Role, hash_password};
use crate::storage::{DbConn, StorageError, analysts};

/// The demo analyst's address.
pub const EMAIL: &str = "analyst@demo.example.org";

/// Creates the demo analyst if needed, gives it a new password and returns that password.
pub fn reset(conn: &mut DbConn) -> Result<String, StorageError> {
    let (plain, password) = fresh_password()?;
    let hash = hash_password(&password).map_err(|e| StorageError::Corrupt(e.to_string()))?;
    match analysts::find_by_email(conn, EMAIL)? {
        Some(row) => analysts::set_password_hash(conn, row.id, &hash)?,
        None => {
            analysts::create_analyst(conn, EMAIL, &hash, Role::Admin)?;
        }
    }
    Ok(plain)
}

/// 16 random characters; drawn again in the (astronomically unlikely) case the strength
/// estimate refuses them.
fn fresh_password() -> Result<(String, Password), StorageError> {
    fresh_password_for(EMAIL)
}

/// A fresh password for the demo account `email`.
pub(super) fn fresh_password_for(email: &str) -> Result<(String, Password), StorageError> {
    let mut last = None;
    for _ in 0..8 {
        let mut bytes = [0u8; 12];
        rand::rng().fill_bytes(&mut bytes);
        let plain = URL_SAFE_NO_PAD.encode(bytes);
        match Password::parse(&plain, email) {
            Ok(password) => return Ok((plain, password)),
            Err(e) => last = Some(e),
        }
    }
    Err(StorageError::Corrupt(
        last.map(|e| e.to_string()).unwrap_or_default(),
    ))
}
