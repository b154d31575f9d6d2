//! Evidence carried from one response to another, and the names of files the reports read,
//! on both backends.

use liaison::evidence::{self, Carried, carry};
use liaison::ids::{InvitationId, ResponseId};
use liaison::responses::{self, Actor};
use liaison::storage;

use super::evidence::{LIMITS, change, file, pdf_bytes, two_drafts};
use crate::fixtures::{
    CampaignBuilder, MATURITY, ParticipantBuilder, ResponseBuilder, every_answer, questionnaire,
};
use crate::test_db::TestDb;

#[test]
fn carrying_copies_notes_always_and_files_only_when_asked_and_never_twice() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let (last_round, this_round) = two_drafts(&mut conn);
        let mut personal = change("Named: the CISO, J. Doe", vec![]);
        personal.personal = true;
        evidence::save(
            &mut conn,
            last_round,
            "O-1",
            &personal,
            LIMITS,
            storage::now(),
        )
        .expect("saved");
        evidence::save(
            &mut conn,
            last_round,
            "O-2",
            &change("Charter 2024", vec![file("charter.pdf", pdf_bytes())]),
            LIMITS,
            storage::now(),
        )
        .expect("saved");
        evidence::save(
            &mut conn,
            last_round,
            "O-3",
            &change("not carried", vec![]),
            LIMITS,
            storage::now(),
        )
        .expect("saved");

        let notes_only = carry(&mut conn, last_round, this_round, &["O-1", "O-2"], false)
            .unwrap_or_else(|e| panic!("{db}: {e}"));
        assert_eq!(notes_only, Carried { notes: 2, files: 0 }, "{db}");
        let carried = evidence::of_response(&mut conn, this_round).expect("read");
        assert!(carried.of("O-2").expect("note").files.is_empty(), "{db}");
        assert!(
            carried.of("O-3").is_none(),
            "{db}: only the questions asked"
        );
        assert_eq!(
            carried
                .of("O-1")
                .and_then(|e| e.note.clone())
                .map(|n| n.personal),
            Some(true),
            "{db}: the personal mark comes along"
        );

        let with_files =
            carry(&mut conn, last_round, this_round, &["O-1", "O-2"], true).expect("carried");
        assert_eq!(with_files, Carried { notes: 2, files: 1 }, "{db}");
        let again =
            carry(&mut conn, last_round, this_round, &["O-1", "O-2"], true).expect("carried");
        assert_eq!(again.files, 0, "{db}: the same content is not copied twice");
        let now_held = evidence::of_response(&mut conn, this_round).expect("read");
        let copied = now_held.of("O-2").expect("files").files[0].id;
        let content =
            evidence::file_for_respondent(&mut conn, this_round, "O-2", copied).expect("the copy");
        assert_eq!(content.content, pdf_bytes(), "{db}");
        assert_eq!(content.info.file_name, "charter.pdf", "{db}");
        // The source keeps its own.
        assert_eq!(
            evidence::counts(&mut conn, last_round).expect("counts")["O-2"],
            (1, 1),
            "{db}"
        );
    }
}

#[test]
fn the_reports_read_the_names_of_submitted_responses_files_only() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let q = questionnaire(MATURITY);
        let built = CampaignBuilder::new("Named")
            .questionnaire(MATURITY)
            .participant(
                ParticipantBuilder::new("a@one.example.org")
                    .response(ResponseBuilder::draft(every_answer(q, 2.0, "AT"))),
            )
            .participant(
                ParticipantBuilder::new("b@two.example.org")
                    .response(ResponseBuilder::draft(every_answer(q, 1.0, "BE"))),
            )
            .build(&mut conn);
        let ids: Vec<ResponseId> = built
            .participants
            .iter()
            .map(|p| ResponseId(p.response_id()))
            .collect();
        for id in &ids {
            let files = vec![file("a.txt", b"one".to_vec()), file("b.png", png())];
            evidence::save(
                &mut conn,
                *id,
                "O-1",
                &change("", files),
                LIMITS,
                storage::now(),
            )
            .expect("saved");
        }
        let invitation = storage::responses::get(&mut conn, ids[0].get())
            .expect("response")
            .invitation_id;
        responses::submit(
            &mut conn,
            ids[0],
            q,
            Actor::Link(InvitationId(invitation)),
            storage::now(),
        )
        .expect("submitted");
        let rows = storage::report_rows::submitted_rows(&mut conn, built.id()).expect("rows");
        assert_eq!(rows.evidence_files.len(), 1, "{db}: the draft is left out");
        assert_eq!(
            rows.evidence_files[&ids[0].get()]["O-1"],
            ["a.txt", "b.png"],
            "{db}"
        );
    }
}

/// The smallest PNG header the sniffer knows.
fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend_from_slice(&[0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
    bytes
}
