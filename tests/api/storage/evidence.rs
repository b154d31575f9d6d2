//! Evidence on both backends: notes and files written and read back byte for byte, the
//! limits, the response's state, removal (carrying and the reports' names are in
//! `evidence_carry`).

use liaison::evidence::{self, Change, EvidenceError, EvidenceLimits, Refusal, Upload};
use liaison::ids::{InvitationId, ResponseId};
use liaison::responses::{self, Actor, ResponseState};
use liaison::storage::{self, DbConn};

use crate::fixtures::{
    CampaignBuilder, MATURITY, ParticipantBuilder, ResponseBuilder, every_answer, questionnaire,
};
use crate::test_db::TestDb;

pub(super) const LIMITS: EvidenceLimits = EvidenceLimits {
    file_bytes: 1024,
    response_bytes: 2048,
};

/// A campaign with two draft responses; their ids.
pub(super) fn two_drafts(conn: &mut DbConn) -> (ResponseId, ResponseId) {
    let q = questionnaire(MATURITY);
    let built = CampaignBuilder::new("Evidence")
        .questionnaire(MATURITY)
        .participant(
            ParticipantBuilder::new("a@one.example.org")
                .response(ResponseBuilder::draft(every_answer(q, 2.0, "AT"))),
        )
        .participant(
            ParticipantBuilder::new("b@two.example.org")
                .response(ResponseBuilder::draft(every_answer(q, 1.0, "BE"))),
        )
        .build(conn);
    let id = |i: usize| ResponseId(built.participants[i].response_id());
    (id(0), id(1))
}

/// Every byte value, so a backend that mangled binary would show it; made a PDF by its head.
pub(super) fn pdf_bytes() -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend(0..=255u8);
    bytes
}

pub(super) fn file(name: &str, bytes: Vec<u8>) -> Upload {
    Upload {
        file_name: name.to_owned(),
        bytes,
    }
}

pub(super) fn change(note: &str, files: Vec<Upload>) -> Change {
    Change {
        note: note.to_owned(),
        personal: false,
        files,
    }
}

fn refusals(outcome: Result<(), EvidenceError>) -> Vec<Refusal> {
    match outcome {
        Err(EvidenceError::Refused(refusals)) => refusals,
        other => panic!("expected refusals, got {other:?}"),
    }
}

#[test]
fn a_note_and_a_file_are_stored_and_read_back_byte_for_byte() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let (response, _) = two_drafts(&mut conn);
        let sent = change(
            "Incident policy v3, 2025",
            vec![file("../Policy 2025.pdf", pdf_bytes())],
        );
        evidence::save(&mut conn, response, "O-1", &sent, LIMITS, storage::now())
            .unwrap_or_else(|e| panic!("{db}: {e}"));

        let stored = evidence::of_response(&mut conn, response).expect("read");
        let o1 = stored.of("O-1").expect("evidence of O-1");
        assert_eq!(
            o1.note.as_ref().map(|n| n.text.as_str()),
            Some("Incident policy v3, 2025"),
            "{db}"
        );
        let info = &o1.files[0];
        assert_eq!(info.file_name, "Policy 2025.pdf", "{db}");
        assert_eq!(info.media_type, "application/pdf", "{db}");
        assert_eq!(info.size_bytes, pdf_bytes().len() as i64, "{db}");
        assert_eq!(info.sha256.len(), 64, "{db}");
        let back = evidence::file_for_respondent(&mut conn, response, "O-1", info.id)
            .unwrap_or_else(|e| panic!("{db}: {e}"));
        assert_eq!(
            back.content,
            pdf_bytes(),
            "{db}: the content comes back whole"
        );
        assert!(
            evidence::file_for_respondent(&mut conn, response, "O-2", info.id).is_err(),
            "{db}: a file belongs to its question"
        );
        assert_eq!(
            evidence::counts(&mut conn, response).expect("counts")["O-1"],
            (1, 1),
            "{db}"
        );

        // An empty note removes the note and keeps the files.
        evidence::save(
            &mut conn,
            response,
            "O-1",
            &change("  ", vec![]),
            LIMITS,
            storage::now(),
        )
        .expect("saved");
        let stored = evidence::of_response(&mut conn, response).expect("read");
        assert!(stored.of("O-1").expect("files left").note.is_none(), "{db}");
    }
}

#[test]
fn refused_evidence_writes_nothing_and_names_every_problem() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let (response, _) = two_drafts(&mut conn);
        let mut program = b"MZ".to_vec();
        program.resize(200, 0x90);
        let sent = change(
            &"x".repeat(2001),
            vec![
                file("empty.txt", Vec::new()),
                file("huge.txt", vec![b'a'; 1025]),
                file("invoice.pdf", program),
                file("fine.txt", b"fine".to_vec()),
            ],
        );
        let refused = refusals(evidence::save(
            &mut conn,
            response,
            "O-1",
            &sent,
            LIMITS,
            storage::now(),
        ));
        assert_eq!(refused.len(), 4, "{db}: {refused:?}");
        assert!(matches!(refused[0], Refusal::NoteTooLong { chars: 2001 }));
        assert!(matches!(&refused[1], Refusal::Empty { name } if name == "empty.txt"));
        assert!(matches!(
            &refused[2],
            Refusal::TooLarge {
                size: 1025,
                limit: 1024,
                ..
            }
        ));
        assert!(matches!(&refused[3], Refusal::Type { name, .. } if name == "invoice.pdf"));
        assert!(
            evidence::of_response(&mut conn, response)
                .expect("read")
                .is_empty(),
            "{db}: not even the acceptable file was written"
        );
    }
}

#[test]
fn the_files_of_a_response_stay_within_its_budget() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let (response, other) = two_drafts(&mut conn);
        let text = |n: usize| vec![b't'; n];
        evidence::save(
            &mut conn,
            response,
            "O-1",
            &change(
                "",
                vec![file("a.txt", text(1000)), file("b.txt", text(1000))],
            ),
            LIMITS,
            storage::now(),
        )
        .unwrap_or_else(|e| panic!("{db}: {e}"));
        let refused = refusals(evidence::save(
            &mut conn,
            response,
            "O-2",
            &change("kept? no", vec![file("c.txt", text(49))]),
            LIMITS,
            storage::now(),
        ));
        assert_eq!(
            refused,
            vec![Refusal::OverBudget {
                name: "c.txt".into(),
                size: 49,
                used: 2000,
                limit: 2048
            }],
            "{db}"
        );
        assert!(
            evidence::of_response(&mut conn, response)
                .expect("read")
                .of("O-2")
                .is_none(),
            "{db}: the note of the refused change is not written either"
        );
        // Another response has a budget of its own.
        evidence::save(
            &mut conn,
            other,
            "O-2",
            &change("", vec![file("c.txt", text(49))]),
            LIMITS,
            storage::now(),
        )
        .unwrap_or_else(|e| panic!("{db}: {e}"));
        // Removing a file makes room.
        let first = evidence::of_response(&mut conn, response).expect("read");
        let id = first.of("O-1").expect("files").files[0].id;
        evidence::remove_file(&mut conn, response, "O-1", id).expect("removed");
        assert!(matches!(
            evidence::remove_file(&mut conn, response, "O-1", id),
            Err(EvidenceError::NotFound)
        ));
        evidence::save(
            &mut conn,
            response,
            "O-2",
            &change("", vec![file("c.txt", text(49))]),
            LIMITS,
            storage::now(),
        )
        .unwrap_or_else(|e| panic!("{db}: {e}"));
    }
}

#[test]
fn a_submitted_response_takes_no_change_of_evidence() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let (response, _) = two_drafts(&mut conn);
        evidence::save(
            &mut conn,
            response,
            "O-1",
            &change("before", vec![file("a.txt", b"a".to_vec())]),
            LIMITS,
            storage::now(),
        )
        .expect("saved");
        let invitation = storage::responses::get(&mut conn, response.get())
            .expect("response")
            .invitation_id;
        let actor = Actor::Link(InvitationId(invitation));
        responses::submit(
            &mut conn,
            response,
            questionnaire(MATURITY),
            actor,
            storage::now(),
        )
        .expect("submitted");
        assert_eq!(
            storage::responses::get(&mut conn, response.get())
                .expect("response")
                .state,
            ResponseState::Submitted
        );
        let again = evidence::save(
            &mut conn,
            response,
            "O-1",
            &change("after", vec![]),
            LIMITS,
            storage::now(),
        );
        assert!(matches!(again, Err(EvidenceError::NotEditable)), "{db}");
        let id = evidence::of_response(&mut conn, response)
            .expect("read")
            .of("O-1")
            .expect("kept")
            .files[0]
            .id;
        assert!(matches!(
            evidence::remove_file(&mut conn, response, "O-1", id),
            Err(EvidenceError::NotEditable)
        ));
        let kept = evidence::of_response(&mut conn, response).expect("read");
        assert_eq!(
            kept.of("O-1")
                .and_then(|e| e.note.as_ref())
                .map(|n| n.text.as_str()),
            Some("before"),
            "{db}"
        );
    }
}
