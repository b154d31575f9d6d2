//! The rows a campaign report is built from, read with a fixed number of queries
//! however many responses there are: one for the submitted responses with their
//! organisations, one streamed pass over all their answers, one for the names of their
//! evidence files.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use diesel::connection::DefaultLoadingMode;
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::schema::{answers, evidence_files, invitations, organisations, participants, responses};
use super::{DbConn, StorageError};
use crate::participants::OrganisationKind;
use crate::responses::ResponseState;

mod interned;
mod plain;
mod scan;

use interned::{Interner, ShortText};

/// One submitted response with who gave it.
#[derive(Debug, Clone, PartialEq, Eq, Queryable)]
pub struct ResponseRow {
    pub response_id: i64,
    pub organisation_id: i64,
    pub organisation: String,
    /// ISO 3166-1 alpha-2 of the organisation.
    pub country: String,
    /// The participant's audience, i.e. which questionnaire they answered.
    pub audience: OrganisationKind,
    pub questionnaire_id: String,
    pub questionnaire_version: String,
    pub submitted_at: Option<NaiveDateTime>,
}

/// The answers of many responses as parallel columns, ordered by response id.
///
/// Question ids and JSON values are interned: a campaign repeats a few dozen
/// question ids and a handful of distinct values millions of times, so each
/// distinct text is kept (and later decoded) once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AnswerColumns {
    pub response_ids: Vec<i64>,
    /// Index into `question_texts`.
    pub question_ids: Vec<u32>,
    /// Index into `value_texts`.
    pub values: Vec<u32>,
    /// Every distinct question id, in no particular order.
    pub question_texts: Vec<String>,
    /// Every distinct stored JSON value, in no particular order.
    pub value_texts: Vec<String>,
}

impl AnswerColumns {
    /// How many answers there are.
    pub fn len(&self) -> usize {
        self.response_ids.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.response_ids.is_empty()
    }
}

/// Everything submitted to one campaign, ready for the reports.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CampaignRows {
    /// Ordered by response id.
    pub responses: Vec<ResponseRow>,
    /// Ordered by response id, then question id.
    pub answers: AnswerColumns,
    /// The names of the evidence files of each answer (never their content).
    pub evidence_files: FileNames,
    /// The responses whose organisations agreed to share them with their counterparts
    /// (see `crate::disclosure`).
    pub consenting: std::collections::HashSet<i64>,
}

/// Every response of a campaign that counts in reports (submitted, or accepted when it
/// requires review: see `ResponseState::counts_in_reports_of`), all their answers and the names of their evidence
/// files, in three queries.
/// Drafts are left out: only a submitted response is final.
pub fn submitted_rows(conn: &mut DbConn, campaign_id: i64) -> Result<CampaignRows, StorageError> {
    let counting = super::campaigns::counting_states(conn, campaign_id)?;
    let responses = responses::table
        .inner_join(
            invitations::table.inner_join(participants::table.inner_join(organisations::table)),
        )
        .filter(participants::campaign_id.eq(campaign_id))
        .filter(responses::state.eq_any(&counting))
        .order(responses::id)
        .select((
            responses::id,
            organisations::id,
            organisations::name,
            organisations::country,
            participants::audience,
            responses::questionnaire_id,
            responses::questionnaire_version,
            responses::submitted_at,
        ))
        .load::<ResponseRow>(conn)?;
    let started = std::time::Instant::now();
    let ids: Vec<i64> = responses.iter().map(|r| r.response_id).collect();
    let answers = submitted_answers(conn, campaign_id, &counting, &ids)?;
    tracing::debug!(ms = started.elapsed().as_millis() as u64, "answers read");
    let evidence_files = evidence_file_names(conn, campaign_id, &counting)?;
    let consenting = super::gap_consents::of_campaign(conn, campaign_id)?;
    Ok(CampaignRows {
        responses,
        answers,
        evidence_files,
        consenting,
    })
}

/// All answers of the campaign's submitted responses (`ids`, sorted): one plain scan of
/// the answers table over the cores when the campaign holds most responses of a SQLite
/// file (see `scan`), else one streamed query through the primary key, interned as they
/// arrive so the whole result never sits in memory as strings.
fn submitted_answers(
    conn: &mut DbConn,
    campaign_id: i64,
    counting: &[ResponseState],
    ids: &[i64],
) -> Result<AnswerColumns, StorageError> {
    if let DbConn::Sqlite(sqlite) = conn
        && let Some(file) = scan::worth_scanning(sqlite, ids)?
    {
        tracing::debug!(file = %file.display(), "answers read in a plain scan");
        return scan::scan_answers(&file, ids);
    }
    // A filter on the response ids rather than a join: SQLite then walks the answers'
    // primary key in order, where the join drove from participants and sorted millions
    // of rows in a temporary B-tree for the ORDER BY.
    let submitted = responses::table
        .inner_join(invitations::table.inner_join(participants::table))
        .filter(participants::campaign_id.eq(campaign_id))
        .filter(responses::state.eq_any(counting))
        .select(responses::id);
    // Value and question id come as one text: every field read costs the driver more
    // than SQLite's joining them. Stored values are JSON, which never holds a raw unit
    // separator, so the first one ends the value.
    let query = answers::table
        .filter(answers::response_id.eq_any(submitted))
        .order((answers::response_id, answers::question_id))
        .select((
            answers::response_id,
            answers::value
                .concat(SEPARATOR.to_string())
                .concat(answers::question_id),
        ));
    // Each backend's own rows: the multi-backend wraps every row it hands out, which
    // costs more than reading the row itself when there are millions of them.
    match conn {
        DbConn::Sqlite(conn) => {
            interned(query.load_iter::<(i64, ShortText), DefaultLoadingMode>(conn)?)
        }
        DbConn::Pg(conn) => {
            interned(query.load_iter::<(i64, ShortText), DefaultLoadingMode>(conn)?)
        }
    }
}

/// The names of evidence files by response id, then question id, in upload order.
pub type FileNames = BTreeMap<i64, BTreeMap<String, Vec<String>>>;

/// The names of the files of each answer of the campaign's responses in `states`: what
/// answers.csv lists (never content).
fn evidence_file_names(
    conn: &mut DbConn,
    campaign_id: i64,
    states: &[ResponseState],
) -> Result<FileNames, StorageError> {
    let of_campaign = responses::table
        .inner_join(invitations::table.inner_join(participants::table))
        .filter(participants::campaign_id.eq(campaign_id))
        .filter(responses::state.eq_any(states))
        .select(responses::id);
    let rows: Vec<(i64, String, String)> = evidence_files::table
        .filter(evidence_files::response_id.eq_any(of_campaign))
        .order((
            evidence_files::response_id,
            evidence_files::question_id,
            evidence_files::id,
        ))
        .select((
            evidence_files::response_id,
            evidence_files::question_id,
            evidence_files::file_name,
        ))
        .load(conn)?;
    let mut names = FileNames::new();
    for (response, question, name) in rows {
        names
            .entry(response)
            .or_default()
            .entry(question)
            .or_default()
            .push(name);
    }
    Ok(names)
}

/// Between an answer's value and its question id in the rows `submitted_answers` reads.
const SEPARATOR: char = '\u{1f}';

/// Lays out streamed (response id, value + separator + question id) rows as interned columns.
fn interned(
    rows: impl Iterator<Item = QueryResult<(i64, ShortText)>>,
) -> Result<AnswerColumns, StorageError> {
    let mut columns = AnswerColumns::default();
    let mut questions = Interner::default();
    let mut values = Interner::default();
    for row in rows {
        let (response_id, joined) = row?;
        let Some((value, question_id)) = joined.as_str().split_once(SEPARATOR) else {
            return Err(StorageError::Corrupt(format!(
                "an answer of response {response_id} came back without its question id"
            )));
        };
        columns.response_ids.push(response_id);
        columns
            .question_ids
            .push(questions.intern(question_id.as_bytes()));
        columns.values.push(values.intern(value.as_bytes()));
    }
    columns.question_texts = questions.into_texts("question id")?;
    columns.value_texts = values.into_texts("value")?;
    Ok(columns)
}

/// How many invitations a campaign has per audience, revoked ones included.
pub fn invitation_counts(
    conn: &mut DbConn,
    campaign_id: i64,
) -> Result<Vec<(OrganisationKind, i64)>, StorageError> {
    Ok(invitations::table
        .inner_join(participants::table)
        .filter(participants::campaign_id.eq(campaign_id))
        .group_by(participants::audience)
        .select((participants::audience, count_star()))
        .order(participants::audience)
        .load(conn)?)
}
