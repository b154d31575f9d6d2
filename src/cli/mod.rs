//! The command line: each command parses its arguments and calls into the library.

mod analysts;
mod campaigns;
mod interface;
mod mail;
mod questionnaires;
mod reports;
mod retention;
mod serve;
mod translations;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::Settings;
use crate::invitations::ReminderRules;

pub use analysts::AnalystCommand;
pub use campaigns::{CampaignCommand, InvitationCommand, ParticipantsCommand};
pub use interface::InterfaceCommand;
pub use mail::MailCommand;
pub use questionnaires::QuestionnairesCommand;
pub use retention::RetentionCommand;

/// Liaison: maturity and cooperation questionnaires for CSIRTs, law enforcement and the judiciary.
#[derive(Debug, Parser)]
#[command(name = "liaison", version, about)]
pub struct Cli {
    /// Settings file (TOML); missing is fine, LIAISON_* environment variables override it.
    #[arg(long, global = true, default_value = "liaison.toml")]
    pub config: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web service (and the mail worker).
    Serve {
        /// Port to listen on (overrides the settings).
        #[arg(long)]
        port: Option<u16>,
        /// Seed demo campaigns first (adds nothing when they exist).
        #[arg(long)]
        demo: bool,
    },
    /// Work with questionnaire files.
    #[command(subcommand)]
    Questionnaires(QuestionnairesCommand),
    /// Translate the interface's own texts (the respondent pages and mails).
    #[command(subcommand)]
    Interface(InterfaceCommand),
    /// Create, list, show and close campaigns.
    #[command(subcommand)]
    Campaign(CampaignCommand),
    /// Add participants to a campaign.
    #[command(subcommand)]
    Participants(ParticipantsCommand),
    /// Queue invitations for every participant of a campaign not yet invited.
    Invite {
        #[arg(long)]
        campaign: i64,
    },
    /// Queue reminders for invited participants who have not submitted.
    Remind {
        #[arg(long)]
        campaign: i64,
        /// Fewest days since the invitation or the previous reminder (0 to 365).
        #[arg(long, default_value_t = ReminderRules::DEFAULT.min_days(), allow_negative_numbers = true)]
        min_days: i64,
        /// Most reminders per participant (1 to 20).
        #[arg(long, default_value_t = ReminderRules::DEFAULT.max().into(), allow_negative_numbers = true)]
        max: i64,
    },
    /// Manage single invitations.
    #[command(subcommand)]
    Invitation(InvitationCommand),
    /// Send what waits in the outbox.
    #[command(subcommand)]
    Mail(MailCommand),
    /// Build every report of a campaign: CSV tables, PNG charts and per-respondent radars.
    Report {
        #[arg(long)]
        campaign: i64,
        /// Folder to write into (default: the configured reports folder).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Skip the per-respondent radar charts (one PNG per response), which take most
        /// of the time in a very large campaign; radars of an earlier build are removed.
        #[arg(long)]
        no_radars: bool,
    },
    /// Manage analyst accounts, their campaigns and API tokens.
    #[command(subcommand)]
    Analyst(AnalystCommand),
    /// Erase personal data once campaigns' retention periods end (serve does this hourly).
    #[command(subcommand)]
    Retention(RetentionCommand),
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Command::Questionnaires(command) = &cli.command {
        // Checking files must work even where the settings do not load.
        return questionnaires::run(command, || load_settings(&cli.config));
    }
    if let Command::Interface(command) = &cli.command {
        return interface::run(command);
    }
    // The port flag goes in with the settings, so the base URL derived from the port follows it.
    let port = match &cli.command {
        Command::Serve { port, .. } => *port,
        _ => None,
    };
    let settings = Settings::load_with_port(&cli.config, port)?;
    crate::telemetry::init(&settings.log);
    match cli.command {
        Command::Serve { demo, .. } => serve::run(settings, demo).await,
        Command::Questionnaires(_) | Command::Interface(_) => unreachable!("handled above"),
        Command::Campaign(command) => {
            blocking(move || campaigns::run_campaign(&settings, command)).await
        }
        Command::Participants(command) => {
            blocking(move || campaigns::run_participants(&settings, command)).await
        }
        Command::Invite { campaign } => {
            blocking(move || campaigns::invite(&settings, campaign)).await
        }
        Command::Remind {
            campaign,
            min_days,
            max,
        } => blocking(move || campaigns::remind(&settings, campaign, min_days, max)).await,
        Command::Invitation(command) => {
            blocking(move || campaigns::run_invitation(&settings, command)).await
        }
        Command::Mail(command) => blocking(move || mail::run(&settings, command)).await,
        Command::Report {
            campaign,
            out,
            no_radars,
        } => blocking(move || reports::run(&settings, campaign, out, !no_radars)).await,
        Command::Analyst(command) => blocking(move || analysts::run(&settings, command)).await,
        Command::Retention(command) => blocking(move || retention::run(&settings, command)).await,
    }
}

fn load_settings(file: &Path) -> anyhow::Result<Settings> {
    Ok(Settings::load(file)?)
}

/// Runs database and SMTP work off the async executor.
async fn blocking(
    work: impl FnOnce() -> anyhow::Result<ExitCode> + Send + 'static,
) -> anyhow::Result<ExitCode> {
    tokio::task::spawn_blocking(work).await?
}
