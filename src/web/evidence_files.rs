//! An evidence file as a download, for the respondent's link and for analysts alike: always
//! an attachment, never shown inline, whatever its content.

use actix_web::HttpResponse;
use actix_web::http::header;

use crate::evidence::EvidenceFile;
use crate::evidence::file_name::content_disposition;

/// Nothing a file holds may run, even if a browser were to show it after all.
const SANDBOX: &str = "sandbox; default-src 'none'";

/// `file` as an attachment named by its sanitised name, with the type found in its content,
/// `nosniff` and a policy that lets nothing in it run.
pub(in crate::web) fn attachment(file: EvidenceFile) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, file.info.media_type.clone()))
        .insert_header((
            header::CONTENT_DISPOSITION,
            content_disposition(&file.info.file_name),
        ))
        .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .insert_header((header::CONTENT_SECURITY_POLICY, SANDBOX))
        .body(file.content)
}
