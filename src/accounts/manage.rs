//! Creating accounts, assigning campaigns and issuing API tokens; each is audited.

use crate::storage::analysts::{self, AnalystRow};
use crate::storage::api_tokens::{IssuedToken, create_api_token};
use crate::storage::{DbConn, StorageError, audit};

use super::{AccountError, Password, Role, hash_password};

/// The stored form of an e-mail address (trimmed, lower-case), if it looks like one.
pub fn parse_email(email: &str) -> Result<String, AccountError> {
    let normal = analysts::normalise_email(email);
    let plausible = normal.len() <= 254
        && !normal.chars().any(|c| c.is_whitespace() || c.is_control())
        && normal.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && !domain.is_empty() && !domain.contains('@')
        });
    if plausible {
        Ok(normal)
    } else {
        Err(AccountError::InvalidEmail(email.to_owned()))
    }
}

/// Creates an account with a hashed password; `actor` is who did it, for the audit log.
pub fn add_analyst(
    conn: &mut DbConn,
    email: &str,
    password: &Password,
    role: Role,
    actor: &str,
) -> Result<AnalystRow, AccountError> {
    let email = parse_email(email)?;
    if analysts::find_by_email(conn, &email)?.is_some() {
        return Err(AccountError::DuplicateEmail(email));
    }
    let hash = hash_password(password)?;
    let row = analysts::create_analyst(conn, &email, &hash, role).map_err(|e| match e {
        StorageError::Conflict(_) => AccountError::DuplicateEmail(email.clone()),
        other => other.into(),
    })?;
    audit::append(
        conn,
        actor,
        "analyst.create",
        &row.email,
        Some(role.as_str()),
    )?;
    Ok(row)
}

/// Lets the analyst with this address see a campaign.
pub fn assign_campaign(
    conn: &mut DbConn,
    email: &str,
    campaign_id: i64,
    actor: &str,
) -> Result<(), AccountError> {
    let row = existing(conn, email)?;
    analysts::assign_campaign(conn, row.id, campaign_id).map_err(|e| match e {
        StorageError::NotFound {
            what: "campaign", ..
        } => AccountError::UnknownCampaign(campaign_id),
        other => other.into(),
    })?;
    let subject = format!("campaign:{campaign_id}");
    audit::append(conn, actor, "campaign.assign", &subject, Some(&row.email))?;
    Ok(())
}

/// A new API token for the analyst with this address; the plain token is in the result
/// and nowhere else.
pub fn issue_api_token(
    conn: &mut DbConn,
    email: &str,
    name: &str,
    actor: &str,
) -> Result<IssuedToken, AccountError> {
    let row = existing(conn, email)?;
    let issued = create_api_token(conn, row.id, name.trim())?;
    let subject = format!("api_token:{}", issued.row.id);
    audit::append(conn, actor, "api_token.create", &subject, Some(&row.email))?;
    Ok(issued)
}

fn existing(conn: &mut DbConn, email: &str) -> Result<AnalystRow, AccountError> {
    analysts::find_by_email(conn, email)?
        .ok_or_else(|| AccountError::UnknownAnalyst(analysts::normalise_email(email)))
}
