//! All questionnaires of a folder, loaded together so that mirrored pairs can be checked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::error::{DefinitionErrors, Place, Problem};
use super::load::{QUESTIONNAIRE_FILE, Sources, parse};
use super::model::{Model, Questionnaire, Scored};

/// Every loaded questionnaire by id, each with the sources it was read from. Each is
/// shared: a page load hands out a reference count, not a copy of the whole definition.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    entries: BTreeMap<String, (Arc<Questionnaire>, Sources)>,
}

impl Catalogue {
    /// Loads every questionnaire folder under `dir`; any problem anywhere fails the whole load.
    pub fn load(dir: &Path) -> Result<Catalogue, DefinitionErrors> {
        let mut errors = DefinitionErrors::default();
        let folders = questionnaire_folders(dir).map_err(|e| {
            let mut errors = DefinitionErrors::default();
            errors.push(dir, Place::File, Problem::Unreadable(e.to_string()));
            errors
        })?;
        let mut all = Vec::new();
        for folder in folders {
            match Sources::read(&folder) {
                Ok(sources) => all.push(sources),
                Err(e) => errors.extend(e),
            }
        }
        match Catalogue::from_sources(all) {
            Ok(catalogue) => errors.into_result(catalogue),
            Err(e) => {
                errors.extend(e);
                Err(errors)
            }
        }
    }

    /// Validates questionnaires already read into memory.
    pub fn from_sources(all: Vec<Sources>) -> Result<Catalogue, DefinitionErrors> {
        let mut errors = DefinitionErrors::default();
        let mut entries = BTreeMap::new();
        for sources in all {
            let questionnaire = match parse(&sources) {
                Ok(q) => q,
                Err(e) => {
                    errors.extend(e);
                    continue;
                }
            };
            let path = sources.folder.join(QUESTIONNAIRE_FILE);
            let folder_name = sources
                .folder
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            if folder_name
                .as_deref()
                .is_some_and(|n| n != questionnaire.id())
            {
                let reason = format!("id \"{}\" differs from its folder name", questionnaire.id());
                errors.push(&path, Place::File, Problem::Invalid(reason));
            }
            if entries.contains_key(questionnaire.id()) {
                let reason = format!("questionnaire id \"{}\" is used twice", questionnaire.id());
                errors.push(&path, Place::File, Problem::Invalid(reason));
                continue;
            }
            entries.insert(
                questionnaire.id().to_owned(),
                (Arc::new(questionnaire), sources),
            );
        }
        let catalogue = Catalogue { entries };
        for (questionnaire, sources) in catalogue.entries.values() {
            check_pairs(questionnaire, sources, &catalogue, &mut errors);
            check_model_source(questionnaire, sources, &mut errors);
            check_references(questionnaire, sources, &catalogue, &mut errors);
            check_mapping(questionnaire, sources, &catalogue, &mut errors);
        }
        errors.into_result(catalogue)
    }

    pub fn get(&self, id: &str) -> Option<&Questionnaire> {
        self.entries.get(id).map(|(q, _)| q.as_ref())
    }

    /// The questionnaire `id`, shared with the catalogue.
    pub fn shared(&self, id: &str) -> Option<Arc<Questionnaire>> {
        self.entries.get(id).map(|(q, _)| Arc::clone(q))
    }

    pub fn sources(&self, id: &str) -> Option<&Sources> {
        self.entries.get(id).map(|(_, s)| s)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Questionnaire> {
        self.entries.values().map(|(q, _)| q.as_ref())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// The questionnaire folders under `dir`, sorted: every folder but hidden ones.
pub fn questionnaire_folders(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut folders: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir()
                && !p
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    folders.sort();
    Ok(folders)
}

/// A cooperation questionnaire has no tier table to name where its scores come from, so
/// it must say so itself; checked here, on files being loaded, and not in `parse`, so that
/// versions stored before the key existed still read.
fn check_model_source(q: &Questionnaire, sources: &Sources, errors: &mut DefinitionErrors) {
    if q.model() == Model::Cooperation && q.model_source().is_none() {
        let reason = "a cooperation questionnaire needs model_source: where its scoring model \
                      comes from, printed on every report"
            .to_owned();
        let path = sources.folder.join(QUESTIONNAIRE_FILE);
        errors.push(&path, Place::File, Problem::Invalid(reason));
    }
}

/// A mapping names a loaded questionnaire and parameters (level questions) it has.
fn check_mapping(
    q: &Questionnaire,
    sources: &Sources,
    catalogue: &Catalogue,
    errors: &mut DefinitionErrors,
) {
    let Some(mapping) = q.mapping() else {
        return;
    };
    let path = sources
        .folder
        .join(crate::questionnaire::mapping::MAPPING_FILE);
    let Some(other) = catalogue.get(mapping.questionnaire()) else {
        let reason = format!(
            "the mapping names unknown questionnaire \"{}\"",
            mapping.questionnaire()
        );
        errors.push(&path, Place::File, Problem::Invalid(reason));
        return;
    };
    for item in mapping.items() {
        for parameter in item.parameters() {
            let known = other.question(parameter).is_some_and(|p| {
                matches!(p.kind(), super::Kind::Level { .. })
                    && matches!(p.scored(), Some(super::Scored::Category { .. }))
            });
            if !known {
                let reason = format!(
                    "\"{parameter}\" is not a level parameter of \"{}\"",
                    other.id()
                );
                errors.push(
                    &path,
                    Place::Question(item.question().to_owned()),
                    Problem::Invalid(reason),
                );
            }
        }
    }
}

/// A reference matrix shipped in several folders (each mirrored questionnaire carries its
/// own copy, so a stored version keeps it) must say the same everywhere: the reports
/// compare the audiences' answers with one reference, not three.
fn check_references(
    q: &Questionnaire,
    sources: &Sources,
    catalogue: &Catalogue,
    errors: &mut DefinitionErrors,
) {
    for reference in q.references() {
        let differs = catalogue.iter().find(|other| {
            other.id() < q.id()
                && other
                    .reference(reference.id())
                    .is_some_and(|theirs| theirs != reference)
        });
        if let Some(other) = differs {
            let reason = format!(
                "reference \"{}\" differs from the copy in \"{}\"; a reference must read the same in every folder",
                reference.id(),
                other.id()
            );
            errors.push(&sources.folder, Place::File, Problem::Invalid(reason));
        }
    }
}

/// Checks that a cooperation questionnaire's mirrors exist, point back, are for other
/// audiences, and that each of its pair keys is asked by at least one of them.
fn check_pairs(
    q: &Questionnaire,
    sources: &Sources,
    catalogue: &Catalogue,
    errors: &mut DefinitionErrors,
) {
    if q.pairs_with().is_empty() {
        return;
    }
    let path = sources.folder.join(QUESTIONNAIRE_FILE);
    let mut audiences = vec![q.audience()];
    let mut mirrors = Vec::new();
    for other_id in q.pairs_with() {
        let Some(other) = catalogue.get(other_id) else {
            let reason = format!("pairs_with names unknown questionnaire \"{other_id}\"");
            errors.push(&path, Place::File, Problem::Invalid(reason));
            continue;
        };
        if !other.pairs_with().iter().any(|back| back == q.id())
            || other.model() != Model::Cooperation
        {
            let reason = format!(
                "pairs_with names \"{other_id}\", which is not a cooperation questionnaire paired back with this one"
            );
            errors.push(&path, Place::File, Problem::Invalid(reason));
            continue;
        }
        // The perception gap compares audiences: two mirrors of one audience, or a mirror
        // of one's own, would leave it nothing to tell apart.
        if audiences.contains(&other.audience()) {
            let reason = format!(
                "pairs_with names \"{other_id}\", whose audience {} is already on this side or another mirror's",
                other.audience().as_str()
            );
            errors.push(&path, Place::File, Problem::Invalid(reason));
            continue;
        }
        audiences.push(other.audience());
        mirrors.push(other);
    }
    if mirrors.len() < q.pairs_with().len() {
        return;
    }
    for question in q.questions() {
        let Some(key) = question.pair() else { continue };
        let place = Place::Question(question.id().to_owned());
        let found: Vec<_> = mirrors
            .iter()
            .filter_map(|other| {
                let mirror = other.questions().find(|o| o.pair() == Some(key))?;
                Some((other.id(), mirror))
            })
            .collect();
        if found.is_empty() {
            errors.push(
                &path,
                place.clone(),
                Problem::PairMissing {
                    key: key.to_owned(),
                    other: q.pairs_with().join("\" or \""),
                },
            );
        }
        for (other_id, mirror) in found {
            if let (
                Some(Scored::Dimension {
                    dimension: mine, ..
                }),
                Some(Scored::Dimension {
                    dimension: theirs, ..
                }),
            ) = (question.scored(), mirror.scored())
                && mine != theirs
            {
                let reason = format!(
                    "pair \"{key}\" is {} here but {} in \"{other_id}\"",
                    mine.as_str(),
                    theirs.as_str()
                );
                errors.push(&path, place.clone(), Problem::Invalid(reason));
            }
        }
    }
}
