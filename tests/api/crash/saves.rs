//! Respondents saving sections and submitting from several tasks at once while the server
//! is killed: every acknowledged save survives whole, with its answer history (replaying
//! the history gives exactly the stored answers), and every response is either a draft or
//! fully submitted (answers complete, `submitted_at` set, receipt queued).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use liaison::ids::ResponseId;
use liaison::mail::OutboxKind;
use liaison::questionnaire::Answer;
use liaison::responses::ResponseState;
use liaison::storage::{outbox, responses};

use super::{Server, base_env, seed_invited};
use crate::helpers::csrf_token;
use crate::respondent::{Respondent, field_names};
use crate::test_db::TestDb;

/// Respondents saving at once; the even ones submit after one round of saves.
const RESPONDENTS: usize = 6;
/// Sections of `csirt-maturity`, all of level questions.
const SECTIONS: usize = 4;
/// Acknowledged saves before the kill.
const SAVES_BEFORE_KILL: usize = 30;

/// A request sent and not yet answered when the server died.
#[derive(Debug, Clone)]
enum Attempt {
    Save { section: usize, level: String },
    Submit,
}

/// What one respondent was told.
#[derive(Debug, Default)]
struct Progress {
    /// Section → the question ids of the page and the level of its last acknowledged save.
    acked: BTreeMap<usize, (Vec<String>, String)>,
    /// Question ids of every section page seen.
    pages: BTreeMap<usize, Vec<String>>,
    in_flight: Option<Attempt>,
    submit_acked: bool,
    /// Answers other than 303 from a living server: each one a failure.
    refused: Vec<String>,
}

#[tokio::test]
async fn no_acknowledged_save_is_lost_and_no_response_is_half_submitted_when_the_server_is_killed()
{
    for db in TestDb::all() {
        saves_survive_a_kill(db).await;
    }
}

async fn saves_survive_a_kill(db: TestDb) {
    let dir = tempfile::tempdir().expect("a folder");
    let env = base_env(&db, dir.path());
    let links = seed_invited(&db, &env, dir.path(), RESPONDENTS);
    let server = Server::start(&env, dir.path());
    let acked = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    let mut progress = Vec::new();
    for (i, (_, token)) in links.iter().enumerate() {
        let mut respondent = Respondent::at(&server.address, &format!("/r/{token}"), 1);
        respondent.client = client_from(i);
        let log = Arc::new(Mutex::new(Progress::default()));
        progress.push(log.clone());
        tasks.push(tokio::spawn(respond(i, respondent, log, acked.clone())));
    }
    while acked.load(Ordering::SeqCst) < SAVES_BEFORE_KILL && !tasks.iter().all(|t| t.is_finished())
    {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.kill();
    for task in tasks {
        task.await
            .expect("a respondent task ends without panicking");
    }

    let server = Server::start(&env, dir.path());
    let health = reqwest::get(format!("{}/health", server.address)).await;
    assert_eq!(health.expect("the restarted server answers").status(), 200);
    let mut conn = db.conn();
    let receipts: Vec<String> = outbox::list(&mut conn, None)
        .expect("the outbox")
        .into_iter()
        .filter(|m| m.kind == OutboxKind::Receipt)
        .map(|m| m.recipient)
        .collect();
    for ((email, token), log) in links.iter().zip(&progress) {
        let log = log.lock().expect("unpoisoned");
        assert!(log.refused.is_empty(), "{email}: {:?}", log.refused);
        let today = chrono::Utc::now().date_naive();
        let invitation = liaison::invitations::open(&mut conn, token, today)
            .expect("lookup")
            .expect("the link still opens")
            .invitation;
        let Some(response) =
            responses::find_for_invitation(&mut conn, invitation.id).expect("lookup")
        else {
            assert!(log.acked.is_empty(), "{email}: acknowledged saves are lost");
            continue;
        };
        let answers = responses::load_answers(&mut conn, response.id).expect("the answers");
        check_sections(email, &log, &answers);
        check_history(email, &mut conn, response.id, &answers);
        let receipt = receipts.contains(email);
        match response.state {
            ResponseState::Submitted => {
                assert!(response.submitted_at.is_some(), "{email}: no submitted_at");
                assert!(receipt, "{email}: submitted without its receipt");
                assert_eq!(log.pages.len(), SECTIONS, "{email}: submitted incomplete");
                for ids in log.pages.values() {
                    assert!(ids.iter().all(|id| answers.contains_key(id)), "{email}");
                }
            }
            _ => {
                assert!(!log.submit_acked, "{email}: an acknowledged submit is lost");
                assert!(
                    response.submitted_at.is_none(),
                    "{email}: draft with submitted_at"
                );
                assert!(!receipt, "{email}: a receipt for a draft");
            }
        }
    }
    // The restarted server takes saves again.
    let (_, token) = &links[1];
    let again = Respondent::at(&server.address, &format!("/r/{token}"), 1);
    assert_eq!(again.answer_levels(1, "1", "save").await.status(), 303);
}

/// A client of respondent `i` from an address of its own (127.0.0.2 …), so that each has
/// its own budget under the per-address rate limit of respondent links.
fn client_from(i: usize) -> reqwest::Client {
    let address = std::net::Ipv4Addr::new(127, 0, 0, u8::try_from(i + 2).expect("a few"));
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .local_address(std::net::IpAddr::V4(address))
        .build()
        .expect("a client")
}

/// Every section is exactly as its last acknowledged save left it, or as the save in
/// flight at the kill would leave it, never a mix; a section never acknowledged is empty
/// unless it was the one in flight.
fn check_sections(email: &str, log: &Progress, answers: &BTreeMap<String, Answer>) {
    for (section, ids) in &log.pages {
        let stored: Vec<Option<&Answer>> = ids.iter().map(|id| answers.get(id)).collect();
        let as_saved = |level: &str| {
            stored
                .iter()
                .all(|a| *a == Some(&Answer::Choice(level.to_owned())))
        };
        let in_flight = match &log.in_flight {
            Some(Attempt::Save { section: s, level }) if s == section => Some(level.as_str()),
            _ => None,
        };
        let acked = log.acked.get(section).map(|(_, level)| level.as_str());
        let whole = match acked {
            Some(level) => as_saved(level),
            None => stored.iter().all(Option::is_none),
        };
        assert!(
            whole || in_flight.is_some_and(as_saved),
            "{email}: section {section} is {stored:?}; acknowledged {acked:?}, in flight {in_flight:?}"
        );
    }
}

/// The answer history, replayed change after change, arrives exactly at the stored
/// answers, each change starting from where the one before left: no save committed its
/// answers without their history, or its history without its answers.
fn check_history(
    email: &str,
    conn: &mut liaison::storage::DbConn,
    response: i64,
    answers: &BTreeMap<String, Answer>,
) {
    let changes =
        liaison::responses::answer_history(conn, ResponseId(response)).expect("the answer history");
    let mut replayed: BTreeMap<String, Answer> = BTreeMap::new();
    for change in changes {
        let before = replayed.get(&change.question_id);
        assert_eq!(before, change.old.as_ref(), "{email}: {change:?}");
        match change.new {
            Some(new) => replayed.insert(change.question_id, new),
            None => replayed.remove(&change.question_id),
        };
    }
    assert_eq!(&replayed, answers, "{email}: history and answers differ");
}

/// Saves sections round after round (and submits after the first, for even `i`) until done or the
/// server dies; records what was acknowledged.
async fn respond(i: usize, r: Respondent, log: Arc<Mutex<Progress>>, acked: Arc<AtomicUsize>) {
    for round in 0.. {
        for section in 1..=SECTIONS {
            let level = ((round + i + section) % 5).to_string();
            match save(&r, section, &level, &log).await {
                Ok(()) => {
                    acked.fetch_add(1, Ordering::SeqCst);
                }
                Err(_) => return,
            }
        }
        if i.is_multiple_of(2) {
            let _ = submit(&r, &log).await;
            return;
        }
    }
}

async fn save(
    r: &Respondent,
    section: usize,
    level: &str,
    log: &Mutex<Progress>,
) -> Result<(), reqwest::Error> {
    let url = format!("{}{}/s/{section}", r.address, r.path);
    let html = r.client.get(&url).send().await?.text().await?;
    let names = field_names(&html);
    let ids: Vec<String> = names
        .iter()
        .map(|n| n.trim_start_matches("q.").to_owned())
        .collect();
    let token = csrf_token(&html).unwrap_or_default();
    let mut fields: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), level)).collect();
    fields.extend([("action", "next"), ("csrf_token", token.as_str())]);
    {
        let mut log = log.lock().expect("unpoisoned");
        log.pages.insert(section, ids.clone());
        log.in_flight = Some(Attempt::Save {
            section,
            level: level.to_owned(),
        });
    }
    let status = r.client.post(&url).form(&fields).send().await?.status();
    let mut log = log.lock().expect("unpoisoned");
    log.in_flight = None;
    if status == 303 {
        log.acked.insert(section, (ids, level.to_owned()));
    } else {
        log.refused
            .push(format!("save of section {section}: {status}"));
    }
    Ok(())
}

async fn submit(r: &Respondent, log: &Mutex<Progress>) -> Result<(), reqwest::Error> {
    let base = format!("{}{}", r.address, r.path);
    let html = r
        .client
        .get(format!("{base}/review"))
        .send()
        .await?
        .text()
        .await?;
    let token = csrf_token(&html).unwrap_or_default();
    log.lock().expect("unpoisoned").in_flight = Some(Attempt::Submit);
    let status = r
        .client
        .post(format!("{base}/submit"))
        .form(&[("csrf_token", token.as_str())])
        .send()
        .await?
        .status();
    let mut log = log.lock().expect("unpoisoned");
    log.in_flight = None;
    if status == 303 {
        log.submit_acked = true;
    } else {
        log.refused.push(format!("submit: {status}"));
    }
    Ok(())
}
