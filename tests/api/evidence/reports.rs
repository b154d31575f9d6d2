//! answers.csv says how many files each answer has and names them; their content is in no
//! report file.

use super::{first_question, send_evidence, small_pdf};
use crate::fixtures::MATURITY;
use crate::helpers::spawn_app;
use crate::respondent::invite;

#[tokio::test]
async fn answers_csv_counts_and_names_each_answers_files_and_holds_no_content() {
    let app = spawn_app().await;
    let r = invite(&app, &[MATURITY], "csirt", "en").await;
    let question = first_question();
    let secret = b"Contents only the evidence holds: 7f3a-unique";
    let files: [(&str, &[u8]); 2] = [("=cmd.txt", secret), ("policy.pdf", &small_pdf())];
    assert_eq!(
        send_evidence(&r, question, "Note", false, &files)
            .await
            .status(),
        303
    );
    for n in 1..=4 {
        assert_eq!(r.answer_levels(n, "2", "next").await.status(), 303);
    }
    assert_eq!(r.post("/submit", &[]).await.status(), 303);
    let built = app
        .post_api(
            &format!("/campaigns/{}/reports", r.campaign),
            serde_json::json!(null),
        )
        .await;
    assert!(built.status().is_success(), "{}", built.status());
    let csv = app
        .api(
            reqwest::Method::GET,
            &format!("/campaigns/{}/reports/answers.csv", r.campaign),
            None,
        )
        .await
        .text()
        .await
        .expect("answers.csv");
    let mut lines = csv.lines().skip(1);
    let header = lines.next().expect("a header");
    assert!(
        header.ends_with(",level,evidence_files,evidence_file_names"),
        "{header}"
    );
    let with_files: Vec<&str> = lines.clone().filter(|l| !l.ends_with(",0,")).collect();
    assert_eq!(with_files.len(), 1, "{with_files:?}");
    let row = with_files[0];
    assert!(row.contains(&format!(",{question},")), "{row}");
    // A name that would run as a formula is neutralised like every text cell.
    assert!(row.ends_with(",2,\"'=cmd.txt;policy.pdf\""), "{row}");
    assert!(
        !csv.contains("7f3a-unique"),
        "no file content in the export"
    );
}
