//! Reading a questionnaire folder into memory and parsing it into a validated `Questionnaire`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::check::Check;
use super::error::{DefinitionErrors, Place, Problem};
use super::mapping::MAPPING_FILE;
use super::model::{Questionnaire, Scored};
use super::raw::{
    RawMappingFile, RawQuestionnaire, RawRecommendationFile, RawReferenceFile, RawTierFile,
};
use super::{mapping, recommendations, reference, tiers, validate};

pub const QUESTIONNAIRE_FILE: &str = "questionnaire.toml";
pub const RECOMMENDATIONS_FILE: &str = "recommendations.toml";

/// The files of one questionnaire folder, as text: what gets validated, and what a
/// snapshot stores so old responses keep scoring against the version they used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sources {
    /// The folder the files came from, used in messages.
    pub folder: PathBuf,
    /// File name → content, sorted by name.
    pub files: Vec<(String, String)>,
}

impl Sources {
    /// Reads every TOML file of a questionnaire folder.
    pub fn read(folder: &Path) -> Result<Sources, DefinitionErrors> {
        let mut errors = DefinitionErrors::default();
        let entries = std::fs::read_dir(folder).map_err(|e| {
            let mut errors = DefinitionErrors::default();
            errors.push(folder, Place::File, Problem::Unreadable(e.to_string()));
            errors
        })?;
        let mut files = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.extension().is_none_or(|e| e != "toml") {
                continue;
            }
            if !is_known_file(&name) {
                let reason = "unexpected file (expected questionnaire.toml, tiers*.toml, reference*.toml, mapping.toml or recommendations.toml)";
                errors.push(&path, Place::File, Problem::Invalid(reason.to_owned()));
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(content) => files.push((name, content)),
                Err(e) => errors.push(&path, Place::File, Problem::Unreadable(e.to_string())),
            }
        }
        files.sort();
        errors.into_result(Sources {
            folder: folder.to_path_buf(),
            files,
        })
    }

    fn file(&self, name: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, c)| c.as_str())
    }

    fn path(&self, name: &str) -> PathBuf {
        self.folder.join(name)
    }

    fn tier_files(&self) -> impl Iterator<Item = &(String, String)> {
        self.files.iter().filter(|(n, _)| n.starts_with("tiers"))
    }

    fn reference_files(&self) -> impl Iterator<Item = &(String, String)> {
        self.files
            .iter()
            .filter(|(n, _)| n.starts_with("reference"))
    }
}

fn is_known_file(name: &str) -> bool {
    name == QUESTIONNAIRE_FILE
        || name == RECOMMENDATIONS_FILE
        || (name.starts_with("tiers") && name.ends_with(".toml"))
        || (name.starts_with("reference") && name.ends_with(".toml"))
        || name == MAPPING_FILE
}

/// Parses and validates one questionnaire with its tier tables and recommendations.
pub fn parse(sources: &Sources) -> Result<Questionnaire, DefinitionErrors> {
    let mut errors = DefinitionErrors::default();
    let path = sources.path(QUESTIONNAIRE_FILE);
    let Some(content) = sources.file(QUESTIONNAIRE_FILE) else {
        errors.push(
            &path,
            Place::File,
            Problem::Unreadable("the file is missing".to_owned()),
        );
        return Err(errors);
    };
    let raw: RawQuestionnaire =
        from_toml(&path, content, &mut errors).ok_or_else(|| errors.clone())?;
    let languages = raw.languages.clone();
    let mut check = Check::new(&path, &languages);
    validate::languages(&languages, &mut check);
    if !check.errors.is_empty() {
        return Err(check.errors);
    }
    let questionnaire = validate::questionnaire(raw, &mut check);
    errors.extend(check.errors);
    let mut questionnaire = questionnaire.ok_or_else(|| errors.clone())?;
    let parameters: HashSet<String> = questionnaire
        .questions()
        .filter(|q| matches!(q.scored(), Some(Scored::Category { .. })))
        .map(|q| q.id().to_owned())
        .collect();
    let parameters: HashSet<&str> = parameters.iter().map(String::as_str).collect();
    for (name, content) in sources.tier_files() {
        let path = sources.path(name);
        let Some(raw) = from_toml::<RawTierFile>(&path, content, &mut errors) else {
            continue;
        };
        let mut check = Check::new(&path, &languages);
        let table = tiers::validate(raw, &parameters, &mut check);
        if questionnaire
            .tier_tables
            .iter()
            .any(|t| t.id() == table.id())
        {
            check.invalid(
                &Place::File,
                format!("tier table id \"{}\" is used by another file", table.id()),
            );
        }
        errors.extend(check.errors);
        questionnaire.tier_tables.push(table);
    }
    for (name, content) in sources.reference_files() {
        let path = sources.path(name);
        let Some(raw) = from_toml::<RawReferenceFile>(&path, content, &mut errors) else {
            continue;
        };
        let mut check = Check::new(&path, &languages);
        let found = reference::validate(raw, &mut check);
        if questionnaire.reference(found.id()).is_some() {
            check.invalid(
                &Place::File,
                format!("reference id \"{}\" is used by another file", found.id()),
            );
        }
        errors.extend(check.errors);
        questionnaire.references.push(found);
    }
    let mut check = Check::new(&path, &languages);
    reference::check_matrices(&questionnaire, &mut check);
    errors.extend(check.errors);
    if let Some(content) = sources.file(MAPPING_FILE) {
        let path = sources.path(MAPPING_FILE);
        if let Some(raw) = from_toml::<RawMappingFile>(&path, content, &mut errors) {
            let mut check = Check::new(&path, &languages);
            questionnaire.mapping = Some(mapping::validate(raw, &questionnaire, &mut check));
            errors.extend(check.errors);
        }
    }
    if let Some(content) = sources.file(RECOMMENDATIONS_FILE) {
        let path = sources.path(RECOMMENDATIONS_FILE);
        if let Some(raw) = from_toml::<RawRecommendationFile>(&path, content, &mut errors) {
            let mut check = Check::new(&path, &languages);
            questionnaire.recommendations = recommendations::validate(raw, &parameters, &mut check);
            errors.extend(check.errors);
        }
    }
    if let Some(id) = &questionnaire.default_tier_table
        && questionnaire.default_tier_table().is_none()
    {
        let reason = format!("tier_table \"{id}\" matches no tiers*.toml in this folder");
        errors.push(&path, Place::File, Problem::Invalid(reason));
    }
    errors.into_result(questionnaire)
}

/// Parses TOML, telling a syntax error (with its position) from a file of the wrong shape.
fn from_toml<T: DeserializeOwned>(
    path: &Path,
    content: &str,
    errors: &mut DefinitionErrors,
) -> Option<T> {
    if let Err(e) = content.parse::<toml::Table>() {
        errors.push(
            path,
            position(content, e.span()),
            Problem::Syntax(e.message().trim().to_owned()),
        );
        return None;
    }
    match toml::from_str::<T>(content) {
        Ok(value) => Some(value),
        Err(e) => {
            errors.push(
                path,
                position(content, e.span()),
                Problem::Invalid(e.message().trim().to_owned()),
            );
            None
        }
    }
}

/// Line and column (from 1) of a byte offset.
fn position(content: &str, span: Option<std::ops::Range<usize>>) -> Place {
    let Some(span) = span else { return Place::File };
    let before = &content[..span.start.min(content.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Place::Position { line, column }
}
