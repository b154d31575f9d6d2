//! `liaison campaign …`, `participants …`, `invite`, `remind`, `invitation …`
//!
//! Every change is audited by the domain operation it calls, with the actor `cli`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use clap::Subcommand;

use crate::audit::Actor;
use crate::campaigns::{self, CampaignRequest};
use crate::config::Settings;
use crate::invitations::{self, ReminderRules};
use crate::participants;
use crate::questionnaire::Catalogue;
use crate::retention::Schedule;
use crate::startup::open_storage;
use crate::storage::campaigns::{self as stored, CampaignDetails};
use crate::storage::invitations::campaign_invitations;
use crate::storage::{DbConn, DbPool, StorageError};

#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Create a campaign with one questionnaire per audience.
    Create {
        #[arg(long)]
        name: String,
        /// A questionnaire id; repeat for each audience.
        #[arg(long = "questionnaire", required = true)]
        questionnaires: Vec<String>,
        /// Last day answers are accepted (YYYY-MM-DD).
        #[arg(long)]
        closes: NaiveDate,
        /// TLP label: CLEAR, GREEN, AMBER (default) or RED.
        #[arg(long)]
        tlp: Option<String>,
        /// Who the invitations come from (default: the configured organisation).
        #[arg(long)]
        sender: Option<String>,
        /// The campaign's privacy threshold, 3 or more (default: the configured one).
        #[arg(long, allow_negative_numbers = true)]
        privacy_k: Option<i64>,
        /// A language offered to respondents; repeat for each (default: every language
        /// of the questionnaires).
        #[arg(long = "language")]
        languages: Vec<String>,
        /// Days after it closes that participants' personal data is kept, 30 to 3650
        /// (default 365).
        #[arg(long, allow_negative_numbers = true)]
        retention_days: Option<i64>,
        /// The id of the campaign this one is the next round of (the same questionnaires;
        /// their versions may differ).
        #[arg(long)]
        follows: Option<i64>,
        /// A reviewer of the campaign must accept each response before it counts.
        #[arg(long)]
        review_required: bool,
    },
    /// List every campaign.
    List,
    /// Show one campaign with its invitations.
    Show { id: i64 },
    /// Close a campaign; its links stop working.
    Close { id: i64 },
}

#[derive(Debug, Subcommand)]
pub enum ParticipantsCommand {
    /// Import participants from a CSV file (email, name, organisation, type, country, language).
    Import {
        #[arg(long)]
        campaign: i64,
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum InvitationCommand {
    /// Withdraw a participant's invitation; the link stops working at once.
    Revoke {
        #[arg(long)]
        campaign: i64,
        #[arg(long)]
        email: String,
    },
}

fn connect(settings: &Settings) -> anyhow::Result<(DbPool, Catalogue)> {
    Ok(open_storage(settings)?)
}

fn conn(
    pool: &DbPool,
) -> anyhow::Result<diesel::r2d2::PooledConnection<diesel::r2d2::ConnectionManager<DbConn>>> {
    pool.get()
        .map_err(StorageError::from)
        .context("cannot reach the database")
}

pub fn run_campaign(settings: &Settings, command: CampaignCommand) -> anyhow::Result<ExitCode> {
    let (pool, catalogue) = connect(settings)?;
    let conn = &mut *conn(&pool)?;
    match command {
        CampaignCommand::Create {
            name,
            questionnaires,
            closes,
            tlp,
            sender,
            privacy_k,
            languages,
            retention_days,
            follows,
            review_required,
        } => {
            let request = CampaignRequest {
                name,
                questionnaires,
                closes_on: closes,
                tlp,
                sender_organisation: sender,
                privacy_k,
                languages: (!languages.is_empty()).then_some(languages),
                retention_days,
                follows,
                review_required,
                peer_review_nis2: false,
            };
            let today = Utc::now().date_naive();
            let sender = &settings.organisation;
            let details =
                campaigns::create(conn, &catalogue, &request, sender, today, &Actor::Cli)?;
            println!("created campaign {}", details.campaign.id);
            print_campaign(&details);
        }
        CampaignCommand::List => {
            for details in stored::list_campaigns(conn)? {
                print_campaign(&details);
            }
        }
        CampaignCommand::Show { id } => {
            let details = stored::get_campaign(conn, id)?;
            print_campaign(&details);
            let schedule = Schedule::of(&details.campaign, crate::storage::now());
            println!("  personal data: {}", schedule.sentence());
            for status in campaign_invitations(conn, id)? {
                let response = status
                    .response
                    .map_or("not started".to_owned(), |r| r.to_string());
                println!(
                    "  {} ({})  invitation {}  reminders {}  response {}",
                    status.participant.email,
                    status.participant.audience,
                    status.invitation.state,
                    status.invitation.reminders_sent,
                    response
                );
            }
        }
        CampaignCommand::Close { id } => {
            let details = campaigns::close(conn, id.into(), &Actor::Cli)?;
            println!("closed campaign {id}");
            print_campaign(&details);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// One line per campaign: id, name, state, TLP, deadline, sender, questionnaires.
pub(super) fn print_campaign(details: &CampaignDetails) {
    let c = &details.campaign;
    let questionnaires: Vec<String> = details
        .questionnaires
        .iter()
        .map(|q| {
            format!(
                "{}: {} {}",
                q.audience, q.questionnaire_id, q.questionnaire_version
            )
        })
        .collect();
    let follows = c
        .follows_id
        .map_or_else(String::new, |id| format!("  next round of {id}"));
    println!(
        "{}  {}  [{}]  TLP:{}  closes {}  from {}  ({}){follows}",
        c.id,
        c.name,
        c.state,
        c.tlp,
        c.closes_on,
        c.sender_organisation,
        questionnaires.join(", ")
    );
}

pub fn run_participants(
    settings: &Settings,
    command: ParticipantsCommand,
) -> anyhow::Result<ExitCode> {
    let ParticipantsCommand::Import { campaign, file } = command;
    let bytes = std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
    let (pool, _) = connect(settings)?;
    let conn = &mut *conn(&pool)?;
    let details = stored::get_campaign(conn, campaign)?;
    match participants::import_csv(conn, &details, &bytes, &Actor::Cli) {
        Ok(report) => {
            println!(
                "{}: {} participant(s) added, {} already present",
                file.display(),
                report.added,
                report.already_present
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(error) => {
            eprintln!("{}: {error}", file.display());
            Ok(ExitCode::FAILURE)
        }
    }
}

pub fn invite(settings: &Settings, campaign: i64) -> anyhow::Result<ExitCode> {
    let (pool, catalogue) = connect(settings)?;
    let conn = &mut *conn(&pool)?;
    let today = Utc::now().date_naive();
    let base_url = &settings.base_url;
    let report = invitations::invite(conn, &catalogue, base_url, campaign, today, &Actor::Cli)?;
    println!(
        "campaign {campaign}: {} invitation(s) queued, {} participant(s) already invited",
        report.queued, report.already_invited
    );
    println!("send them with: liaison mail send-pending");
    Ok(ExitCode::SUCCESS)
}

pub fn remind(
    settings: &Settings,
    campaign: i64,
    min_days: i64,
    max: i64,
) -> anyhow::Result<ExitCode> {
    let rules = ReminderRules::new(min_days, max)?;
    let (pool, catalogue) = connect(settings)?;
    let conn = &mut *conn(&pool)?;
    let now = crate::storage::now();
    let base_url = &settings.base_url;
    let r = invitations::remind(
        conn,
        &catalogue,
        base_url,
        campaign,
        rules,
        now,
        &Actor::Cli,
    )?;
    println!(
        "campaign {campaign}: {} reminder(s) queued; skipped {} submitted, {} at the limit of {max}, \
         {} reminded less than {min_days} day(s) ago, {} not sent yet, {} revoked",
        r.queued, r.submitted, r.limit_reached, r.too_recent, r.not_sent_yet, r.revoked
    );
    Ok(ExitCode::SUCCESS)
}

pub fn run_invitation(settings: &Settings, command: InvitationCommand) -> anyhow::Result<ExitCode> {
    let InvitationCommand::Revoke { campaign, email } = command;
    let (pool, _) = connect(settings)?;
    let conn = &mut *conn(&pool)?;
    let now = crate::storage::now();
    let invitation = invitations::revoke(conn, campaign, &email, now, &Actor::Cli)?;
    println!(
        "revoked invitation {} of {email} in campaign {campaign}",
        invitation.id
    );
    Ok(ExitCode::SUCCESS)
}
