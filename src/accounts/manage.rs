//! Creating and disabling accounts, assigning campaigns and issuing API tokens; each is
//! audited in the transaction that makes the change.

use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::ids::CampaignId;
use crate::storage::analysts::{self, AnalystRow};
use crate::storage::api_tokens;
use crate::storage::{DbConn, StorageError, now, password_links, write_transaction};

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
    actor: &Actor,
) -> Result<AnalystRow, AccountError> {
    let email = parse_email(email)?;
    if analysts::find_by_email(conn, &email)?.is_some() {
        return Err(AccountError::DuplicateEmail(email));
    }
    // Hashed before the transaction, which holds SQLite's write lock.
    let hash = hash_password(password)?;
    write_transaction(conn, |conn| {
        let row = analysts::create_analyst(conn, &email, &hash, role).map_err(|e| match e {
            StorageError::Conflict(_) => AccountError::DuplicateEmail(email.clone()),
            other => other.into(),
        })?;
        let subject = AuditSubject::Analyst(row.email.clone());
        let create = AuditAction::AnalystCreate;
        audit::record(conn, actor, create, &subject, Some(role.as_str()))?;
        Ok(row)
    })
}

/// Disables the account with this address: it can no longer log in, and its sessions, API
/// tokens and password links stop working. Returns the account as it now is. An admin
/// cannot disable their own account.
pub fn disable_analyst(
    conn: &mut DbConn,
    email: &str,
    actor: &Actor,
) -> Result<AnalystRow, AccountError> {
    let row = existing(conn, email)?;
    if *actor == Actor::Analyst(row.email.clone()) {
        return Err(AccountError::OwnAccount);
    }
    write_transaction(conn, |conn| {
        let disabled = analysts::disable_analyst(conn, row.id)?;
        for token in api_tokens::tokens_of(conn, row.id)? {
            api_tokens::revoke_api_token(conn, token.id)?;
        }
        password_links::void_others(conn, row.id, None, now())?;
        let subject = AuditSubject::Analyst(row.email.clone());
        audit::record(conn, actor, AuditAction::AnalystDisable, &subject, None)?;
        Ok(disabled)
    })
}

/// Allows (or, with `allowed` false, forbids) the analyst with this address to create
/// campaigns; audited even when nothing changes, as every deliberate grant is. Returns the
/// account as it now is.
pub fn allow_campaign_creation(
    conn: &mut DbConn,
    email: &str,
    allowed: bool,
    actor: &Actor,
) -> Result<AnalystRow, AccountError> {
    let row = existing(conn, email)?;
    write_transaction(conn, |conn| {
        let changed = analysts::set_may_create_campaigns(conn, row.id, allowed)?;
        let subject = AuditSubject::Analyst(row.email.clone());
        let action = if allowed {
            AuditAction::AnalystAllowCreate
        } else {
            AuditAction::AnalystDisallowCreate
        };
        audit::record(conn, actor, action, &subject, None)?;
        Ok(changed)
    })
}

/// Lets the analyst with this address see a campaign.
pub fn assign_campaign(
    conn: &mut DbConn,
    email: &str,
    campaign_id: i64,
    actor: &Actor,
) -> Result<(), AccountError> {
    let row = existing(conn, email)?;
    write_transaction(conn, |conn| {
        analysts::assign_campaign(conn, row.id, campaign_id).map_err(|e| match e {
            StorageError::NotFound {
                what: "campaign", ..
            } => AccountError::UnknownCampaign(campaign_id),
            other => other.into(),
        })?;
        let subject = AuditSubject::Campaign(CampaignId(campaign_id));
        let assign = AuditAction::CampaignAssign;
        audit::record(conn, actor, assign, &subject, Some(&row.email))?;
        Ok(())
    })
}

/// Makes the account with this address a reviewer of a campaign's responses (assigning
/// the campaign first when it is not assigned yet), or, with `reviewer` false, no longer
/// one (a campaign not assigned stays so). Audited even when nothing changes, as every
/// deliberate grant is. An admin too reviews only the campaigns assigned to them this way.
pub fn set_campaign_reviewer(
    conn: &mut DbConn,
    email: &str,
    campaign_id: i64,
    reviewer: bool,
    actor: &Actor,
) -> Result<(), AccountError> {
    let row = existing(conn, email)?;
    write_transaction(conn, |conn| {
        if reviewer {
            analysts::assign_campaign(conn, row.id, campaign_id).map_err(|e| match e {
                StorageError::NotFound {
                    what: "campaign", ..
                } => AccountError::UnknownCampaign(campaign_id),
                other => other.into(),
            })?;
        }
        if !analysts::set_reviewer(conn, row.id, campaign_id, reviewer)? {
            // Not assigned, so no reviewer either: nothing changed, nothing to audit; but
            // a campaign that does not exist is named as such.
            return match crate::storage::campaigns::get_campaign(conn, campaign_id) {
                Err(StorageError::NotFound { .. }) => {
                    Err(AccountError::UnknownCampaign(campaign_id))
                }
                other => other.map(|_| ()).map_err(AccountError::from),
            };
        }
        let subject = AuditSubject::Campaign(CampaignId(campaign_id));
        let word = if reviewer { "reviewer" } else { "not reviewer" };
        let detail = format!("{} {word}", row.email);
        audit::record(
            conn,
            actor,
            AuditAction::CampaignReviewer,
            &subject,
            Some(&detail),
        )?;
        Ok(())
    })
}

/// Takes a campaign from the analyst with this address; returns the account, and whether
/// it had the campaign (only then is the change audited).
pub fn unassign_campaign(
    conn: &mut DbConn,
    email: &str,
    campaign_id: i64,
    actor: &Actor,
) -> Result<(AnalystRow, bool), AccountError> {
    let row = existing(conn, email)?;
    write_transaction(conn, |conn| {
        let removed = analysts::unassign_campaign(conn, row.id, campaign_id)?;
        if removed {
            let subject = AuditSubject::Campaign(CampaignId(campaign_id));
            let unassign = AuditAction::CampaignUnassign;
            audit::record(conn, actor, unassign, &subject, Some(&row.email))?;
        }
        Ok((row, removed))
    })
}

/// The account with this id.
pub fn account(conn: &mut DbConn, id: i64) -> Result<AnalystRow, AccountError> {
    analysts::get_analyst(conn, id).map_err(|e| match e {
        StorageError::NotFound { .. } => AccountError::UnknownAnalystId(id),
        other => other.into(),
    })
}

pub(super) fn existing(conn: &mut DbConn, email: &str) -> Result<AnalystRow, AccountError> {
    analysts::find_by_email(conn, email)?
        .ok_or_else(|| AccountError::UnknownAnalyst(analysts::normalise_email(email)))
}
