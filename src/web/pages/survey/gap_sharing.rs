//! Sharing with counterparts on the result page (see `crate::disclosure`): the consent
//! form, and where both sides consented, each counterpart's gap per dimension and the
//! mirrored questions answered most differently, with the recommendations that apply.

use actix_web::{HttpRequest, HttpResponse, web};

use super::result_forms::on_handed_in;
use super::visit::Visit;
use crate::campaigns::questionnaire_at;
use crate::disclosure::{self, DisclosureError};
use crate::locale::{fill, words};
use crate::questionnaire::{Questionnaire, Target};
use crate::storage::gap_consents;
use crate::storage::responses::load_answers;
use crate::web::{AppState, WebError, with_conn};

words! {
    /// The words of sharing with counterparts on the result page.
    pub struct SharingWords in "sharing" {
        title,
        intro,
        given,
        withdraw_button,
        none_yet,
        dimension,
        you,
        they,
        gap,
        most_different,
        /// One mirrored question: `{question}`, your level `{you}`, theirs `{they}`.
        difference,
        consent_button,
        audience_csirt,
        audience_lea,
        audience_judiciary,
    }
}

/// The part of the result page of a mirrored cooperation questionnaire.
pub struct SharingView {
    pub words: &'static SharingWords,
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
    /// Each mirrored question answered most differently, in words.
    pub differences: Vec<String>,
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
        words: SharingWords::of(&visit.language),
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
    let words = SharingWords::of(language);
    let audience = match gap.audience.as_str() {
        "csirt" => words.audience_csirt.to_owned(),
        "lea" => words.audience_lea.to_owned(),
        "judiciary" => words.audience_judiciary.to_owned(),
        other => other.to_owned(),
    };
    CounterpartView {
        organisation: gap.organisation.clone(),
        audience,
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
                fill(
                    words.difference,
                    &[
                        ("question", &text),
                        ("you", &level(*own)),
                        ("they", &level(*their)),
                    ],
                )
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
    on_handed_in(req, state, token.into_inner(), |conn, handed| {
        shown(disclosure::give(
            conn,
            &handed.questionnaire,
            handed.response,
            handed.invitation,
        ))
    })
    .await
}

/// `POST /r/{token}/gap-consent/withdraw`: it takes that back.
pub async fn withdraw_gap_consent(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    _body: web::Bytes,
) -> Result<HttpResponse, WebError> {
    on_handed_in(req, state, token.into_inner(), |conn, handed| {
        shown(disclosure::withdraw(
            conn,
            handed.response,
            handed.invitation,
        ))
    })
    .await
}

/// A change of consent as the result page takes it: a questionnaire that cannot be shared
/// is no error, since the page shows where the consent stands.
fn shown(done: Result<(), DisclosureError>) -> Result<(), WebError> {
    match done {
        Ok(()) | Err(DisclosureError::NotShareable) => Ok(()),
        Err(DisclosureError::Storage(e)) => Err(e.into()),
    }
}
