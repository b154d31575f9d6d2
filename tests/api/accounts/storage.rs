//! The account tables through the storage functions, on SQLite and (when configured) PostgreSQL.

use liaison::accounts::Role;
use liaison::storage::{analysts, api_tokens as tokens};

#[tokio::test]
async fn accounts_sessions_tokens_and_the_audit_log_are_stored_on_every_backend() {
    use liaison::storage::{audit, now, sessions as stored_sessions};
    for db in crate::test_db::TestDb::all() {
        let backend = db.backend;
        let app = crate::helpers::spawn_app_on(db).await;
        let campaign = app.new_campaign("Stored").await;
        let conn = &mut app.db.conn();
        let ana = analysts::create_analyst(conn, " Ana@Example.org ", "!", Role::Analyst)
            .expect("created");
        assert_eq!(ana.email, "ana@example.org", "{backend:?}");
        let again = analysts::create_analyst(conn, "ANA@example.org", "!", Role::Admin);
        assert!(matches!(
            again,
            Err(liaison::storage::StorageError::Conflict(_))
        ));
        let found = analysts::find_by_email(conn, "ana@EXAMPLE.org").expect("found");
        assert_eq!(found.map(|a| a.id), Some(ana.id));

        analysts::assign_campaign(conn, ana.id, campaign).expect("assigned");
        analysts::assign_campaign(conn, ana.id, campaign).expect("assigned twice is fine");
        assert!(analysts::assign_campaign(conn, ana.id, 999).is_err());
        assert_eq!(
            analysts::campaigns_of(conn, ana.id).expect("ids"),
            [campaign]
        );
        assert!(!analysts::is_reviewer(conn, ana.id, campaign).expect("read"));
        assert!(analysts::set_reviewer(conn, ana.id, campaign, true).expect("set"));
        assert!(analysts::is_reviewer(conn, ana.id, campaign).expect("read"));
        assert_eq!(
            analysts::reviewed_campaigns_of(conn, ana.id).expect("ids"),
            [campaign]
        );
        assert!(
            !analysts::set_reviewer(conn, ana.id, 999, true).expect("set"),
            "{backend:?}: a campaign the analyst is not assigned to"
        );
        assert!(analysts::set_reviewer(conn, ana.id, campaign, false).expect("set"));
        assert!(!analysts::is_reviewer(conn, ana.id, campaign).expect("read"));

        let session = stored_sessions::create_session(conn, ana.id, now()).expect("a session");
        let who = stored_sessions::find_session_analyst(conn, &session.token, now());
        assert_eq!(who.expect("read").map(|a| a.id), Some(ana.id));
        let later = session.expires_at + chrono::Duration::seconds(1);
        let expired = stored_sessions::find_session_analyst(conn, &session.token, later);
        assert!(expired.expect("read").is_none());
        assert!(stored_sessions::delete_session(conn, &session.token).expect("deleted"));

        let issued = tokens::create_api_token(conn, ana.id, "script").expect("a token");
        let valid = tokens::find_valid_token(conn, &issued.token).expect("read");
        assert_eq!(
            valid.map(|(t, a)| (t.id, a.id)),
            Some((issued.row.id, ana.id))
        );
        tokens::touch_api_token(conn, issued.row.id, now()).expect("touched");
        analysts::disable_analyst(conn, ana.id).expect("disabled");
        assert!(
            tokens::find_valid_token(conn, &issued.token)
                .expect("read")
                .is_none()
        );

        audit::append(conn, "cli", "test.action", "campaign:1", Some("detail")).expect("appended");
        let last = audit::recent(conn, 1).expect("the log");
        assert_eq!(last[0].action, "test.action", "{backend:?}");
    }
}
