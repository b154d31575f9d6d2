//! The list page of a campaign's responses: its filter form and one row per response.

use askama::Template;

use super::{scores_summary, when};
use crate::participants::OrganisationKind;
use crate::responses::{ResponseFilter, ResponseState, ScoredResponse};
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, tlp_class};
use crate::web::response_reading::Listed;

/// One response as the list shows it.
pub(super) struct Row {
    href: String,
    organisation: String,
    audience: String,
    country: String,
    state: String,
    last_saved: String,
    submitted: String,
    scores: String,
}

impl Row {
    fn new(campaign: i64, r: &ScoredResponse) -> Row {
        let placed = &r.placed;
        let response = &placed.response;
        Row {
            href: format!("/campaigns/{campaign}/responses/{}", response.id),
            organisation: placed.organisation.clone(),
            audience: placed.audience.to_string(),
            country: placed.country.clone(),
            state: response.state.to_string(),
            last_saved: when(response.updated_at),
            submitted: response.submitted_at.map_or_else(|| "–".to_owned(), when),
            scores: scores_summary(&r.questionnaire, &r.assessment),
        }
    }
}

/// One filter of the form: a labelled select whose first option lets everything through.
pub(super) struct Select {
    name: &'static str,
    label: &'static str,
    any: &'static str,
    /// Value and whether it is chosen.
    options: Vec<(String, bool)>,
    error: Option<String>,
}

impl Select {
    fn new(
        name: &'static str,
        label: &'static str,
        any: &'static str,
        values: impl IntoIterator<Item = String>,
        chosen: Option<&str>,
        errors: &FormErrors,
    ) -> Select {
        Select {
            name,
            label,
            any,
            options: values
                .into_iter()
                .map(|v| {
                    let selected = chosen == Some(v.as_str());
                    (v, selected)
                })
                .collect(),
            error: errors.message_for(name).map(str::to_owned),
        }
    }
}

#[derive(Template)]
#[template(path = "responses/list.html", config = "assets/askama.toml")]
pub(super) struct ListPage {
    chrome: Chrome,
    id: i64,
    name: String,
    tlp: String,
    tlp_class: String,
    selects: Vec<Select>,
    errors: FormErrors,
    filtered: bool,
    rows: Vec<Row>,
}

impl ListPage {
    /// The page of `listed`, filtered by `filter` (`None` when the filter was refused
    /// with `errors`).
    pub(super) fn new(
        chrome: Chrome,
        listed: Listed,
        filter: Option<&ResponseFilter>,
        errors: FormErrors,
    ) -> ListPage {
        let campaign = &listed.details.campaign;
        let chosen = filter.cloned().unwrap_or_default();
        let audience = chosen.audience.map(|a| a.as_str());
        let state = chosen.state.map(|s| s.as_str());
        let selects = vec![
            Select::new(
                "audience",
                "Audience",
                "Every audience",
                OrganisationKind::ALL.iter().map(|a| a.to_string()),
                audience,
                &errors,
            ),
            Select::new(
                "country",
                "Country",
                "Every country",
                listed.countries,
                chosen.country.as_deref(),
                &errors,
            ),
            Select::new(
                "state",
                "State",
                "Every state",
                ResponseState::ALL.iter().map(|s| s.to_string()),
                state,
                &errors,
            ),
        ];
        ListPage {
            id: campaign.id,
            name: campaign.name.clone(),
            tlp: campaign.tlp.to_string(),
            tlp_class: tlp_class(campaign.tlp),
            selects,
            filtered: chosen != ResponseFilter::default(),
            rows: listed
                .responses
                .iter()
                .map(|r| Row::new(campaign.id, r))
                .collect(),
            errors,
            chrome,
        }
    }
}
