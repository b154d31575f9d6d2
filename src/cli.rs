//! The command line: each command parses its arguments and calls into the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::config::Settings;
use crate::questionnaire::Catalogue;
use crate::startup::Application;

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
    /// Run the web service.
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
}

#[derive(Debug, Subcommand)]
pub enum QuestionnairesCommand {
    /// Validate every questionnaire folder under DIR (default: the configured folder).
    Check {
        /// Folder holding one sub-folder per questionnaire.
        dir: Option<PathBuf>,
    },
}

/// Runs a parsed command line.
pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Serve { port, demo } => {
            let mut settings = load_settings(&cli.config)?;
            crate::telemetry::init(&settings.log);
            if let Some(port) = port {
                settings.port = port;
            }
            serve(&settings, demo).await
        }
        Command::Questionnaires(QuestionnairesCommand::Check { dir }) => {
            let dir = match dir {
                Some(dir) => dir,
                None => load_settings(&cli.config)?.questionnaires_dir,
            };
            Ok(check_questionnaires(&dir))
        }
    }
}

fn load_settings(file: &Path) -> anyhow::Result<Settings> {
    Ok(Settings::load(file)?)
}

async fn serve(settings: &Settings, demo: bool) -> anyhow::Result<ExitCode> {
    let app = Application::build(settings)?;
    let port = app.port();
    if demo {
        let mut conn = app.pool().get().context("cannot reach the database")?;
        for details in crate::demo::seed(&mut conn, app.catalogue())? {
            let c = &details.campaign;
            let questionnaires: Vec<String> = details
                .questionnaires
                .iter()
                .map(|q| {
                    format!(
                        "{} → {} {}",
                        q.audience, q.questionnaire_id, q.questionnaire_version
                    )
                })
                .collect();
            println!(
                "demo campaign {}: {} (TLP:{}, closes {}; {})",
                c.id,
                c.name,
                c.tlp,
                c.closes_on,
                questionnaires.join(", ")
            );
        }
    }
    println!("Liaison is listening on http://{}:{port}", settings.host);
    println!("  health:         http://{}:{port}/health", settings.host);
    println!(
        "  questionnaires: http://{}:{port}/api/v1/questionnaires ({} loaded)",
        settings.host,
        app.catalogue().len()
    );
    app.run_until_stopped()
        .await
        .context("the web server stopped")?;
    Ok(ExitCode::SUCCESS)
}

/// Prints one line per valid questionnaire, or every problem; fails on any problem.
fn check_questionnaires(dir: &Path) -> ExitCode {
    match Catalogue::load(dir) {
        Ok(catalogue) if catalogue.is_empty() => {
            eprintln!("{}: no questionnaire folders found", dir.display());
            ExitCode::FAILURE
        }
        Ok(catalogue) => {
            for q in catalogue.iter() {
                println!(
                    "{} {}  audience {}  {} questions  languages {}",
                    q.id(),
                    q.version(),
                    q.audience().as_str(),
                    q.questions().count(),
                    q.languages().join(", ")
                );
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for error in errors.errors() {
                eprintln!("{error}");
            }
            eprintln!("{} problem(s) found", errors.errors().len());
            ExitCode::FAILURE
        }
    }
}
