//! The rows a campaign report is built from, read with a fixed number of queries
//! however many responses there are: one for the submitted responses with their
//! organisations, one streamed pass over all their answers.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::connection::DefaultLoadingMode;
use diesel::dsl::count_star;
use diesel::prelude::*;

use super::schema::{answers, invitations, organisations, participants, responses};
use super::{DbConn, OrganisationKind, ResponseState, StorageError};

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
    /// Every distinct question id, in order of first appearance.
    pub question_texts: Vec<String>,
    /// Every distinct stored JSON value, in order of first appearance.
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
}

/// Every submitted response of a campaign and all their answers, in two queries.
/// Drafts are left out: only a submitted response is final.
pub fn submitted_rows(conn: &mut DbConn, campaign_id: i64) -> Result<CampaignRows, StorageError> {
    let responses = responses::table
        .inner_join(
            invitations::table.inner_join(participants::table.inner_join(organisations::table)),
        )
        .filter(participants::campaign_id.eq(campaign_id))
        .filter(responses::state.eq(ResponseState::Submitted))
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
    let answers = submitted_answers(conn, campaign_id)?;
    Ok(CampaignRows { responses, answers })
}

/// All answers of the campaign's submitted responses in one streamed query,
/// interned as they arrive so the whole result never sits in memory as strings.
fn submitted_answers(conn: &mut DbConn, campaign_id: i64) -> Result<AnswerColumns, StorageError> {
    let query = answers::table
        .inner_join(responses::table.inner_join(invitations::table.inner_join(participants::table)))
        .filter(participants::campaign_id.eq(campaign_id))
        .filter(responses::state.eq(ResponseState::Submitted))
        .order((answers::response_id, answers::question_id))
        .select((answers::response_id, answers::question_id, answers::value));
    let mut columns = AnswerColumns::default();
    let mut questions = Interner::default();
    let mut values = Interner::default();
    for row in query.load_iter::<(i64, String, String), DefaultLoadingMode>(conn)? {
        let (response_id, question_id, value) = row?;
        columns.response_ids.push(response_id);
        columns.question_ids.push(questions.intern(question_id));
        columns.values.push(values.intern(value));
    }
    columns.question_texts = questions.texts;
    columns.value_texts = values.texts;
    Ok(columns)
}

/// When each submitted response of a campaign came in, oldest first, with its audience.
pub fn submission_times(
    conn: &mut DbConn,
    campaign_id: i64,
) -> Result<Vec<(NaiveDateTime, OrganisationKind)>, StorageError> {
    let rows: Vec<(Option<NaiveDateTime>, OrganisationKind)> = responses::table
        .inner_join(invitations::table.inner_join(participants::table))
        .filter(participants::campaign_id.eq(campaign_id))
        .filter(responses::state.eq(ResponseState::Submitted))
        .order((responses::submitted_at, responses::id))
        .select((responses::submitted_at, participants::audience))
        .load(conn)?;
    // A submitted response always has its time; a missing one is skipped rather than guessed.
    Ok(rows
        .into_iter()
        .filter_map(|(at, audience)| Some((at?, audience)))
        .collect())
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

/// Hands out a small index per distinct text.
#[derive(Default)]
struct Interner {
    index: HashMap<String, u32>,
    texts: Vec<String>,
}

impl Interner {
    fn intern(&mut self, text: String) -> u32 {
        if let Some(&i) = self.index.get(&text) {
            return i;
        }
        // More than 4 billion distinct texts cannot come from one campaign's answers.
        let i = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        self.texts.push(text.clone());
        self.index.insert(text, i);
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interning_gives_each_distinct_text_one_index_in_order_of_arrival() {
        let mut interner = Interner::default();
        let got: Vec<u32> = ["b", "a", "b", "c", "a"]
            .into_iter()
            .map(|t| interner.intern(t.to_owned()))
            .collect();
        assert_eq!(got, vec![0, 1, 0, 2, 1]);
        assert_eq!(interner.texts, vec!["b", "a", "c"]);
    }
}
