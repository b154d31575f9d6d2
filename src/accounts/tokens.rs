//! API tokens: issuing one (its plain value shown once) and revoking one, each audited in
//! the transaction that makes the change.

use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::storage::api_tokens::{self, ApiToken, IssuedToken, create_api_token};
use crate::storage::{DbConn, write_transaction};
use crate::text::Label;

use super::AccountError;
use super::manage::existing;

/// A new API token for the analyst with this address, named `name` (a label: at most 200
/// characters, no control characters); the plain token is in the result and nowhere else.
pub fn issue_api_token(
    conn: &mut DbConn,
    email: &str,
    name: &str,
    actor: &Actor,
) -> Result<IssuedToken, AccountError> {
    let name = Label::parse(name)?;
    let row = existing(conn, email)?;
    write_transaction(conn, |conn| {
        let issued = create_api_token(conn, row.id, name.as_str())?;
        let subject = AuditSubject::ApiToken(issued.row.id);
        let create = AuditAction::ApiTokenCreate;
        audit::record(conn, actor, create, &subject, Some(&row.email))?;
        Ok(issued)
    })
}

/// Revokes the token `token_id` of the account `analyst_id` (a token of another account
/// is [`AccountError::UnknownToken`]); returns the token as it now is. Revoking a token
/// already revoked changes nothing and is not audited again.
pub fn revoke_api_token(
    conn: &mut DbConn,
    analyst_id: i64,
    token_id: i64,
    actor: &Actor,
) -> Result<ApiToken, AccountError> {
    let owner = super::account(conn, analyst_id)?;
    write_transaction(conn, |conn| {
        let token = api_tokens::token_of(conn, analyst_id, token_id)?
            .ok_or(AccountError::UnknownToken(token_id))?;
        if api_tokens::revoke_api_token(conn, token.id)? {
            let subject = AuditSubject::ApiToken(token.id);
            let revoke = AuditAction::ApiTokenRevoke;
            audit::record(conn, actor, revoke, &subject, Some(&owner.email))?;
        }
        api_tokens::token_of(conn, analyst_id, token_id)?
            .ok_or(AccountError::UnknownToken(token_id))
    })
}
