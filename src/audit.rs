//! The audit log's vocabulary: who ([`Actor`]) did what ([`AuditAction`]) to what
//! ([`AuditSubject`]), and [`record`], the one way an entry is written.
//!
//! Entries are written by the domain operations themselves (creating and closing a
//! campaign, importing participants, sending invitations and reminders, building and
//! downloading reports, opening a response, account changes, erasing personal data at
//! the end of a campaign's retention period), each told its actor by
//! whichever door it came through: a page, the API or the CLI. Where the operation runs
//! in a transaction, its entry is written in the same one, so a change and its entry
//! stand or fall together. `storage::audit` only stores the rendered words.

use crate::ids::{CampaignId, InvitationId, ResponseId};
use crate::storage::{DbConn, StorageError};

/// Who did it, as the audit log names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A logged-in analyst (page session or API token), by their e-mail address.
    Analyst(String),
    /// Whoever runs the command line: they hold the database, so they act as an admin.
    Cli,
    /// A visitor not (yet) known, such as one whose login failed.
    Anonymous,
    /// The service itself, on its own schedule (the retention worker inside `serve`).
    System,
}

impl Actor {
    /// The name written to the log's `actor` column.
    pub fn name(&self) -> &str {
        match self {
            Actor::Analyst(email) => email,
            Actor::Cli => "cli",
            Actor::Anonymous => "anonymous",
            Actor::System => "system",
        }
    }
}

crate::words::word_enum!(
    /// What was done, as the dotted word the log stores.
    AuditAction, "audit action", {
        /// An analyst logged in; the detail is the client's address.
        Login => "login",
        /// A login was refused; the subject is the address tried, the detail the client's.
        LoginFailed => "login.failed",
        /// An analyst logged out; the detail is the client's address.
        Logout => "logout",
        /// An account was created; the detail is its role.
        AnalystCreate => "analyst.create",
        /// An account was disabled, its sessions and tokens with it.
        AnalystDisable => "analyst.disable",
        /// An analyst was allowed to create campaigns.
        AnalystAllowCreate => "analyst.allow_create",
        /// An analyst may no longer create campaigns.
        AnalystDisallowCreate => "analyst.disallow_create",
        /// An analyst was given a campaign; the detail is their address.
        CampaignAssign => "campaign.assign",
        /// A campaign was taken from an analyst; the detail is their address.
        CampaignUnassign => "campaign.unassign",
        /// An assigned analyst was made a reviewer of the campaign's responses, or no
        /// longer one; the detail is their address and `reviewer` or `not reviewer`.
        CampaignReviewer => "campaign.reviewer",
        /// An API token was issued; the detail is its owner's address.
        ApiTokenCreate => "api_token.create",
        /// An API token was revoked; the detail is its owner's address.
        ApiTokenRevoke => "api_token.revoke",
        /// A one-time link to set an account's password was queued for mailing; the
        /// detail says when it expires.
        PasswordLinkSend => "password_link.send",
        /// An analyst set their password through a one-time link.
        PasswordSet => "password.set",
        /// A campaign was created.
        CampaignCreate => "campaign.create",
        /// A campaign was closed.
        CampaignClose => "campaign.close",
        /// Participants were imported into a campaign.
        ParticipantsImport => "participants.import",
        /// A campaign's wording of its invitations and reminders was saved; the detail
        /// names each kind and language saved and whether it is now custom or shipped.
        MailTextsSave => "mail_texts.save",
        /// Invitations were queued; the detail says how many.
        InvitationsSend => "invitations.send",
        /// Reminders were queued; the detail says how many, under which rules.
        RemindersSend => "reminders.send",
        /// One participant's invitation was revoked.
        InvitationRevoke => "invitation.revoke",
        /// A campaign's reports were built.
        ReportsBuild => "reports.build",
        /// A report file or radar was downloaded; the detail is the file.
        ReportDownload => "report.download",
        /// An analyst opened a campaign's reports page; the detail names the charts it
        /// shows (their previews write no entry of their own).
        ReportsView => "reports.view",
        /// An analyst opened one response to read its answers.
        ResponseOpen => "response.open",
        /// A reviewer sent a response back with answers flagged "please change"; the
        /// detail names the campaign and the questions flagged.
        ResponseRequestChanges => "response.request_changes",
        /// A reviewer accepted a response; the detail names the campaign.
        ResponseAccept => "response.accept",
        /// An analyst downloaded a file of a response's evidence; the subject is the
        /// response, the detail names the campaign and the file's id (never its name).
        EvidenceDownload => "evidence.download",
        /// A campaign's retention period ended and its personal data was erased; the
        /// detail counts what was erased.
        RetentionRun => "retention.run",
        /// A peer-reviewer account was created; the detail is its country.
        PeerReviewerCreate => "peer_reviewer.create",
        /// The reviewed team agreed that peers may see its response; the detail names the
        /// link (invitation) it agreed through.
        PeerConsent => "peer.consent",
        /// The reviewed team took its consent back before any peer was given the response.
        PeerConsentWithdraw => "peer.consent_withdraw",
        /// An admin gave a response to a peer reviewer; the detail is the peer's address.
        PeerAssign => "peer.assign",
        /// A peer reviewer recorded levels; the detail lists parameter=level.
        PeerLevels => "peer.levels",
        /// The campaign's reviewer recorded agreed levels; the detail lists parameter=level.
        AgreedLevels => "peer.agreed_levels",
        /// An organisation agreed to share its cooperation scores and mirrored answers
        /// with its consenting counterparts of the same country; the detail names the link.
        GapConsent => "gap.consent",
        /// It took that consent back.
        GapConsentWithdraw => "gap.consent_withdraw",
        /// Its result page showed counterparts' shared scores; the detail lists their
        /// responses.
        GapView => "gap.view",
    }
);

/// What it was done to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditSubject {
    /// `campaign:<id>`
    Campaign(CampaignId),
    /// An analyst account (or, after a failed login, the address tried), by address.
    Analyst(String),
    /// `api_token:<id>`
    ApiToken(i64),
    /// `invitation:<id>`
    Invitation(InvitationId),
    /// `response:<id>`
    Response(ResponseId),
    /// One file of a campaign's current reports (a radar's path inside the build included):
    /// logged as `campaign:<id>`, with the file as the entry's detail.
    Report { campaign: CampaignId, file: String },
}

impl AuditSubject {
    /// The subject and detail columns of an entry about this subject; `detail` is the
    /// operation's own, which a report's file takes the place of.
    fn columns(&self, detail: Option<&str>) -> (String, Option<String>) {
        let detail = detail.map(str::to_owned);
        match self {
            AuditSubject::Campaign(id) => (format!("campaign:{id}"), detail),
            AuditSubject::Analyst(email) => (email.clone(), detail),
            AuditSubject::ApiToken(id) => (format!("api_token:{id}"), detail),
            AuditSubject::Invitation(id) => (format!("invitation:{id}"), detail),
            AuditSubject::Response(id) => (format!("response:{id}"), detail),
            AuditSubject::Report { campaign, file } => {
                (format!("campaign:{campaign}"), Some(file.clone()))
            }
        }
    }
}

/// Appends one entry, stamped with the current time, on `conn` (inside the caller's
/// transaction when there is one).
pub fn record(
    conn: &mut DbConn,
    actor: &Actor,
    action: AuditAction,
    subject: &AuditSubject,
    detail: Option<&str>,
) -> Result<(), StorageError> {
    let (subject, detail) = subject.columns(detail);
    crate::storage::audit::append(
        conn,
        actor.name(),
        action.as_str(),
        &subject,
        detail.as_deref(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_are_named_as_the_log_has_always_named_them() {
        assert_eq!(
            Actor::Analyst("ana@example.org".into()).name(),
            "ana@example.org"
        );
        assert_eq!(Actor::Cli.name(), "cli");
        assert_eq!(Actor::Anonymous.name(), "anonymous");
        assert_eq!(Actor::System.name(), "system");
    }

    #[test]
    fn subjects_render_to_the_words_the_log_has_always_held() {
        let detail = Some("page");
        assert_eq!(
            AuditSubject::Campaign(CampaignId(4)).columns(detail),
            ("campaign:4".to_owned(), Some("page".to_owned()))
        );
        assert_eq!(
            AuditSubject::Invitation(InvitationId(9)).columns(None),
            ("invitation:9".to_owned(), None)
        );
        assert_eq!(AuditSubject::ApiToken(2).columns(None).0, "api_token:2");
        assert_eq!(
            AuditSubject::Response(ResponseId(7)).columns(None).0,
            "response:7"
        );
        assert_eq!(
            AuditSubject::Analyst("bo@example.org".into())
                .columns(None)
                .0,
            "bo@example.org"
        );
        let report = AuditSubject::Report {
            campaign: CampaignId(4),
            file: "radars/12.png".into(),
        };
        assert_eq!(
            report.columns(None),
            ("campaign:4".to_owned(), Some("radars/12.png".to_owned()))
        );
    }

    #[test]
    fn actions_keep_their_dotted_words() {
        let words: Vec<&str> = AuditAction::ALL.iter().map(|a| a.as_str()).collect();
        for word in [
            "login",
            "login.failed",
            "logout",
            "analyst.create",
            "analyst.disable",
            "analyst.allow_create",
            "analyst.disallow_create",
            "campaign.assign",
            "campaign.unassign",
            "campaign.reviewer",
            "api_token.create",
            "api_token.revoke",
            "password_link.send",
            "password.set",
            "campaign.create",
            "campaign.close",
            "participants.import",
            "mail_texts.save",
            "invitations.send",
            "reminders.send",
            "invitation.revoke",
            "reports.build",
            "report.download",
            "reports.view",
            "response.open",
            "response.request_changes",
            "response.accept",
            "evidence.download",
            "retention.run",
            "peer_reviewer.create",
            "peer.consent",
            "peer.consent_withdraw",
            "peer.assign",
            "peer.levels",
            "peer.agreed_levels",
            "gap.consent",
            "gap.consent_withdraw",
            "gap.view",
        ] {
            assert!(words.contains(&word), "{word}");
        }
        assert_eq!(words.len(), 38);
    }
}
