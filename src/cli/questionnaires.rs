//! `liaison questionnaires …`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use super::translations::{self, ExportArgs, ImportArgs};
use crate::config::Settings;
use crate::questionnaire::Catalogue;

#[derive(Debug, Subcommand)]
pub enum QuestionnairesCommand {
    /// Validate every questionnaire folder under DIR (default: the configured folder).
    Check {
        /// Folder holding one sub-folder per questionnaire.
        dir: Option<PathBuf>,
    },
    /// Write a questionnaire's texts to a gettext PO file for a translator.
    ExportTranslation(ExportArgs),
    /// Read a translated PO file back into the questionnaire's files; nothing is written
    /// unless every text matches and the result passes the check.
    ImportTranslation(ImportArgs),
}

pub fn run(
    command: &QuestionnairesCommand,
    settings: impl FnOnce() -> anyhow::Result<Settings>,
) -> anyhow::Result<ExitCode> {
    let folder = |dir: &Option<PathBuf>| match dir {
        Some(dir) => Ok(dir.clone()),
        None => settings().map(|s| s.questionnaires_dir),
    };
    match command {
        QuestionnairesCommand::Check { dir } => Ok(check(&folder(dir)?)),
        QuestionnairesCommand::ExportTranslation(args) => {
            translations::export(args, &folder(&args.dir)?)
        }
        QuestionnairesCommand::ImportTranslation(args) => {
            translations::import(args, &folder(&args.dir)?)
        }
    }
}

/// Prints one line per valid questionnaire, or every problem; fails on any problem.
fn check(dir: &Path) -> ExitCode {
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
