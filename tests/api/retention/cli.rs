//! `liaison retention run [--dry-run]` and `campaign create --retention-days` as a user
//! runs them, on a SQLite file.

use std::path::Path;

use diesel::prelude::*;
use liaison::storage::retention::participants_of;
use liaison::storage::schema::campaigns;

use crate::cli::{campaign_create, liaison_with, stdout_of};

#[test]
fn retention_run_says_what_it_would_erase_then_erases_it_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let database = format!("sqlite://{}", dir.path().join("cli.sqlite").display());
    let env = [
        ("LIAISON_DATABASE_URL", database.clone()),
        ("LIAISON_LOG", "warn".to_owned()),
    ];
    let mut create: Vec<&str> = campaign_create("Cooperation 2027").to_vec();
    create.extend(["--retention-days", "10"]);
    let refused = liaison_with(&env, &create);
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("retention_days: 10 is not allowed"),
        "{stderr}"
    );
    create.pop();
    create.push("30");
    stdout_of(&liaison_with(&env, &create));
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/participants-sample.csv");
    let sample = sample.to_str().expect("utf-8 path");
    stdout_of(&liaison_with(
        &env,
        &["participants", "import", "--campaign", "1", sample],
    ));
    stdout_of(&liaison_with(&env, &["invite", "--campaign", "1"]));
    stdout_of(&liaison_with(&env, &["campaign", "close", "1"]));
    let nothing = stdout_of(&liaison_with(&env, &["retention", "run"]));
    assert_eq!(
        nothing,
        "no campaign's retention period has ended: nothing to erase\n"
    );

    // A month and a day go by.
    let pool = liaison::storage::connect(&database, 1).expect("the database");
    let mut conn = pool.get().expect("a connection");
    let closed_at = liaison::storage::now() - chrono::Duration::days(31);
    diesel::update(campaigns::table.find(1))
        .set(campaigns::closed_at.eq(Some(closed_at)))
        .execute(&mut conn)
        .expect("backdated");
    let people = participants_of(&mut conn, 1).expect("participants");
    let rows = people.len();
    assert!(rows > 1);

    let dry = stdout_of(&liaison_with(&env, &["retention", "run", "--dry-run"]));
    assert_eq!(
        dry,
        format!(
            "campaign 1 (Cooperation 2027): would erase {rows} participant addresses and \
             names, {rows} link tokens, {rows} mails, 0 personal answers, 0 audit entries, \
             0 answer-history authors, 0 personal answer-history values, \
             0 evidence files, 0 personal evidence notes, 0 colleagues' addresses and names\n\
             nothing was changed (dry run)\n"
        )
    );
    assert_eq!(participants_of(&mut conn, 1).expect("participants"), people);

    let run = stdout_of(&liaison_with(&env, &["retention", "run"]));
    assert_eq!(
        run,
        dry.replace("would erase", "erased")
            .replace("nothing was changed (dry run)\n", "")
    );
    let erased = participants_of(&mut conn, 1).expect("participants");
    for (before, after) in people.iter().zip(&erased) {
        assert_ne!(before.email, after.email);
        assert_eq!(after.email, format!("erased-{}@erased.invalid", after.id));
        assert_eq!(after.name, "(erased)");
    }
    let again = stdout_of(&liaison_with(&env, &["retention", "run"]));
    assert_eq!(again, nothing);
    let shown = stdout_of(&liaison_with(&env, &["campaign", "show", "1"]));
    assert!(shown.contains("  personal data: Erased on "), "{shown}");
    for person in &people {
        assert!(!shown.contains(&person.email), "{shown}");
    }
}
