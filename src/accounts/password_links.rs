//! Accounts that start without a password: an admin adds one (or sends a new link to an
//! existing one), a one-time link goes out by mail through the outbox, and the person
//! chooses their password on the link's page. No password ever travels by mail.
//!
//! The link's token is stored only as a hash (`password_links`); the token itself waits
//! in the outbox row beside its mail, as an invitation's does, and is gone once the mail
//! is sent. A link works once, for [`PASSWORD_LINK_LIFETIME`]; using one voids the
//! account's other links, and so does sending a newer one.

use chrono::Duration;

use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::mail::{self, OutboxKind, PasswordLinkMail};
use crate::storage::analysts::{self, AnalystRow};
use crate::storage::outbox::{self, LINK_TOKEN_PLACEHOLDER, NewOutboxMail};
use crate::storage::{DbConn, StorageError, now, password_links, sessions, write_transaction};

use super::{AccountError, NO_PASSWORD, Password, Role, hash_password, parse_email};

/// How long a password link works after it is made.
pub const PASSWORD_LINK_LIFETIME: Duration = Duration::hours(72);

/// The page a link leads to: `{base_url}/password/{token}`.
pub const PASSWORD_LINK_PATH: &str = "/password/";

/// A new account, as an admin asks for it.
#[derive(Debug, Clone, Copy)]
pub struct NewAccount<'a> {
    pub email: &'a str,
    pub role: Role,
    /// Whether an analyst may create campaigns from the start.
    pub may_create_campaigns: bool,
}

/// Creates an account without a usable password and queues the mail with its link, in
/// one transaction: the account, its permission, the link, the mail and their audit
/// entries stand or fall together. `base_url` is the service's public address.
pub fn invite_analyst(
    conn: &mut DbConn,
    account: &NewAccount<'_>,
    actor: &Actor,
    base_url: &str,
) -> Result<AnalystRow, AccountError> {
    let email = parse_email(account.email)?;
    if analysts::find_by_email(conn, &email)?.is_some() {
        return Err(AccountError::DuplicateEmail(email));
    }
    write_transaction(conn, |conn| {
        let row = analysts::create_analyst(conn, &email, NO_PASSWORD, account.role).map_err(
            |e| match e {
                StorageError::Conflict(_) => AccountError::DuplicateEmail(email.clone()),
                other => other.into(),
            },
        )?;
        let subject = AuditSubject::Analyst(row.email.clone());
        let role = Some(account.role.as_str());
        audit::record(conn, actor, AuditAction::AnalystCreate, &subject, role)?;
        let row = if account.may_create_campaigns && account.role == Role::Analyst {
            let allowed = analysts::set_may_create_campaigns(conn, row.id, true)?;
            audit::record(conn, actor, AuditAction::AnalystAllowCreate, &subject, None)?;
            allowed
        } else {
            row
        };
        queue_link(conn, &row, true, actor, base_url)?;
        Ok(row)
    })
}

/// Sends a new link to an enabled account (one that has not set its password yet, or
/// forgot it); earlier links stop working. A password already set keeps working until
/// the link is used.
pub fn send_password_link(
    conn: &mut DbConn,
    analyst_id: i64,
    actor: &Actor,
    base_url: &str,
) -> Result<AnalystRow, AccountError> {
    let row = super::account(conn, analyst_id)?;
    if row.disabled_at.is_some() {
        return Err(AccountError::Disabled(row.email));
    }
    write_transaction(conn, |conn| {
        queue_link(conn, &row, false, actor, base_url)?;
        Ok(row)
    })
}

/// The account a link would set the password of, if the link still works.
pub fn password_link_account(
    conn: &mut DbConn,
    token: &str,
) -> Result<Option<AnalystRow>, AccountError> {
    if token.len() > super::MAX_PASSWORD_CHARS {
        return Ok(None);
    }
    Ok(password_links::find_usable(conn, token, now())?.map(|(_, row)| row))
}

/// Sets the password of the link's account and uses the link up: its other links are
/// voided, its sessions end, and the change is audited, all in one transaction.
///
/// An unknown, used, voided or expired link, or one of a disabled account, is
/// [`AccountError::UnusableLink`], the same for each. A password that breaks the rules
/// is refused before anything changes, so the link still works.
pub fn set_password_with_link(
    conn: &mut DbConn,
    token: &str,
    plain: &str,
) -> Result<AnalystRow, AccountError> {
    if token.len() > super::MAX_PASSWORD_CHARS {
        return Err(AccountError::UnusableLink);
    }
    let (link, row) =
        password_links::find_usable(conn, token, now())?.ok_or(AccountError::UnusableLink)?;
    let password = Password::parse(plain, &row.email)?;
    // Hashed before the transaction, which holds SQLite's write lock.
    let hash = hash_password(&password)?;
    write_transaction(conn, |conn| {
        let at = now();
        if !password_links::mark_used(conn, link.id, at)? {
            return Err(AccountError::UnusableLink);
        }
        analysts::set_password_hash(conn, row.id, &hash)?;
        password_links::void_others(conn, row.id, Some(link.id), at)?;
        sessions::delete_sessions_of(conn, row.id)?;
        let actor = Actor::Analyst(row.email.clone());
        let subject = AuditSubject::Analyst(row.email.clone());
        audit::record(conn, &actor, AuditAction::PasswordSet, &subject, None)?;
        Ok(row)
    })
}

/// Makes a link for `row`, voids its earlier ones, queues its mail and audits the sending;
/// inside the caller's transaction.
fn queue_link(
    conn: &mut DbConn,
    row: &AnalystRow,
    new_account: bool,
    actor: &Actor,
    base_url: &str,
) -> Result<(), AccountError> {
    let at = now();
    let link = password_links::create(conn, row.id, at, PASSWORD_LINK_LIFETIME)?;
    password_links::void_others(conn, row.id, Some(link.row.id), at)?;
    let address = format!(
        "{}{PASSWORD_LINK_PATH}{LINK_TOKEN_PLACEHOLDER}",
        base_url.trim_end_matches('/')
    );
    let rendered = mail::render_password_link(&PasswordLinkMail {
        recipient: &row.email,
        sent_by: actor,
        role: row.role.as_str(),
        new_account,
        base_url,
        link: &address,
        expires_at: link.row.expires_at,
    })
    .map_err(|e| AccountError::Mail(e.to_string()))?;
    outbox::enqueue(
        conn,
        &NewOutboxMail {
            kind: OutboxKind::PasswordLink,
            invitation_id: None,
            recipient: &row.email,
            subject: &rendered.subject,
            body_text: &rendered.text,
            body_html: &rendered.html,
            message_id: &mail::new_message_id(base_url),
            link_token: Some(&link.token),
        },
    )?;
    let subject = AuditSubject::Analyst(row.email.clone());
    let expires = link.row.expires_at.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let detail = format!("expires {expires}");
    audit::record(
        conn,
        actor,
        AuditAction::PasswordLinkSend,
        &subject,
        Some(&detail),
    )?;
    Ok(())
}
