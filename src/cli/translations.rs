//! `liaison questionnaires export-translation` and `import-translation`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::translation::{self, TranslationError};

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The questionnaire's id (its folder's name).
    pub id: String,
    /// The language to translate into (two letters, e.g. fr).
    #[arg(long)]
    pub lang: String,
    /// The PO file to write (default: standard output).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Folder holding one sub-folder per questionnaire (default: the configured folder).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The questionnaire's id (its folder's name).
    pub id: String,
    /// The translated PO file.
    pub file: PathBuf,
    /// Folder holding one sub-folder per questionnaire (default: the configured folder).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

/// Writes the translation file, to `--out` or to standard output.
pub fn export(args: &ExportArgs, dir: &Path) -> anyhow::Result<ExitCode> {
    let exported = match translation::export(dir, &args.id, &args.lang) {
        Ok(exported) => exported,
        Err(e) => return Ok(fail(&e)),
    };
    match &args.out {
        Some(out) => {
            std::fs::write(out, &exported.po)
                .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", out.display()))?;
            eprintln!(
                "{}: {} texts, {} already translated into {}",
                out.display(),
                exported.texts,
                exported.translated,
                args.lang
            );
        }
        None => std::io::stdout().write_all(exported.po.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads the translation file back; prints every problem when it is refused.
pub fn import(args: &ImportArgs, dir: &Path) -> anyhow::Result<ExitCode> {
    let imported = match translation::import(dir, &args.id, &args.file) {
        Ok(imported) => imported,
        Err(e) => return Ok(fail(&e)),
    };
    let language = &imported.language;
    println!(
        "{}: {language}: {} added, {} changed, {} removed; {} of {} texts translated",
        args.id,
        imported.added,
        imported.changed,
        imported.removed.len(),
        imported.texts - imported.untranslated,
        imported.texts
    );
    for key in &imported.removed {
        println!("removed the {language} text of {key} (empty or fuzzy in the file)");
    }
    if imported.declared {
        println!("{language} added to the questionnaire's languages");
    }
    match imported.written.as_slice() {
        [] => println!("nothing to write: the files already hold these translations"),
        written => println!("wrote {}", written.join(", ")),
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints the error and what goes with it (every mismatch, every check problem).
fn fail(error: &TranslationError) -> ExitCode {
    for line in error.details() {
        eprintln!("{line}");
    }
    eprintln!("error: {error}");
    ExitCode::FAILURE
}
