//! Reading a campaign's responses, for pages (session) and the API (bearer token) alike:
//! the list with its filters a page at a time, one response opened (and audited by
//! `responses`), and its radar. Only admins and analysts assigned to the campaign
//! (`CampaignRight::ReadRows`) read them; anyone else, and any response of another
//! campaign, gets the 404 of a campaign or response that does not exist.

use serde::Deserialize;

use crate::accounts::CampaignRight;
use crate::evidence::{self, EvidenceError, EvidenceFile};
use crate::ids::ResponseId;
use crate::paging::{Paged, Paging};
use crate::problems::FieldProblem;
use crate::reports::{Provenance, RadarHeading, RadarScores, respondent_radar_png};
use crate::responses::{self, AnalystReading, ResponseFilter, ScoredResponse};
use crate::storage::StorageError;
use crate::storage::campaigns::{CampaignDetails, get_campaign};
use crate::web::access::CampaignAccess;
use crate::web::{AppState, WebError, with_conn};

/// The `{response_id}` segment of a response's address; anything but a number gets the
/// path's 404.
#[derive(Deserialize)]
pub(in crate::web) struct ResponseSegment {
    pub(in crate::web) response_id: ResponseId,
}

/// The `{response_id}` and `{file_id}` segments of an evidence file's address.
#[derive(Deserialize)]
pub(in crate::web) struct EvidenceSegment {
    pub(in crate::web) response_id: ResponseId,
    pub(in crate::web) file_id: i64,
}

/// The filters and the page of a list, as a form or a query sends them; an empty filter
/// lets all through, an empty page number or size takes its default.
#[derive(Deserialize, Default, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub(in crate::web) struct ListQuery {
    /// csirt, lea or judiciary; empty for all
    #[param(pattern = "^(csirt|lea|judiciary)?$")]
    pub(in crate::web) audience: Option<String>,
    /// ISO 3166-1 alpha-2 code of the organisation's country, e.g. AT (any two letters
    /// are read; a code no organisation has matches none)
    #[param(pattern = "^([A-Za-z]{2})?$")]
    pub(in crate::web) country: Option<String>,
    /// draft, submitted, changes_requested, resubmitted or accepted; empty for all
    #[param(pattern = "^(draft|submitted|changes_requested|resubmitted|accepted)?$")]
    pub(in crate::web) state: Option<String>,
    /// The page, counted from 1 (default 1); a page past the last holds no responses
    #[param(value_type = Option<u32>, minimum = 1, maximum = 2147483647)]
    pub(in crate::web) page: Option<String>,
    /// Responses per page, from 1 to 500 (default 50)
    #[param(value_type = Option<u32>, minimum = 1, maximum = 500)]
    pub(in crate::web) per_page: Option<String>,
}

impl ListQuery {
    /// The filter and page these fields give, or every field not understood.
    pub(in crate::web) fn read(&self) -> Result<(ResponseFilter, Paging), Vec<FieldProblem>> {
        let filter = ResponseFilter::parse(
            self.audience.as_deref(),
            self.country.as_deref(),
            self.state.as_deref(),
        );
        let paging = Paging::parse(self.page.as_deref(), self.per_page.as_deref());
        match (filter, paging) {
            (Ok(filter), Ok(paging)) => Ok((filter, paging)),
            (filter, paging) => Err(filter
                .err()
                .into_iter()
                .chain(paging.err())
                .flatten()
                .collect()),
        }
    }
}

/// A campaign's list as loaded for a page or the API.
pub(in crate::web) struct Listed {
    pub(in crate::web) details: CampaignDetails,
    /// The countries of the campaign's participants, sorted: what a country filter offers.
    pub(in crate::web) countries: Vec<String>,
    /// The page asked for; `None` for a refused query.
    pub(in crate::web) responses: Option<Paged<ScoredResponse>>,
}

/// The campaign and the page of its responses that `asked` names (none are loaded for a
/// refused query, whose problems the caller shows).
pub(in crate::web) async fn list<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
    asked: Option<(ResponseFilter, Paging)>,
) -> Result<Listed, WebError> {
    access.require(CampaignRight::ReadRows)?;
    let id = access.id();
    let catalogue = state.catalogue.clone();
    with_conn(state, move |conn| {
        let details = get_campaign(conn, id.get())?;
        let countries = crate::storage::progress::campaign_progress(conn, id.get())?
            .by_country
            .into_iter()
            .map(|(country, _)| country)
            .collect();
        let responses = match asked {
            Some((filter, paging)) => Some(responses::list_for_analyst(
                conn, &catalogue, id, &filter, paging,
            )?),
            None => None,
        };
        Ok(Listed {
            details,
            countries,
            responses,
        })
    })
    .await
}

/// The campaign and one of its responses, opened: the audit log records who read it.
pub(in crate::web) async fn open<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
    response: ResponseId,
) -> Result<(CampaignDetails, AnalystReading), WebError> {
    access.require(CampaignRight::ReadRows)?;
    let (id, actor) = (access.id(), access.actor());
    let catalogue = state.catalogue.clone();
    with_conn(state, move |conn| {
        let details = get_campaign(conn, id.get())?;
        let reading = responses::open_for_analyst(conn, &catalogue, id, response, &actor)?;
        Ok((details, reading))
    })
    .await
}

/// The campaign and one of its responses, read without a trace (the page shown again
/// after a refused review), and whether the caller reviews the campaign's responses.
pub(in crate::web) async fn read<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
    response: ResponseId,
) -> Result<(CampaignDetails, AnalystReading, bool), WebError> {
    access.require(CampaignRight::ReadRows)?;
    let (id, analyst) = (access.id(), access.analyst().id());
    let catalogue = state.catalogue.clone();
    with_conn(state, move |conn| {
        let details = get_campaign(conn, id.get())?;
        let reading = responses::read_for_analyst(conn, &catalogue, id, response)?;
        let assigned = crate::storage::analysts::is_reviewer(conn, analyst, id.get())?;
        Ok((details, reading, crate::accounts::may_review(assigned)))
    })
    .await
}

/// Whether the caller may review the campaign's responses (an assignment with the
/// reviewer flag: `accounts::may_review`).
pub(in crate::web) async fn reviews<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
) -> Result<bool, WebError> {
    let (id, analyst) = (access.id(), access.analyst().id());
    with_conn(state, move |conn| {
        let assigned = crate::storage::analysts::is_reviewer(conn, analyst, id.get())?;
        Ok(crate::accounts::may_review(assigned))
    })
    .await
}

/// The radar of one response of the campaign, drawn now by the reports' code with its
/// spokes in English; reading it leaves no trace beyond the opening of its page.
pub(in crate::web) async fn radar<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
    response: ResponseId,
) -> Result<Vec<u8>, WebError> {
    access.require(CampaignRight::ReadRows)?;
    let id = access.id();
    let catalogue = state.catalogue.clone();
    // Drawn on the blocking pool too: plotters takes a while.
    with_conn(state, move |conn| {
        let details = get_campaign(conn, id.get())?;
        let reading = responses::read_for_analyst(conn, &catalogue, id, response)?;
        let q = &reading.questionnaire;
        let language = reading.reading_language();
        let heading = RadarHeading {
            campaign: &details.campaign.name,
            tlp: details.campaign.tlp,
            organisation: &reading.placed.organisation,
            questionnaire: q.title().get(language),
            provenance: &Provenance::of([q]).line(),
        };
        let scores = RadarScores::of(q.model(), &reading.assessment);
        respondent_radar_png(&heading, &scores, language).map_err(WebError::internal)
    })
    .await
}

/// Evidence file `file` of one response of the campaign, downloaded: the audit log records
/// who (`evidence.download`). A file of another response, or a response of another
/// campaign, is the 404 of a file that does not exist.
pub(in crate::web) async fn evidence_file<I>(
    state: &AppState,
    access: &CampaignAccess<I>,
    response: ResponseId,
    file: i64,
) -> Result<EvidenceFile, WebError> {
    access.require(CampaignRight::ReadRows)?;
    let (id, actor) = (access.id(), access.actor());
    with_conn(state, move |conn| {
        match evidence::download_for_analyst(conn, id, response, file, &actor) {
            Ok(found) => Ok(found),
            Err(EvidenceError::Storage(e)) => Err(e.into()),
            Err(_) => Err(StorageError::not_found("evidence file", file).into()),
        }
    })
    .await
}
