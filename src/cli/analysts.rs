//! `liaison analyst …`: accounts, campaign assignments and API tokens.
//!
//! Whoever runs the CLI has the database, so the CLI acts as an admin; the audit log names
//! it `cli` ([`Actor::Cli`]).

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Subcommand;

use crate::accounts::{self, Password, Role};
use crate::audit::Actor;
use crate::config::Settings;
use crate::storage::{self, DbConn, analysts};

/// Who the audit log says did it.
const ACTOR: &Actor = &Actor::Cli;

#[derive(Debug, Subcommand)]
pub enum AnalystCommand {
    /// Create an account. The password is read from standard input when it is not a
    /// terminal (first line), else asked for twice without echo.
    Add {
        email: String,
        /// Make the account an admin (sees every campaign).
        #[arg(long)]
        admin: bool,
    },
    /// Create an account without a password and queue a mail with a one-time link (72
    /// hours) to choose one; `serve` or `liaison mail send-pending` sends it.
    Invite {
        email: String,
        /// Make the account an admin (sees every campaign).
        #[arg(long)]
        admin: bool,
    },
    /// Let an analyst see a campaign.
    Assign {
        email: String,
        #[arg(long)]
        campaign: i64,
    },
    /// Take a campaign away from an analyst.
    Unassign {
        email: String,
        #[arg(long)]
        campaign: i64,
    },
    /// Create an API token for an analyst and print it, once.
    Token {
        email: String,
        /// What the token is for, e.g. "reporting script".
        #[arg(long)]
        name: String,
    },
    /// Allow an analyst to create campaigns (admins always may); with --disallow, no longer.
    AllowCreate {
        email: String,
        /// Take the permission away instead.
        #[arg(long)]
        disallow: bool,
    },
    /// Disable an account: it can no longer log in, and its sessions and tokens stop working.
    Disable { email: String },
    /// List every account with its role and campaigns.
    List,
}

/// Runs an analyst command.
pub fn run(settings: &Settings, command: AnalystCommand) -> anyhow::Result<ExitCode> {
    // Questionnaires play no part here, so only the database is opened.
    let pool = storage::connect(&settings.database_url, 1)?;
    let conn = &mut *pool.get().context("cannot reach the database")?;
    match command {
        AnalystCommand::Add { email, admin } => {
            let email = accounts::parse_email(&email)?;
            if analysts::find_by_email(conn, &email)?.is_some() {
                bail!("an analyst with the e-mail address {email} already exists");
            }
            let password = read_password(&email)?;
            let role = if admin { Role::Admin } else { Role::Analyst };
            let row = accounts::add_analyst(conn, &email, &password, role, ACTOR)?;
            println!("added {} {} (id {})", row.role, row.email, row.id);
        }
        AnalystCommand::Invite { email, admin } => {
            let role = if admin { Role::Admin } else { Role::Analyst };
            let account = accounts::NewAccount {
                email: &email,
                role,
                may_create_campaigns: false,
            };
            let row = accounts::invite_analyst(conn, &account, ACTOR, &settings.base_url)?;
            println!(
                "added {} {} (id {}); the mail with a link to set the password is queued",
                row.role, row.email, row.id
            );
        }
        AnalystCommand::Assign { email, campaign } => {
            accounts::assign_campaign(conn, &email, campaign, ACTOR)?;
            println!("{} may now see campaign {campaign}", email.trim());
        }
        AnalystCommand::Unassign { email, campaign } => {
            existing(conn, &email)?;
            let (row, _) = accounts::unassign_campaign(conn, &email, campaign, ACTOR)?;
            println!("{} no longer sees campaign {campaign}", row.email);
        }
        AnalystCommand::Token { email, name } => {
            let issued = accounts::issue_api_token(conn, &email, &name, ACTOR)?;
            eprintln!(
                "API token {:?} for {}; it is shown only now:",
                issued.row.name,
                email.trim()
            );
            println!("{}", issued.token);
        }
        AnalystCommand::AllowCreate { email, disallow } => {
            existing(conn, &email)?;
            let row = accounts::allow_campaign_creation(conn, &email, !disallow, ACTOR)?;
            if row.may_create_campaigns {
                println!("{} may now create campaigns", row.email);
            } else {
                println!("{} may no longer create campaigns", row.email);
            }
        }
        AnalystCommand::Disable { email } => {
            existing(conn, &email)?;
            let row = accounts::disable_analyst(conn, &email, ACTOR)?;
            println!("disabled {}", row.email);
        }
        AnalystCommand::List => list(conn)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn existing(conn: &mut DbConn, email: &str) -> anyhow::Result<analysts::AnalystRow> {
    analysts::find_by_email(conn, email)?
        .with_context(|| format!("no analyst has the e-mail address {}", email.trim()))
}

fn list(conn: &mut DbConn) -> anyhow::Result<()> {
    for row in analysts::list_analysts(conn)? {
        let campaigns: Vec<String> = analysts::campaigns_of(conn, row.id)?
            .iter()
            .map(i64::to_string)
            .collect();
        let campaigns = match (row.role, campaigns.is_empty()) {
            (Role::Admin, _) => "all campaigns".to_owned(),
            (Role::Analyst, true) => "no campaigns".to_owned(),
            (Role::Analyst, false) => format!("campaigns {}", campaigns.join(", ")),
        };
        let creates = if row.may_create_campaigns && row.role == Role::Analyst {
            "  creates campaigns"
        } else {
            ""
        };
        let disabled = if row.disabled_at.is_some() {
            "  disabled"
        } else {
            ""
        };
        let unset = if accounts::has_password(&row.password_hash) {
            ""
        } else {
            "  no password yet"
        };
        println!(
            "{}  {}  [{}]  {campaigns}{creates}{unset}{disabled}",
            row.id, row.email, row.role
        );
    }
    Ok(())
}

/// The new password of `email`'s account: the first line of standard input when it is
/// piped, else typed twice.
fn read_password(email: &str) -> anyhow::Result<Password> {
    let stdin = std::io::stdin();
    let plain = if stdin.is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        Password::parse(&first, email)?;
        let second = rpassword::prompt_password("Password again: ")?;
        if first != second {
            bail!("the two passwords differ");
        }
        first
    } else {
        let mut line = String::new();
        stdin
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from standard input")?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    Ok(Password::parse(&plain, email)?)
}
