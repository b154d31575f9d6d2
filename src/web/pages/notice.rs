//! The notice a page shows once after a redirect ("Invitations queued: 2.", "Your answers
//! are saved."), carried by a short-lived cookie that the server signs.
//!
//! The cookie holds a typed [`Notice`] and a fingerprint of the one path it is for, signed
//! with HMAC-SHA256 (the `cookie` crate's signed jar, which actix-web re-exports) under a key
//! derived from the `notices` row of `signing_keys`, so every instance and restart accept it.
//! A cookie that is altered, forged or meant for another page shows nothing; the page that
//! shows a notice removes the cookie, so a reload shows it no more. The words are the
//! server's own, chosen by the variant: nothing of the request is ever shown.

use std::future::{Ready, ready};

use actix_web::cookie::time::Duration;
use actix_web::cookie::{Cookie, CookieJar, Key, SameSite};
use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::storage::signing_keys::SigningKey;
use crate::web::WebError;

/// The cookie's name.
const COOKIE: &str = "liaison_notice";

/// Long enough to follow a redirect, short enough not to surprise anyone later.
const LIFETIME: Duration = Duration::minutes(5);

/// What the last action did, as the next page tells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// A respondent saved a section for later.
    Saved,
    /// A respondent submitted the response.
    Submitted,
    /// An analyst logged out.
    LoggedOut,
    /// The dashboard queued invitations.
    Invited {
        queued: usize,
        already_invited: usize,
    },
    /// The dashboard queued reminders; `skipped` were not reminded.
    Reminded { queued: usize, skipped: usize },
    /// The dashboard closed the campaign.
    Closed,
    /// The create page created the campaign whose dashboard shows this.
    Created,
    /// The campaign's invitation and reminder text was saved.
    MailTextSaved,
    /// A dashboard form was refused; the page shows why beside the field.
    Refused { problem: Refusal },
    /// The participants page imported a list.
    ParticipantsImported {
        added: usize,
        already_present: usize,
    },
    /// The participants page added one participant, or found the address already there.
    ParticipantAdded { already_present: bool },
    /// The participants page revoked an invitation.
    InvitationRevoked,
    /// A revoke form of the participants page came without its box ticked; the page
    /// shows why beside that participant's box.
    RevokeUnconfirmed { participant: i64 },
    /// An accounts page changed an account (or one's own tokens).
    Account { change: AccountChange },
    /// A password was set through a one-time link; the login page says so.
    PasswordSet,
    /// A respondent saved the evidence of an answer (its note, files added).
    EvidenceSaved,
    /// A respondent removed a file from the evidence of an answer.
    EvidenceFileRemoved,
    /// A reviewer took a decision on the response whose page shows this: accepted it, or
    /// sent it back with `flagged` answers to change.
    Reviewed { accepted: bool, flagged: usize },
}

/// What an accounts page did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountChange {
    /// The account was added and the mail with its password link queued.
    Added,
    /// A new password link was queued.
    LinkSent,
    Disabled,
    Assigned,
    /// The campaign was taken away (or was not assigned).
    Unassigned,
    CreationAllowed,
    CreationDisallowed,
    TokenRevoked,
    /// The account now reviews the campaign's responses.
    ReviewerSet,
    /// The account no longer reviews the campaign's responses.
    ReviewerUnset,
}

impl AccountChange {
    /// What the page says.
    pub fn words(self) -> &'static str {
        match self {
            AccountChange::Added => {
                "The account is added. A mail with a link to set its password is on its way."
            }
            AccountChange::LinkSent => {
                "A new link to set the password is on its way; earlier links no longer work."
            }
            AccountChange::Disabled => {
                "The account is disabled: its sessions, API tokens and password links no longer work."
            }
            AccountChange::Assigned => "The campaign is assigned.",
            AccountChange::Unassigned => "The campaign is no longer assigned.",
            AccountChange::CreationAllowed => "The account may now create campaigns.",
            AccountChange::CreationDisallowed => "The account may no longer create campaigns.",
            AccountChange::TokenRevoked => "The API token is revoked; it no longer works.",
            AccountChange::ReviewerSet => {
                "The account now reviews the campaign's responses: it may send them back for changes and accept them."
            }
            AccountChange::ReviewerUnset => {
                "The account no longer reviews the campaign's responses; it still sees them."
            }
        }
    }
}

/// Why a dashboard form was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// The close form's box was not ticked.
    Unconfirmed,
    MinDays,
    MaxReminders,
    /// The campaign is closed, so nothing was sent.
    CampaignClosed,
}

/// What the cookie's value holds under the signature.
#[derive(Serialize, Deserialize)]
struct Sealed {
    /// The fingerprint of the path the notice is for.
    to: String,
    notice: Notice,
}

/// The key and cookie flags, made once per process and shared by every worker as app data.
#[derive(Clone)]
pub struct Notices {
    key: Key,
    secure: bool,
}

impl Notices {
    /// Signs under a key derived from `key` (the `notices` signing key); the cookie gets the
    /// `Secure` flag when the service is reached over HTTPS, as the CSRF cookie does.
    pub fn new(base_url: &str, key: &SigningKey) -> Notices {
        Notices {
            key: Key::derive_from(key.bytes()),
            secure: base_url.starts_with("https://"),
        }
    }

    /// A 303 to `location` that shows `notice` there.
    pub fn redirect(&self, location: &str, notice: Notice) -> HttpResponse {
        HttpResponse::SeeOther()
            .insert_header((header::LOCATION, location))
            .cookie(self.cookie(location, &notice))
            .finish()
    }

    fn cookie(&self, location: &str, notice: &Notice) -> Cookie<'static> {
        let sealed = Sealed {
            to: fingerprint(location),
            notice: notice.clone(),
        };
        let json = serde_json::to_vec(&sealed).expect("a notice always serializes");
        let mut jar = CookieJar::new();
        jar.signed_mut(&self.key)
            .add(self.flags(Cookie::new(COOKIE, URL_SAFE_NO_PAD.encode(json))));
        jar.get(COOKIE).cloned().expect("the cookie just added")
    }

    fn flags(&self, mut cookie: Cookie<'static>) -> Cookie<'static> {
        cookie.set_path("/");
        cookie.set_http_only(true);
        // Lax, not Strict: the redirect after a form is same-site either way, and a notice
        // is not worth losing when the page was reached from a mail link.
        cookie.set_same_site(SameSite::Lax);
        cookie.set_secure(self.secure);
        cookie.set_max_age(LIFETIME);
        cookie
    }

    /// The notice for the page `req` asks for, if its cookie is there, intact and for it.
    fn read(&self, req: &HttpRequest) -> Option<Notice> {
        let cookie = req.cookie(COOKIE)?;
        let mut jar = CookieJar::new();
        jar.add_original(cookie);
        let verified = jar.signed(&self.key).get(COOKIE)?;
        let json = URL_SAFE_NO_PAD.decode(verified.value()).ok()?;
        let sealed: Sealed = serde_json::from_slice(&json).ok()?;
        (sealed.to == fingerprint(req.path())).then_some(sealed.notice)
    }
}

/// The path of `location` (no query, no fragment), hashed: a respondent's path holds their
/// link token, which has no place in a cookie in clear.
fn fingerprint(location: &str) -> String {
    let path = location.split(['?', '#']).next().unwrap_or_default();
    let digest = Sha256::digest(path.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..16])
}

/// The notice of this request's page, if any, taken as a handler argument; hand the page's
/// response to [`Flash::shown`] so that it shows once. Also makes redirects with a notice.
pub struct Flash {
    notices: web::Data<Notices>,
    notice: Option<Notice>,
    /// A notice cookie came with the request that must not come again: shown, or forged.
    clear: bool,
}

impl Flash {
    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    /// `response`, removing the notice's cookie once it has been shown (or found forged).
    pub fn shown(&self, mut response: HttpResponse) -> HttpResponse {
        if self.clear {
            let removal = self.notices.flags(Cookie::new(COOKIE, ""));
            // A header built from our own name and flags is always valid.
            let _ = response.add_removal_cookie(&removal);
        }
        response
    }

    /// A 303 to `location` that shows `notice` there.
    pub fn redirect(&self, location: &str, notice: Notice) -> HttpResponse {
        self.notices.redirect(location, notice)
    }
}

impl FromRequest for Flash {
    type Error = WebError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(notices) = req.app_data::<web::Data<Notices>>().cloned() else {
            return ready(Err(WebError::internal(anyhow::anyhow!(
                "the notice key is not registered as app data"
            ))));
        };
        let notice = notices.read(req);
        // A cookie for another page waits for it; a bad one is removed here.
        let present = req.cookie(COOKIE).is_some();
        let for_another = present && notice.is_none() && is_intact(&notices, req);
        ready(Ok(Flash {
            clear: present && !for_another,
            notice,
            notices,
        }))
    }
}

/// Whether the request's notice cookie carries a valid signature (for whatever page).
fn is_intact(notices: &Notices, req: &HttpRequest) -> bool {
    let Some(cookie) = req.cookie(COOKIE) else {
        return false;
    };
    let mut jar = CookieJar::new();
    jar.add_original(cookie);
    jar.signed(&notices.key).get(COOKIE).is_some()
}

#[cfg(test)]
#[path = "notice_tests.rs"]
mod tests;
