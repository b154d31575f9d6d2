//! Participants: reading participant lists (CSV or JSON), checking every row,
//! and importing them into a campaign, all or nothing.
//!
//! The path is read → check → import. `read_csv` turns bytes into
//! `RawParticipant`s (the JSON API deserialises into the same type); `check`
//! turns those into `ParticipantRecord`s or lists every problem of every row;
//! `import` writes records in one transaction and adds nobody twice. Any
//! problem anywhere and nothing is written. `list` reads them back, filtered.
//!
//! ```text
//! email,name,organisation,type,country,language
//! desk@csirt.example.org,Incident Response Desk,Alpine CSIRT,csirt,AT,de
//! ```
//! `assets/participants-sample.csv` is a complete example.

mod countries;
mod csv_file;
mod fields;
mod import;
mod languages;
mod listing;
mod problems;
mod raw;
mod record;

#[cfg(test)]
mod tests;

pub use countries::{all as all_countries, country_code};
pub use csv_file::read_csv;
pub use import::{ImportReport, audiences, import};
pub use listing::{ParticipantFilter, ParticipantStage, list};
pub use problems::{ImportError, RowProblem};
pub use raw::RawParticipant;
pub use record::{ParticipantRecord, check};

use crate::audit::Actor;
use crate::storage::DbConn;
use crate::storage::campaigns::CampaignDetails;

/// Reads and checks a CSV file in one go, so that problems of reading (a row
/// that is not UTF-8, or of the wrong length) and of the values are reported
/// together, in row order. A wrong header or an empty file stops at that.
pub fn check_csv(
    bytes: &[u8],
    audiences: &[OrganisationKind],
) -> Result<Vec<ParticipantRecord>, ImportError> {
    let (rows, mut problems) = csv_file::read_rows(bytes);
    let (records, mut found) = record::check_rows(rows, audiences);
    problems.append(&mut found);
    ImportError::unless_empty(problems)?;
    Ok(records)
}

/// Imports a CSV file into `campaign`: read, check against the campaign's
/// questionnaires, import. A closed campaign is refused before the file is read. The
/// import is audited as done by `actor`.
pub fn import_csv(
    conn: &mut DbConn,
    campaign: &CampaignDetails,
    bytes: &[u8],
    actor: &Actor,
) -> Result<ImportReport, ImportError> {
    import::refuse_closed(campaign)?;
    let records = check_csv(bytes, &audiences(campaign))?;
    import(conn, campaign.campaign.id, &records, actor)
}

/// Imports participants given as JSON (already deserialised) into `campaign`,
/// with the same rules as `import_csv`; rows are numbered by their 1-based
/// position in the array.
pub fn import_json(
    conn: &mut DbConn,
    campaign: &CampaignDetails,
    rows: Vec<RawParticipant>,
    actor: &Actor,
) -> Result<ImportReport, ImportError> {
    import::refuse_closed(campaign)?;
    let records = check(rows, &audiences(campaign))?;
    import(conn, campaign.campaign.id, &records, actor)
}

crate::words::word_enum!(
    /// What kind of body an organisation is; also the audience a questionnaire
    /// is sent to, since each kind answers its own questionnaire.
    OrganisationKind, "organisation kind", {
        /// A computer security incident response team.
        Csirt => "csirt",
        /// A law enforcement agency.
        Lea => "lea",
        /// A court, prosecutor's office or other judicial body.
        Judiciary => "judiciary",
    }
);
