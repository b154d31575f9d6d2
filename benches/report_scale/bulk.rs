//! The generating SQL: organisation levels and parameter difficulty as temporary
//! tables, then participants, invitations, responses and answers in `INSERT … SELECT`
//! statements over a recursive sequence, so millions of rows take seconds.
//!
//! This is the one place that writes responses without `liaison::responses`: a benchmark
//! fixture of 100,000 submitted responses, which one domain call per response would take
//! far too long to build. It writes no `response_events`, which the reports never read.

use rand::Rng;
use rand::rngs::StdRng;

use super::dataset::QUESTIONNAIRE;

/// Participants invited on top of those who submitted, per ten submissions.
const NOT_STARTED_PER_TEN: usize = 1;

/// Organisation base levels and per-parameter difficulty, for the generating queries.
pub fn temp_tables(bases: &[(i64, i32)], parameters: &[String], rng: &mut StdRng) -> String {
    let mut sql = String::from(
        "CREATE TEMP TABLE bench_organisations (id INTEGER PRIMARY KEY, base INTEGER NOT NULL);\n",
    );
    for chunk in bases.chunks(500) {
        let values: Vec<String> = chunk.iter().map(|(id, b)| format!("({id}, {b})")).collect();
        sql.push_str(&format!(
            "INSERT INTO bench_organisations VALUES {};\n",
            values.join(", ")
        ));
    }
    // Rows in question id order, so answers come out in primary key order.
    let mut sorted: Vec<&String> = parameters.iter().collect();
    sorted.sort();
    sql.push_str(
        "CREATE TEMP TABLE bench_parameters (position INTEGER PRIMARY KEY, question_id TEXT NOT NULL, difficulty INTEGER NOT NULL);\n",
    );
    let values: Vec<String> = sorted
        .iter()
        .enumerate()
        .map(|(i, id)| {
            // Some parameters are harder to formalise than others, in tenths of a level.
            let difficulty: i32 = rng.random_range(-8..=5);
            format!("({i}, '{id}', {difficulty})")
        })
        .collect();
    sql.push_str(&format!(
        "INSERT INTO bench_parameters VALUES {};\n",
        values.join(", ")
    ));
    sql
}

/// Participants (a tenth more than submitted, the rest never started), their sent
/// invitations, the submitted responses over five weeks (front-loaded), and one
/// answer per parameter: base + difficulty + noise of ±0.7 level, rounded, clamped to 0–4.
pub fn bulk_rows(campaign: i64, version: &str, responses: usize, organisations: usize) -> String {
    let participants = responses + responses * NOT_STARTED_PER_TEN / 10;
    format!(
        "
WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < {participants})
INSERT INTO participants (id, campaign_id, organisation_id, email, name, audience, language, created_at)
SELECT i, {campaign}, o, 'respondent' || i || '@team' || o || '.example.org', 'Respondent ' || i,
       'csirt', 'en', '2026-02-23 09:00:00'
FROM (SELECT i, 1 + (i * 48271) % {organisations} AS o FROM seq);

INSERT INTO invitations (id, participant_id, token_hash, state, created_at, sent_at)
SELECT id, id, 'benchmark-token-' || id, 'sent', '2026-02-27 08:00:00', '2026-03-02 08:00:00'
FROM participants ORDER BY id;

INSERT INTO responses (id, invitation_id, questionnaire_id, questionnaire_version, state,
                       language, started_at, updated_at, submitted_at)
SELECT id, id, '{QUESTIONNAIRE}', '{version}', 'submitted', 'en', datetime(at, '-90 minutes'), at, at
FROM (
    SELECT id, datetime('2026-03-02 08:00:00',
                        '+' || (3024000 * u * u / 1000000) || ' seconds') AS at
    FROM (SELECT id, ((id % 1000003) * 2654435761 % 4294967296) / 65536 % 1000 AS u
          FROM invitations WHERE id <= {responses} ORDER BY id)
);

INSERT INTO answers (response_id, question_id, value, updated_at)
SELECT r.id, p.question_id,
       '{{\"choice\":\"' || max(0, min(4, (o.base + p.difficulty
           + ((((r.id % 1000003) * 7919 + p.position * 104729 + 12345) * 1103515245
               % 4294967296) / 65536 % 15) - 7 + 5) / 10)) || '\"}}',
       r.submitted_at
FROM responses r
CROSS JOIN participants pa ON pa.id = r.invitation_id
CROSS JOIN bench_organisations o ON o.id = pa.organisation_id
CROSS JOIN bench_parameters p;
"
    )
}
