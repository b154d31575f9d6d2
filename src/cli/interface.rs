//! `liaison interface export-translation` and `check-translation`: the interface's own
//! words for translators.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

use crate::locale;

#[derive(Debug, Subcommand)]
pub enum InterfaceCommand {
    /// Write a translation file of the interface's texts to start from (PO).
    ExportTranslation {
        /// The language to translate into (two letters, e.g. it).
        #[arg(long)]
        lang: String,
        /// The PO file to write (default: standard output).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check a translated file against the interface's English texts.
    CheckTranslation {
        /// The translated PO file.
        file: PathBuf,
    },
}

/// Runs an interface command; it needs no settings and no database.
pub fn run(command: &InterfaceCommand) -> anyhow::Result<ExitCode> {
    match command {
        InterfaceCommand::ExportTranslation { lang, out } => {
            let po = locale::export_translation(lang)?;
            match out {
                Some(out) => std::fs::write(out, po)
                    .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", out.display()))?,
                None => std::io::stdout().write_all(po.as_bytes())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        InterfaceCommand::CheckTranslation { file } => {
            let problems = locale::check_translation_file(file)?;
            for problem in &problems {
                eprintln!("{}: {problem}", file.display());
            }
            if problems.is_empty() {
                println!(
                    "{}: every text of the interface is translated",
                    file.display()
                );
                Ok(ExitCode::SUCCESS)
            } else {
                eprintln!("error: {} problems", problems.len());
                Ok(ExitCode::FAILURE)
            }
        }
    }
}
