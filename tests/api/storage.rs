//! Storage on every backend: the same tests run on SQLite and, when
//! `TEST_DATABASE_URL` is set, on PostgreSQL.

mod campaigns;
mod connection;
mod delegation_races;
mod delegations;
mod evidence;
mod evidence_carry;
mod group_commit;
mod migrations;
mod questionnaires;
mod responses;
mod rounds;
mod signing_keys;
pub(crate) mod trend_rounds;

use liaison::participants::OrganisationKind;
use liaison::storage::DbConn;
use liaison::storage::campaigns::QuestionnaireChoice;
use liaison::storage::questionnaires::{
    NewQuestionnaireSnapshot, QuestionnaireSnapshot, store_snapshot,
};

/// Stores a snapshot of `content` as questionnaire `id` at `version`.
fn store(conn: &mut DbConn, id: &str, version: &str, content: &str) -> QuestionnaireSnapshot {
    store_snapshot(
        conn,
        &NewQuestionnaireSnapshot::new(id, version, content.to_owned()),
    )
    .expect("store snapshot")
}

/// `audience` answers questionnaire `id` at `version`.
fn choice(audience: OrganisationKind, id: &str, version: &str) -> QuestionnaireChoice {
    QuestionnaireChoice {
        audience,
        questionnaire_id: id.to_owned(),
        questionnaire_version: version.to_owned(),
    }
}
