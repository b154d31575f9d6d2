//! `GET /r/{token}/answers.csv`: a submitted response's answers as the respondent gave
//! them, one row per answered question, for them to keep. Written through the one CSV
//! cell writer (`reports::cells`), so an answer that reads like a formula stays text.

use actix_web::http::header::{
    self, CacheControl, CacheDirective, ContentDisposition, DispositionParam, DispositionType,
};
use actix_web::{HttpRequest, HttpResponse, web};

use crate::reports::cells::{Cell, comment_line, write_record};
use crate::survey::{display_answer, visible_questions};
use crate::web::{AppState, WebError};

use super::load_submitted;
use super::visit::Visit;

/// The column names, fixed whatever the language, so a script can read any respondent's file.
pub const HEADER: [&str; 4] = ["section", "question_id", "question", "answer"];

/// `GET /r/{token}/answers.csv`: only for a submitted response; any other token gets the
/// one 404 page, as the radar does.
pub async fn download_answers(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, WebError> {
    let visit = match load_submitted(&state, token.into_inner(), &req).await? {
        Ok(visit) => visit,
        Err(refused) => return Ok(refused),
    };
    // The saved file names the TLP label it is under, never the token.
    let filename = format!("answers-TLP-{}.csv", visit.open.campaign.campaign.tlp);
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, "text/csv; charset=utf-8"))
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(filename)],
        })
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header(CacheControl(vec![CacheDirective::NoStore]))
        .body(answers_csv(&visit)))
}

/// The file: a comment line with the TLP label, campaign and questionnaire, the header,
/// then every visible answered question in questionnaire order, in the visit's language.
pub fn answers_csv(visit: &Visit) -> Vec<u8> {
    let q = &visit.questionnaire;
    let lang = visit.language.as_str();
    let campaign = &visit.open.campaign.campaign;
    let mut out = Vec::new();
    let first = format!(
        "TLP:{} — {} — {} {} — {}",
        campaign.tlp,
        campaign.name,
        q.title().get(lang),
        q.version(),
        visit.organisation
    );
    out.extend_from_slice(comment_line(&first).as_bytes());
    out.push(b'\n');
    write_record(&mut out, HEADER.map(Cell::Text));
    for section in q.sections() {
        let title = section.title().get(lang);
        for question in visible_questions(q, section, &visit.answers) {
            let Some(answer) = visit.answers.get(question.id()) else {
                continue;
            };
            let shown = display_answer(question, answer, lang);
            write_record(
                &mut out,
                [
                    Cell::Text(title),
                    Cell::Text(question.id()),
                    Cell::Text(question.text().get(lang)),
                    Cell::Text(&shown),
                ],
            );
        }
    }
    out
}
