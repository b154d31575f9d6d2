//! The benchmark's database: one maturity campaign with many submitted responses,
//! built once per size and schema and kept under the target folder.
//!
//! The campaign, its questionnaire snapshot and the organisations are made through the
//! storage API; participants, invitations, responses and answers are bulk-generated
//! (see `bulk`), so 4.5 million answers take seconds rather than the hours one save
//! per page would.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::NaiveDate;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sha2::{Digest, Sha256};

use liaison::campaigns::Tlp;
use liaison::participants::OrganisationKind;
use liaison::questionnaire::{Catalogue, Scored};
use liaison::storage::campaigns::{NewCampaign, QuestionnaireChoice, create_campaign};
use liaison::storage::organisations::{NewOrganisation, find_or_create_organisation};
use liaison::storage::questionnaires::record_catalogue;
use liaison::storage::{self};

use super::bulk::{bulk_rows, temp_tables};

/// Bump when the generated data changes shape, so cached files are rebuilt.
const GENERATOR_VERSION: &str = "report-scale data v1";

/// The questionnaire every response answers.
pub const QUESTIONNAIRE: &str = "csirt-maturity";

/// The campaign's name, as charts and exports show it.
pub const CAMPAIGN_NAME: &str = "CSIRT maturity 2026 (benchmark)";

/// EU member states with a rough weight for how many teams each fields.
const COUNTRIES: [(&str, u32); 27] = [
    ("DE", 12),
    ("FR", 11),
    ("IT", 9),
    ("ES", 8),
    ("PL", 6),
    ("NL", 5),
    ("BE", 4),
    ("RO", 4),
    ("CZ", 3),
    ("SE", 3),
    ("PT", 3),
    ("GR", 3),
    ("HU", 3),
    ("AT", 3),
    ("BG", 2),
    ("DK", 2),
    ("FI", 2),
    ("SK", 2),
    ("IE", 2),
    ("HR", 2),
    ("LT", 2),
    ("SI", 1),
    ("LV", 1),
    ("EE", 1),
    ("CY", 1),
    ("LU", 1),
    ("MT", 1),
];

/// Responses per organisation on average: many teams answer for several units.
const RESPONSES_PER_ORGANISATION: usize = 20;

/// A ready database file and the campaign in it.
pub struct Dataset {
    pub path: PathBuf,
    pub campaign_id: i64,
    pub responses: usize,
    pub answers: usize,
}

/// The cached database for `responses` submissions, generated first when missing.
pub fn prepare(
    responses: usize,
    cache_dir: &Path,
    catalogue_dir: &Path,
) -> anyhow::Result<Dataset> {
    let catalogue = Catalogue::load(catalogue_dir)
        .map_err(|e| anyhow::anyhow!("{e}"))
        .with_context(|| format!("loading questionnaires from {}", catalogue_dir.display()))?;
    let key = cache_key(responses, catalogue_dir)?;
    std::fs::create_dir_all(cache_dir)
        .with_context(|| format!("creating {}", cache_dir.display()))?;
    let path = cache_dir.join(format!("answers-{responses}-{key}.sqlite"));
    if path.exists() {
        println!("data: reusing {}", path.display());
    } else {
        remove_stale(cache_dir, responses)?;
        let started = std::time::Instant::now();
        let partial = path.with_extension("partial");
        generate(&partial, responses, &catalogue)?;
        std::fs::rename(&partial, &path)
            .with_context(|| format!("renaming {} to {}", partial.display(), path.display()))?;
        println!(
            "data: generated {} in {:.1} s",
            path.display(),
            started.elapsed().as_secs_f64()
        );
    }
    let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
    let (campaign_id, counted) = contents(&mut conn)?;
    Ok(Dataset {
        path,
        campaign_id,
        responses,
        answers: counted,
    })
}

/// A fingerprint of everything the file depends on: generator, size, migrations and questionnaire.
fn cache_key(responses: usize, catalogue_dir: &Path) -> anyhow::Result<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut hash = Sha256::new();
    hash.update(GENERATOR_VERSION);
    hash.update(responses.to_le_bytes());
    for dir in [
        root.join("migrations/sqlite"),
        catalogue_dir.join(QUESTIONNAIRE),
    ] {
        for file in files_under(&dir)? {
            hash.update(file.to_string_lossy().as_bytes());
            hash.update(
                std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?,
            );
        }
    }
    let digest = hash.finalize();
    Ok(digest.iter().take(8).map(|b| format!("{b:02x}")).collect())
}

/// Every file below `dir`, sorted, so the fingerprint does not depend on listing order.
fn files_under(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in
            std::fs::read_dir(&dir).with_context(|| format!("listing {}", dir.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Older files of the same size (another schema or generator) only take disk space.
fn remove_stale(cache_dir: &Path, responses: usize) -> anyhow::Result<()> {
    let prefix = format!("answers-{responses}-");
    for entry in std::fs::read_dir(cache_dir)? {
        let path = entry?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        if name.is_some_and(|n| n.starts_with(&prefix)) {
            std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
        }
    }
    Ok(())
}

fn generate(path: &Path, responses: usize, catalogue: &Catalogue) -> anyhow::Result<()> {
    if path.exists() {
        std::fs::remove_file(path)?;
    }
    let url = path.to_string_lossy().into_owned();
    let questionnaire = catalogue
        .get(QUESTIONNAIRE)
        .with_context(|| format!("questionnaire {QUESTIONNAIRE} is not in the catalogue"))?;
    let parameters: Vec<String> = questionnaire
        .questions()
        .filter(|q| matches!(q.scored(), Some(Scored::Category { .. })))
        .map(|q| q.id().to_owned())
        .collect();
    if parameters.is_empty() {
        bail!("questionnaire {QUESTIONNAIRE} has no SIM3 parameters to answer");
    }
    let organisations = (responses / RESPONSES_PER_ORGANISATION).max(3 * COUNTRIES.len());
    let mut rng = StdRng::seed_from_u64(2026);
    // Through the library: migrations, the questionnaire snapshot, the campaign, the teams.
    let pool = storage::connect(&url, 1)?;
    let mut conn = pool.get()?;
    record_catalogue(&mut conn, catalogue)?;
    let campaign = create_campaign(
        &mut conn,
        &NewCampaign {
            name: CAMPAIGN_NAME.to_owned(),
            tlp: Tlp::Amber,
            sender_organisation: "CSIRTs Network secretariat".to_owned(),
            closes_on: NaiveDate::from_ymd_opt(2026, 4, 30).context("closing date")?,
            questionnaires: vec![QuestionnaireChoice {
                audience: OrganisationKind::Csirt,
                questionnaire_id: QUESTIONNAIRE.to_owned(),
                questionnaire_version: questionnaire.version().to_owned(),
            }],
        },
    )?;
    let bases = conn.transaction(|conn| add_organisations(conn, organisations, &mut rng))?;
    drop(conn);
    drop(pool);
    // The bulk rows on a plain connection without journal: a failed run is thrown away whole.
    let mut conn = SqliteConnection::establish(&url)?;
    conn.batch_execute(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;",
    )?;
    let mut script = String::from("BEGIN;\n");
    script.push_str(&temp_tables(&bases, &parameters, &mut rng));
    script.push_str(&bulk_rows(
        campaign.campaign.id,
        questionnaire.version(),
        responses,
        bases.len(),
    ));
    script.push_str("COMMIT;\n");
    conn.batch_execute(&script)
        .context("generating participants, invitations, responses and answers")?;
    // As the service leaves its files.
    conn.batch_execute("PRAGMA journal_mode = WAL;")?;
    Ok(())
}

/// Creates the organisations, spread over the member states by weight, and returns each
/// one's id with its maturity base level in tenths (country level plus its own offset).
fn add_organisations(
    conn: &mut storage::DbConn,
    count: usize,
    rng: &mut StdRng,
) -> Result<Vec<(i64, i32)>, storage::StorageError> {
    let national: Vec<i32> = COUNTRIES
        .iter()
        .map(|_| rng.random_range(14..=34))
        .collect();
    let total: u32 = COUNTRIES.iter().map(|(_, w)| w).sum();
    let mut bases = Vec::with_capacity(count);
    for i in 0..count {
        // Every country gets its share, and at least three teams so national figures show.
        let at = if i < 3 * COUNTRIES.len() {
            i % COUNTRIES.len()
        } else {
            weighted(rng.random_range(0..total))
        };
        let (country, _) = COUNTRIES[at];
        let name = format!("CSIRT {country} {:04}", i + 1);
        let organisation = find_or_create_organisation(
            conn,
            &NewOrganisation {
                name: &name,
                kind: OrganisationKind::Csirt,
                country,
            },
        )?;
        // Two uniform draws: a bell-ish spread of ±1.2 levels around the national level.
        let own = rng.random_range(-6..=6) + rng.random_range(-6..=6);
        bases.push((organisation.id, national[at] + own));
    }
    Ok(bases)
}

/// The country index a draw in `0..total weight` falls on.
fn weighted(mut draw: u32) -> usize {
    for (i, (_, weight)) in COUNTRIES.iter().enumerate() {
        if draw < *weight {
            return i;
        }
        draw -= weight;
    }
    COUNTRIES.len() - 1
}

/// The campaign id and how many answers the file holds.
fn contents(conn: &mut SqliteConnection) -> anyhow::Result<(i64, usize)> {
    #[derive(QueryableByName)]
    struct Contents {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        campaign: i64,
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        answers: i64,
    }
    let found: Contents = diesel::sql_query(
        "SELECT (SELECT min(id) FROM campaigns) AS campaign, (SELECT count(*) FROM answers) AS answers",
    )
    .get_result(conn)
    .context("reading the benchmark campaign")?;
    Ok((found.campaign, usize::try_from(found.answers)?))
}
