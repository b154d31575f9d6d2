//! Sharing with counterparts on the result page (see `crate::disclosure`): the consent
//! form, and where both sides consented, each counterpart's gap per dimension and the
//! mirrored questions answered most differently, with the recommendations that apply.

use actix_web::{HttpRequest, HttpResponse, web};

use super::result_forms::on_handed_in;
use super::visit::Visit;
use crate::campaigns::questionnaire_at;
use crate::disclosure::{self, DisclosureError};
use crate::questionnaire::{Questionnaire, Target};
use crate::storage::gap_consents;
use crate::storage::responses::load_answers;
use crate::web::{AppState, WebError, with_conn};

/// The part of the result page of a mirrored cooperation questionnaire.
pub struct SharingView {
    pub given: bool,
    pub give_action: String,
    pub withdraw_action: String,
    pub counterparts: Vec<CounterpartView>,
}

pub struct CounterpartView {
    pub organisation: String,
    pub audience: String,
    /// (dimension, yours, theirs, gap) as text.
    pub dimensions: Vec<(String, String, String, String)>,
    /// (question, yours, theirs).
    pub differences: Vec<(String, String, String)>,
    /// The recommendations for dimensions the two see a level or more apart.
    pub recommendations: Vec<String>,
}

/// The sharing part of `visit`'s result page; `None` for a questionnaire that cannot be
/// shared. Showing counterparts' answers is audited.
pub(super) async fn sharing_part(
    state: &web::Data<AppState>,
    visit: &Visit,
) -> Result<Option<SharingView>, WebError> {
    let Some(response) = visit.response.as_ref().map(|r| r.id) else {
        return Ok(None);
    };
    if !disclosure::is_shareable(&visit.questionnaire) {
        return Ok(None);
    }
    let campaign = visit.open.campaign.campaign.id;
    let audience = visit.open.participant.audience.as_str().to_owned();
    let organisation = visit.open.participant.organisation_id;
    let catalogue = state.catalogue.clone();
    let (q, mine) = (visit.questionnaire.clone(), visit.answers.clone());
    let language = visit.language.clone();
    let (given, counterparts) = with_conn(state, move |conn| {
        let given = gap_consents::has(conn, response)?;
        if !given {
            return Ok((false, Vec::new()));
        }
        let country = gap_consents::country_of(conn, organisation)?;
        let found = gap_consents::counterparts(conn, campaign, &country, &audience)?;
        let mut views = Vec::new();
        for c in &found {
            let other = questionnaire_at(
                conn,
                &catalogue,
                &c.questionnaire_id,
                &c.questionnaire_version,
            )?;
            let theirs = load_answers(conn, c.response_id)?;
            let gap = disclosure::shared_gap(&q, &mine, c, &other, &theirs);
            views.push(view(&q, &gap, &language));
        }
        if !found.is_empty() {
            disclosure::record_view(conn, response, &found)?;
        }
        Ok((true, views))
    })
    .await?;
    Ok(Some(SharingView {
        given,
        give_action: visit.path("gap-consent"),
        withdraw_action: visit.path("gap-consent/withdraw"),
        counterparts,
    }))
}

fn view(q: &Questionnaire, gap: &disclosure::SharedGap, language: &str) -> CounterpartView {
    let level = |v: f64| format!("{v:.1}");
    let recommendations = gap
        .dimensions
        .iter()
        .filter(|(_, own, their)| (own - their).abs() >= 1.0)
        .flat_map(|(dimension, own, _)| {
            q.recommendations()
                .iter()
                .filter(move |r| {
                    *r.target() == Target::Dimension(*dimension)
                        && r.from() <= *own
                        && *own < r.below()
                })
                .map(|r| r.text().get(language).to_owned())
        })
        .collect();
    CounterpartView {
        organisation: gap.organisation.clone(),
        audience: crate::reports::audience_label(&gap.audience),
        dimensions: gap
            .dimensions
            .iter()
            .map(|(d, own, their)| {
                (
                    crate::web::i18n::dimension_label(*d, language).to_owned(),
                    level(*own),
                    level(*their),
                    format!("{:+.1}", own - their),
                )
            })
            .collect(),
        differences: gap
            .differences
            .iter()
            .map(|(id, own, their)| {
                let text = q.question(id).map_or(id.clone(), |question| {
                    question.text().get(language).to_owned()
                });
                (text, level(*own), level(*their))
            })
            .collect(),
        recommendations,
    }
}

/// `POST /r/{token}/gap-consent`: the organisation agrees to share with its consenting
/// counterparts; back to the result page.
pub async fn give_gap_consent(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    _body: web::Bytes,
) -> Result<HttpResponse, WebError> {
    change(req, state, token.into_inner(), true).await
}

/// `POST /r/{token}/gap-consent/withdraw`: it takes that back.
pub async fn withdraw_gap_consent(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    _body: web::Bytes,
) -> Result<HttpResponse, WebError> {
    change(req, state, token.into_inner(), false).await
}

async fn change(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: String,
    give: bool,
) -> Result<HttpResponse, WebError> {
    on_handed_in(req, state, token, move |conn, handed| {
        let (response, invitation) = (handed.response, handed.invitation);
        let done = if give {
            disclosure::give(conn, &handed.questionnaire, response, invitation)
        } else {
            disclosure::withdraw(conn, response, invitation)
        };
        match done {
            // The result page shows where the consent stands.
            Ok(()) | Err(DisclosureError::NotShareable) => Ok(()),
            Err(DisclosureError::Storage(e)) => Err(e.into()),
        }
    })
    .await
}
