//! Retention erases every evidence file of the campaign, the notes marked as naming a
//! person and the notes on personal questions, and keeps the other notes; on both backends.

use chrono::NaiveDate;
use diesel::prelude::*;
use liaison::audit::Actor;
use liaison::evidence::{self, Change, EvidenceLimits, Upload};
use liaison::ids::ResponseId;
use liaison::retention::{self, Mode};
use liaison::storage::{self, schema::evidence_files};

use crate::fixtures::{
    CampaignBuilder, ParticipantBuilder, ResponseBuilder, catalogue, every_answer, questionnaire,
};
use crate::test_db::TestDb;

const COOPERATION: &str = "csirt-le-cooperation-csirt";

const LIMITS: EvidenceLimits = EvidenceLimits {
    file_bytes: 1 << 20,
    response_bytes: 1 << 22,
};

fn note(text: &str, personal: bool, files: Vec<Upload>) -> Change {
    Change {
        note: text.to_owned(),
        personal,
        files,
    }
}

#[test]
fn retention_erases_evidence_files_and_personal_notes_and_keeps_the_rest() {
    for db in TestDb::all() {
        let mut conn = db.conn();
        let q = questionnaire(COOPERATION);
        let built = CampaignBuilder::new("Erased")
            .questionnaire(COOPERATION)
            .participant(
                ParticipantBuilder::new("desk@one.example.org")
                    .response(ResponseBuilder::draft(every_answer(q, 2.0, "AT"))),
            )
            .build(&mut conn);
        let response = ResponseId(built.participants[0].response_id());
        let plain: Vec<&str> = q
            .questions()
            .filter(|x| !x.is_personal())
            .map(|x| x.id())
            .take(2)
            .collect();
        let personal_question = q.questions().find(|x| x.is_personal()).expect("one").id();
        let at = storage::now();
        let writes = [
            (
                plain[0],
                note(
                    "Kept: charter 2024",
                    false,
                    vec![Upload {
                        file_name: "charter.txt".into(),
                        bytes: b"charter".to_vec(),
                    }],
                ),
            ),
            (plain[1], note("Named: Inspector Ottoline", true, vec![])),
            (
                personal_question,
                note("On a personal question", false, vec![]),
            ),
        ];
        for (question, change) in &writes {
            evidence::save(&mut conn, response, question, change, LIMITS, at)
                .unwrap_or_else(|e| panic!("{db}: {e}"));
        }

        let later = NaiveDate::from_ymd_opt(2040, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .expect("a time");
        let dry = retention::run(&mut conn, catalogue(), later, &Actor::Cli, Mode::DryRun)
            .expect("a dry run");
        assert_eq!(
            (dry[0].evidence_files, dry[0].evidence_notes),
            (1, 2),
            "{db}"
        );
        assert_eq!(
            evidence::of_response(&mut conn, response)
                .expect("read")
                .iter()
                .count(),
            3
        );

        let erased = retention::run(&mut conn, catalogue(), later, &Actor::Cli, Mode::Erase)
            .expect("erased");
        assert_eq!(
            (erased[0].evidence_files, erased[0].evidence_notes),
            (1, 2),
            "{db}"
        );
        assert!(
            erased[0].to_string().ends_with(
                "1 evidence files, 2 personal evidence notes, 0 colleagues' addresses and names"
            ),
            "{}",
            erased[0]
        );
        let left = evidence::of_response(&mut conn, response).expect("read");
        let kept: Vec<(&str, Option<&str>, usize)> = left
            .iter()
            .map(|(q, e)| (q, e.note.as_ref().map(|n| n.text.as_str()), e.files.len()))
            .collect();
        assert_eq!(kept, [(plain[0], Some("Kept: charter 2024"), 0)], "{db}");
        let files: i64 = evidence_files::table
            .count()
            .get_result(&mut conn)
            .expect("count");
        assert_eq!(files, 0, "{db}: no file content is left anywhere");
    }
}
