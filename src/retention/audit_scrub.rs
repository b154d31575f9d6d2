//! Erasing participants from the audit log, which must go on saying what was done.
//!
//! No entry Liaison writes today names a participant (imports and revocations record
//! counts and ids), but an address can reach it anyway: a participant who tries to log in
//! with their own address leaves it as the subject of a `login.failed`. So every entry
//! holding one of the campaign's participants' addresses, in any letter case, has it
//! replaced by [`ERASED`], and so has every participant's name in the entries about the
//! campaign, its invitations and its responses. An address that is also an analyst's
//! stays: it belongs to that account, whose history the log keeps. Only subjects and
//! details change; who acted, what and when stay.

use std::collections::BTreeMap;

use crate::storage::audit::AuditEntry;
use crate::storage::retention::{self as stored, PersonalRow};
use crate::storage::{DbConn, StorageError};

/// What an erased address or name reads as in the log.
pub const ERASED: &str = "[erased]";

/// Rewrites the entries that name the campaign's participants; how many changed.
pub(super) fn scrub(
    conn: &mut DbConn,
    campaign: i64,
    people: &[PersonalRow],
    invitations: &[i64],
    responses: &[(i64, String, String)],
) -> Result<usize, StorageError> {
    let analysts = stored::analyst_emails(conn)?;
    let emails: Vec<String> = people
        .iter()
        .map(|p| p.email.to_lowercase())
        .filter(|e| !analysts.contains(e))
        .collect();
    let names: Vec<&str> = people
        .iter()
        .map(|p| p.name.trim())
        .filter(|n| !n.is_empty())
        .collect();
    // Entry id → (entry, whether names are erased from it too).
    let mut found: BTreeMap<i64, (AuditEntry, bool)> = BTreeMap::new();
    for email in &emails {
        for entry in stored::audit_mentioning(conn, email)? {
            found.entry(entry.id).or_insert((entry, false));
        }
    }
    let subjects: Vec<String> = std::iter::once(format!("campaign:{campaign}"))
        .chain(invitations.iter().map(|id| format!("invitation:{id}")))
        .chain(responses.iter().map(|(id, _, _)| format!("response:{id}")))
        .collect();
    for entry in stored::audit_about(conn, &subjects)? {
        found.entry(entry.id).or_insert((entry.clone(), true)).1 = true;
    }
    let mut changed = 0;
    for (entry, about) in found.into_values() {
        let erase = |text: &str| {
            let mut text = emails
                .iter()
                .fold(text.to_owned(), |t, e| replace_ignoring_case(&t, e));
            if about {
                for name in &names {
                    text = text.replace(name, ERASED);
                }
            }
            text
        };
        let subject = erase(&entry.subject);
        let detail = entry.detail.as_deref().map(erase);
        if subject != entry.subject || detail != entry.detail {
            stored::rewrite_audit_entry(conn, entry.id, &subject, detail.as_deref())?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// `text` with every occurrence of `needle` (lower case; compared ignoring ASCII case)
/// replaced by [`ERASED`].
fn replace_ignoring_case(text: &str, needle: &str) -> String {
    if needle.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let hit = rest.len() >= needle.len()
            && rest.is_char_boundary(needle.len())
            && rest[..needle.len()].eq_ignore_ascii_case(needle);
        if hit {
            out.push_str(ERASED);
            rest = &rest[needle.len()..];
        } else {
            let mut chars = rest.chars();
            if let Some(c) = chars.next() {
                out.push(c);
            }
            rest = chars.as_str();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_erased_in_any_letter_case_and_nothing_else() {
        assert_eq!(
            replace_ignoring_case(
                "tried Desk@CERT.example.org, then desk@cert.example.org",
                "desk@cert.example.org"
            ),
            "tried [erased], then [erased]"
        );
        assert_eq!(
            replace_ignoring_case("désk@x.org and desk@x.org", "desk@x.org"),
            "désk@x.org and [erased]"
        );
        assert_eq!(replace_ignoring_case("campaign:4", ""), "campaign:4");
    }
}
