//! The create-campaign page (`GET/POST /campaigns/new`): the same request the API takes,
//! filled in a form ([`form`]) and drawn by [`page`]. Admins and the analysts an admin
//! allowed may use it (403 for the others, who are known and logged in: the page says what
//! they lack). A refused form comes back with every problem beside its field and every
//! typed value kept.

mod form;
mod page;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::Utc;

use crate::accounts::Analyst;
use crate::campaigns::{self, CampaignError, Tlp};
use crate::storage::campaigns::{CampaignDetails, list_campaigns};
use crate::web::auth::CurrentAnalyst;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, html, html_with_status};
use crate::web::pages::notice::{Flash, Notice};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError, with_conn};

use form::{Typed, in_page_order};
use page::{FORM_ID, NewCampaignPage};

/// Refuses an analyst an admin has not allowed to create campaigns.
fn may_create(analyst: &Analyst) -> Result<(), WebError> {
    if analyst.may_create_campaigns() {
        Ok(())
    } else {
        Err(CampaignError::NotAllowed(analyst.email().to_owned()).into())
    }
}

/// `GET /campaigns/new`: the empty form, AMBER, the configured sender and threshold, the
/// default retention period.
pub async fn show_new_campaign(
    CurrentAnalyst(analyst): CurrentAnalyst,
    csrf: CsrfToken,
    state: web::Data<AppState>,
) -> Result<HttpResponse, WebError> {
    may_create(&analyst)?;
    let typed = Typed {
        tlp: Tlp::Amber.as_str().to_owned(),
        sender_organisation: state.settings.organisation.clone(),
        privacy_k: state.settings.privacy_k.to_string(),
        retention_days: crate::retention::DEFAULT_RETENTION_DAYS.to_string(),
        ..Typed::default()
    };
    let earlier = followable(&state, &analyst).await?;
    let chrome = Chrome::analyst(csrf.value(), Some(&analyst));
    let page = NewCampaignPage::new(
        chrome,
        &state.catalogue,
        typed,
        FormErrors::new(),
        state.settings.privacy_k,
        &earlier,
    );
    html(page.render())
}

/// The campaigns `analyst` may see, which a new campaign may be the next round of.
async fn followable(
    state: &web::Data<AppState>,
    analyst: &Analyst,
) -> Result<Vec<CampaignDetails>, WebError> {
    let all = with_conn(state, |conn| Ok(list_campaigns(conn)?)).await?;
    Ok(all
        .into_iter()
        .filter(|d| analyst.rights_on(d.campaign.id.into()).is_some())
        .collect())
}

/// `POST /campaigns/new`: creates the campaign, assigned to its creator, and goes to its
/// dashboard; or shows the form again with its problems (422).
pub async fn create_campaign(
    CurrentAnalyst(analyst): CurrentAnalyst,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    form: web::Form<Vec<(String, String)>>,
    flash: Flash,
) -> Result<HttpResponse, WebError> {
    may_create(&analyst)?;
    let typed = Typed::read(form.into_inner());
    let today = Utc::now().date_naive();
    let (request, mut problems) = typed.request(today);
    let sender = state.settings.organisation.clone();
    let catalogue = state.catalogue.clone();
    if problems.is_empty() {
        let creator = analyst.clone();
        let created = with_conn(&state, move |conn| {
            match campaigns::create_as(conn, &catalogue, &request, &sender, today, &creator) {
                Err(CampaignError::Invalid(problems)) => Ok(Err(problems)),
                other => Ok(Ok(other?)),
            }
        })
        .await?;
        match created {
            Ok(details) => {
                let dashboard = format!("/campaigns/{}", details.campaign.id);
                return Ok(flash.redirect(&dashboard, Notice::Created));
            }
            Err(refused) => problems = refused,
        }
    } else if let Err(more) = campaigns::check(&catalogue, &request, &sender, today) {
        // The form's own problems replace the check's for the same field.
        let own: Vec<Option<String>> = problems.iter().map(|p| p.field.clone()).collect();
        problems.extend(more.into_iter().filter(|p| !own.contains(&p.field)));
    }
    let earlier = followable(&state, &analyst).await?;
    let chrome = Chrome::analyst(csrf.value(), Some(&analyst));
    let errors = FormErrors::from_domain(&in_page_order(problems), FORM_ID);
    let page = NewCampaignPage::new(
        chrome,
        &state.catalogue,
        typed,
        errors,
        state.settings.privacy_k,
        &earlier,
    );
    html_with_status(page.render(), StatusCode::UNPROCESSABLE_ENTITY)
}
