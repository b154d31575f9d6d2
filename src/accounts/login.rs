//! Logging in and out, and turning a session cookie or an API token into an [`Analyst`].

use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::storage::analysts::{self, AnalystRow};
use crate::storage::sessions::{self, NewSession};
use crate::storage::{DbConn, StorageError, api_tokens, now};

use super::{
    AccountError, Analyst, MAX_PASSWORD_CHARS, dummy_verify, has_password, verify_password,
};

/// A successful login: who, and the session to put in their cookie.
#[derive(Debug)]
pub struct Login {
    pub analyst: Analyst,
    pub session: NewSession,
}

/// Checks an address and password; on success starts a session. `client` (an address)
/// goes to the audit log, which records success and failure alike.
///
/// Unknown addresses, disabled accounts and wrong passwords all give `Ok(None)` after the
/// same argon2 work, so neither the answer nor its timing tells whether an account exists.
pub fn log_in(
    conn: &mut DbConn,
    email: &str,
    password: &str,
    client: &str,
) -> Result<Option<Login>, AccountError> {
    let email = analysts::normalise_email(email);
    // No account's address holds a control character, and PostgreSQL cannot even compare
    // text holding NUL: such an address is unknown without asking the database.
    let found = if email.chars().any(char::is_control) {
        None
    } else {
        analysts::find_by_email(conn, &email)?
    };
    let accepted = match &found {
        // An account still waiting for its password costs the same work as any other.
        Some(row) if row.disabled_at.is_none() && has_password(&row.password_hash) => {
            verify_password(password, &row.password_hash)
        }
        _ => dummy_verify(password),
    };
    let row = match found {
        Some(row) if accepted => row,
        _ => {
            let tried = AuditSubject::Analyst(email.chars().take(254).collect());
            let failed = AuditAction::LoginFailed;
            audit::record(conn, &Actor::Anonymous, failed, &tried, Some(client))?;
            return Ok(None);
        }
    };
    // Logins are rare enough to tidy up after: expired sessions go here.
    sessions::delete_expired_sessions(conn, now())?;
    let session = sessions::create_session(conn, row.id, now())?;
    let (actor, subject) = actor_and_subject(&row);
    audit::record(conn, &actor, AuditAction::Login, &subject, Some(client))?;
    let analyst = principal(conn, &row)?;
    Ok(Some(Login { analyst, session }))
}

/// Ends the session `token` is, if any, and says so in the audit log.
pub fn log_out(conn: &mut DbConn, token: &str, client: &str) -> Result<(), StorageError> {
    if let Some(row) = sessions::find_session_analyst(conn, token, now())? {
        sessions::delete_session(conn, token)?;
        let (actor, subject) = actor_and_subject(&row);
        audit::record(conn, &actor, AuditAction::Logout, &subject, Some(client))?;
    }
    Ok(())
}

/// The analyst whose valid session `token` is.
pub fn analyst_for_session(
    conn: &mut DbConn,
    token: &str,
) -> Result<Option<Analyst>, StorageError> {
    match sessions::find_session_analyst(conn, token, now())? {
        Some(row) => Ok(Some(principal(conn, &row)?)),
        None => Ok(None),
    }
}

/// The analyst a valid API token belongs to; marks the token used.
pub fn analyst_for_api_token(
    conn: &mut DbConn,
    token: &str,
) -> Result<Option<Analyst>, StorageError> {
    // A token is 43 characters; anything far longer is not worth hashing.
    if token.len() > MAX_PASSWORD_CHARS {
        return Ok(None);
    }
    match api_tokens::find_valid_token(conn, token)? {
        Some((stored, row)) => {
            api_tokens::touch_api_token(conn, stored.id, now())?;
            Ok(Some(principal(conn, &row)?))
        }
        None => Ok(None),
    }
}

/// An analyst logging in or out acts on their own account.
fn actor_and_subject(row: &AnalystRow) -> (Actor, AuditSubject) {
    (
        Actor::Analyst(row.email.clone()),
        AuditSubject::Analyst(row.email.clone()),
    )
}

fn principal(conn: &mut DbConn, row: &AnalystRow) -> Result<Analyst, StorageError> {
    let analyst = Analyst::new(row, analysts::campaigns_of(conn, row.id)?);
    if crate::storage::peer_review::peer_reviewer(conn, row.id)?.is_some() {
        return Ok(analyst.as_peer_reviewer());
    }
    Ok(analyst)
}
