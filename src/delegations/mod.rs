//! Delegation inside an organisation: the invited contact hands chosen sections of their
//! response to a colleague, who answers them through a personal link of their own; the
//! contact sees who answers what, can take sections back, and alone submits.
//!
//! Every rule is decided here, on the server: which sections may be handed out (not one
//! already with an open colleague), to whom (a plausible address, not the contact's own),
//! while the response is a draft; and which link still opens anything (an open delegation:
//! not done, taken back or closed by the submit). Each delegation and its mail are written
//! in one transaction.

use chrono::NaiveDateTime;

use crate::invitations::{Token, hash_token};
use crate::mail::{self, DelegationMail, MailError, OutboxKind};
use crate::questionnaire::Questionnaire;
use crate::responses::ResponseState;
use crate::storage::delegations::{self as stored, Delegation, NewDelegation};
use crate::storage::outbox::{self, NewOutboxMail};
use crate::storage::{DbConn, StorageError, write_transaction};

/// Why a delegation was refused: each names the form field it concerns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the address does not look like an e-mail address")]
    BadEmail,
    #[error("the address is the contact's own")]
    OwnAddress,
    #[error("no section was chosen")]
    NoSection,
    #[error("the questionnaire has no section {0}")]
    UnknownSection(usize),
    /// The 1-based number of a section an open delegation already holds.
    #[error("section {0} is already with a colleague")]
    AlreadyDelegated(usize),
    #[error("the response is no longer a draft")]
    NotDraft,
}

/// Why a delegation could not be made or changed.
#[derive(Debug, thiserror::Error)]
pub enum DelegationError {
    #[error(transparent)]
    Refused(#[from] Refusal),
    #[error("cannot write the mail: {0}")]
    Mail(#[from] MailError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

impl From<diesel::result::Error> for DelegationError {
    fn from(e: diesel::result::Error) -> Self {
        DelegationError::Storage(e.into())
    }
}

/// What the contact asks for, as the form sent it.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    pub email: &'a str,
    pub name: &'a str,
    /// 1-based section numbers.
    pub sections: &'a [usize],
}

/// The response a delegation belongs to, and what its mail says.
#[derive(Debug, Clone, Copy)]
pub struct Contact<'a> {
    pub invitation_id: i64,
    /// The contact's own address, which they may not delegate to.
    pub email: &'a str,
    pub name: &'a str,
    pub organisation: &'a str,
    pub questionnaire: &'a Questionnaire,
    /// The language the contact answers in; the mail uses it.
    pub language: &'a str,
    pub campaign: &'a crate::storage::campaigns::Campaign,
    /// The service's `base_url`.
    pub base_url: &'a str,
}

/// The stored form of an address (trimmed, lower-case), if it looks like one.
fn parse_email(email: &str) -> Option<String> {
    crate::accounts::parse_email(email).ok()
}

/// The 0-based indexes of the sections an open delegation of the invitation holds.
pub fn held_sections(
    delegations: &[Delegation],
    questionnaire: &Questionnaire,
) -> Vec<(usize, i64)> {
    delegations
        .iter()
        .filter(|d| d.is_open())
        .flat_map(|d| {
            section_indexes(d, questionnaire)
                .into_iter()
                .map(move |i| (i, d.id))
        })
        .collect()
}

/// The 0-based indexes of a delegation's sections in `questionnaire`, in its order; a
/// section id the questionnaire no longer has is left out.
pub fn section_indexes(delegation: &Delegation, questionnaire: &Questionnaire) -> Vec<usize> {
    let ids = delegation.section_ids();
    questionnaire
        .sections()
        .iter()
        .enumerate()
        .filter(|(_, s)| ids.iter().any(|id| id == s.id()))
        .map(|(i, _)| i)
        .collect()
}

/// Whether the contact's response is still a draft (no response yet counts as one), read
/// in the delegation's transaction and, on PostgreSQL, locked until it ends: a submit
/// then either comes first and is seen here, or waits and closes the new delegation too.
fn still_draft(conn: &mut DbConn, invitation_id: i64) -> Result<bool, StorageError> {
    match crate::storage::responses::find_for_invitation(conn, invitation_id)? {
        None => Ok(true),
        Some(response) => {
            crate::storage::evidence::lock_editable(conn, response.id, &[ResponseState::Draft])
        }
    }
}

/// Checks `request` against the contact's response and its delegations, as they stand in
/// the caller's write transaction; the address to store and the section ids on success.
fn check(
    conn: &mut DbConn,
    contact: &Contact<'_>,
    request: &Request<'_>,
) -> Result<Result<(String, Vec<String>), Refusal>, StorageError> {
    // One delegation of a contact at a time: a second one waits here, then sees the
    // sections the first handed out.
    stored::lock_invitation(conn, contact.invitation_id)?;
    if !still_draft(conn, contact.invitation_id)? {
        return Ok(Err(Refusal::NotDraft));
    }
    let Some(email) = parse_email(request.email) else {
        return Ok(Err(Refusal::BadEmail));
    };
    if email == crate::storage::analysts::normalise_email(contact.email) {
        return Ok(Err(Refusal::OwnAddress));
    }
    if request.sections.is_empty() {
        return Ok(Err(Refusal::NoSection));
    }
    let sections = contact.questionnaire.sections();
    let held = held_sections(
        &stored::list_for_invitation(conn, contact.invitation_id)?,
        contact.questionnaire,
    );
    let mut ids = Vec::new();
    for &n in request.sections {
        let Some(section) = n.checked_sub(1).and_then(|i| sections.get(i)) else {
            return Ok(Err(Refusal::UnknownSection(n)));
        };
        if held.iter().any(|(i, _)| *i + 1 == n) {
            return Ok(Err(Refusal::AlreadyDelegated(n)));
        }
        if !ids.iter().any(|id| id == section.id()) {
            ids.push(section.id().to_owned());
        }
    }
    Ok(Ok((email, ids)))
}

/// Hands the requested sections to a colleague: the delegation and the mail with their
/// link, in one transaction, or the refusal and nothing written.
pub fn delegate(
    conn: &mut DbConn,
    contact: &Contact<'_>,
    request: &Request<'_>,
    at: NaiveDateTime,
) -> Result<Delegation, DelegationError> {
    write_transaction(conn, |conn| {
        let (email, ids) = check(conn, contact, request)??;
        let sections = serde_json::to_string(&ids)
            .map_err(|e| StorageError::Corrupt(format!("section ids: {e}")))?;
        let token = Token::generate();
        let name = request.name.trim();
        let name = (!name.is_empty()).then_some(name);
        let delegation = stored::create(
            conn,
            &NewDelegation {
                invitation_id: contact.invitation_id,
                email: &email,
                name,
                sections: &sections,
                token_hash: &token.hash(),
                created_at: at,
            },
        )?;
        queue_mail(conn, contact, &delegation, &email, &token)?;
        Ok(delegation)
    })
}

/// The link of a delegation: `{base_url}/d/{token}`, the token shown as `shown`.
pub fn link(base_url: &str, shown: &str) -> String {
    format!("{}/d/{shown}", base_url.trim_end_matches('/'))
}

fn queue_mail(
    conn: &mut DbConn,
    contact: &Contact<'_>,
    delegation: &Delegation,
    email: &str,
    token: &Token,
) -> Result<(), DelegationError> {
    let q = contact.questionnaire;
    let language = contact.language;
    let titles: Vec<String> = section_indexes(delegation, q)
        .into_iter()
        .map(|i| q.sections()[i].title().get(language).to_owned())
        .collect();
    let link = link(contact.base_url, outbox::LINK_TOKEN_PLACEHOLDER);
    let rendered = mail::render_delegation(&DelegationMail {
        language,
        colleague: delegation.name.as_deref(),
        contact: contact.name,
        organisation: contact.organisation,
        campaign_name: &contact.campaign.name,
        sender_organisation: &contact.campaign.sender_organisation,
        questionnaire_title: q.title().get(language),
        sections: &titles,
        closes_on: contact.campaign.closes_on,
        tlp: contact.campaign.tlp,
        link: &link,
    })?;
    outbox::enqueue(
        conn,
        &NewOutboxMail {
            kind: OutboxKind::Delegation,
            invitation_id: Some(contact.invitation_id),
            recipient: email,
            subject: &rendered.subject,
            body_text: &rendered.text,
            body_html: &rendered.html,
            message_id: &mail::new_message_id(contact.base_url),
            link_token: Some(token.as_str()),
        },
    )?;
    Ok(())
}

/// The open delegation a colleague's token opens; `None` for an unknown, done, taken back
/// or closed one, which callers answer alike.
pub fn open(conn: &mut DbConn, token: &str) -> Result<Option<Delegation>, StorageError> {
    Ok(stored::find_by_token_hash(conn, &hash_token(token))?.filter(Delegation::is_open))
}

/// Runs `work` (a colleague's save) in one write transaction with a check that
/// `delegation` is still open, holding it open until the save is written: `None`, and
/// nothing written, when it was taken back, finished or closed since the page was loaded.
pub fn while_open<T, E>(
    conn: &mut DbConn,
    delegation: &Delegation,
    work: impl FnOnce(&mut DbConn) -> Result<T, E>,
) -> Result<Option<T>, E>
where
    E: From<diesel::result::Error> + From<StorageError>,
{
    write_transaction(conn, |conn| {
        if !stored::lock_open(conn, delegation.id)? {
            return Ok(None);
        }
        work(conn).map(Some)
    })
}

/// Takes back delegation `id` of the contact's invitation: its link stops working at once.
/// Whether it was open.
pub fn take_back(
    conn: &mut DbConn,
    invitation_id: i64,
    id: i64,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    stored::revoke(conn, invitation_id, id, at)
}

/// The colleague says they have finished: the delegation is done and its link stops
/// working. Whether it was open.
pub fn finish(
    conn: &mut DbConn,
    delegation: &Delegation,
    at: NaiveDateTime,
) -> Result<bool, StorageError> {
    stored::mark_done(conn, delegation.invitation_id, delegation.id, at)
}

/// Closes every open delegation of the invitation: run in the submit's transaction.
pub fn close_all(
    conn: &mut DbConn,
    invitation_id: i64,
    at: NaiveDateTime,
) -> Result<usize, StorageError> {
    stored::close_open(conn, invitation_id, at)
}

/// Where a delegation stands, as the contact's page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Open; the colleague has not saved an answer yet.
    Invited,
    /// Open, and the colleague has saved answers.
    Answering,
    Done,
    TakenBack,
    /// Closed by the contact's submit before the colleague finished.
    Closed,
}

/// Where `delegation` stands; `answered` says whether its colleague saved answers.
pub fn standing(delegation: &Delegation, answered: bool) -> Standing {
    if delegation.revoked_at.is_some() {
        Standing::TakenBack
    } else if delegation.done_at.is_some() {
        Standing::Done
    } else if delegation.closed_at.is_some() {
        Standing::Closed
    } else if answered {
        Standing::Answering
    } else {
        Standing::Invited
    }
}
