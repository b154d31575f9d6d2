//! The two downloads made of a whole build: every file as one ZIP archive and the three
//! tables as one workbook, each named with the campaign and its TLP label, made by
//! `reports::bundles` (which audits them) and streamed from its temporary file.

use std::io::Read;

use actix_web::body::SizedStream;
use actix_web::http::header::{self, ContentDisposition, DispositionParam, DispositionType};
use actix_web::web::Bytes;
use actix_web::{HttpResponse, web};

use crate::accounts::CampaignRight;
use crate::reports::ReportError;
use crate::reports::bundles::{Bundle, download_archive, download_workbook};
use crate::storage::campaigns::get_campaign;
use crate::web::access::CampaignAccess;
use crate::web::{AppState, WebError, with_conn};

/// Which download of a whole build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::web) enum BundleKind {
    /// Every report file the caller may have, radars included, as a ZIP archive.
    Archive,
    /// The tables the caller may have as one workbook, a sheet each.
    Workbook,
}

impl BundleKind {
    fn content_type(self) -> &'static str {
        match self {
            BundleKind::Archive => "application/zip",
            BundleKind::Workbook => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        }
    }
}

/// How much of the temporary file each chunk of the response carries.
const CHUNK: usize = 256 * 1024;

/// Makes the `kind` download of the campaign's current build for the caller and sends it;
/// 404 before the first build.
pub(in crate::web) async fn send_bundle<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
    kind: BundleKind,
) -> Result<HttpResponse, WebError> {
    let (id, actor) = (access.id(), access.actor());
    let rows = access.allows(CampaignRight::ReadRows);
    let reports_dir = state.settings.reports_dir.clone();
    let bundle = with_conn(state, move |conn| {
        let tlp = get_campaign(conn, id.get())?.campaign.tlp;
        let made = match kind {
            BundleKind::Archive => download_archive(conn, &reports_dir, id, tlp, rows, &actor),
            BundleKind::Workbook => download_workbook(conn, &reports_dir, id, tlp, rows, &actor),
        };
        made.map_err(|e| match e {
            ReportError::Storage(e) => e.into(),
            other => WebError::internal(other),
        })
    })
    .await?
    .ok_or_else(|| {
        WebError::NotFound(format!(
            "the reports of campaign {id} are not built yet: build them first \
             (POST /api/v1/campaigns/{id}/reports or the page's button)"
        ))
    })?;
    let Bundle { name, file, len } = bundle;
    Ok(HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, kind.content_type()))
        .insert_header(ContentDisposition {
            disposition: DispositionType::Attachment,
            parameters: vec![DispositionParam::Filename(name)],
        })
        .body(SizedStream::new(len, chunks(file))))
}

/// The file read chunk by chunk on the blocking pool, so a large archive never sits in
/// memory whole.
fn chunks(
    file: std::fs::File,
) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> + 'static {
    futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let read = web::block(move || {
            let mut buf = vec![0; CHUNK];
            let n = file.read(&mut buf)?;
            buf.truncate(n);
            Ok::<_, std::io::Error>((file, buf))
        })
        .await;
        match read {
            Ok(Ok((_, buf))) if buf.is_empty() => None,
            Ok(Ok((file, buf))) => Some((Ok(Bytes::from(buf)), Some(file))),
            Ok(Err(e)) => Some((Err(e), None)),
            Err(e) => Some((Err(std::io::Error::other(e.to_string())), None)),
        }
    })
}
