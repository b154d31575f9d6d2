//! The list page of a campaign's responses: its filter form, one row per response of the
//! page asked for, and the way to the pages around it.

use askama::Template;

use super::{scores_summary, when};
use crate::paging::Paging;
use crate::participants::OrganisationKind;
use crate::responses::{ResponseFilter, ResponseState, ScoredResponse};
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, tlp_class};
use crate::web::response_reading::{ListQuery, Listed};

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

/// The way to the pages around this one, each address keeping the filters.
pub(super) struct Pager {
    /// "Responses 51–100 of 120 (page 2 of 3)".
    summary: String,
    previous: Option<String>,
    next: Option<String>,
}

/// What the page says when asked for a page past the list's last.
pub(super) struct PastEnd {
    page: u32,
    pages: u64,
    last: String,
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
    /// The page size as typed, kept in its field.
    per_page: String,
    per_page_error: Option<String>,
    errors: FormErrors,
    filtered: bool,
    /// The responses that pass the filter, on every page.
    total: u64,
    rows: Vec<Row>,
    pager: Option<Pager>,
    past_end: Option<PastEnd>,
}

impl ListPage {
    /// The page of `listed`, as `query` asked for it: `asked` is what it was read as, or
    /// `None` when it was refused with `errors`.
    pub(super) fn new(
        chrome: Chrome,
        listed: Listed,
        query: &ListQuery,
        asked: Option<&(ResponseFilter, Paging)>,
        errors: FormErrors,
    ) -> ListPage {
        let campaign = &listed.details.campaign;
        let (chosen, paging) = asked.cloned().unwrap_or_default();
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
        let href = |paging: Paging| list_href(campaign.id, &chosen, paging);
        let page = listed.responses.as_ref();
        let pager = page.filter(|p| !p.past_end()).map(|p| Pager {
            summary: format!(
                "Responses {}–{} of {} (page {} of {})",
                p.first_row(),
                p.last_row(),
                p.total,
                paging.page(),
                p.pages()
            ),
            previous: p.previous().map(href),
            next: p.next().map(href),
        });
        let past_end = page.filter(|p| p.past_end()).map(|p| PastEnd {
            page: paging.page(),
            pages: p.pages(),
            last: href(p.last()),
        });
        ListPage {
            id: campaign.id,
            name: campaign.name.clone(),
            tlp: campaign.tlp.to_string(),
            tlp_class: tlp_class(campaign.tlp),
            selects,
            per_page: query
                .per_page
                .clone()
                .unwrap_or_else(|| paging.per_page().to_string()),
            per_page_error: errors.message_for("per_page").map(str::to_owned),
            filtered: chosen != ResponseFilter::default(),
            total: page.map_or(0, |p| p.total),
            rows: page
                .iter()
                .flat_map(|p| &p.rows)
                .map(|r| Row::new(campaign.id, r))
                .collect(),
            pager,
            past_end,
            errors,
            chrome,
        }
    }

    /// Whether the page asked for lies past the list's last.
    pub(super) fn is_past_end(&self) -> bool {
        self.past_end.is_some()
    }
}

/// The list's address with `filter` and `paging`, each field left out at its default.
fn list_href(campaign: i64, filter: &ResponseFilter, paging: Paging) -> String {
    let base = format!("/campaigns/{campaign}/responses");
    let default = Paging::default();
    let fields = [
        ("audience", filter.audience.map(|a| a.to_string())),
        ("country", filter.country.clone()),
        ("state", filter.state.map(|s| s.to_string())),
        (
            "per_page",
            (paging.per_page() != default.per_page()).then(|| paging.per_page().to_string()),
        ),
        (
            "page",
            (paging.page() != default.page()).then(|| paging.page().to_string()),
        ),
    ];
    let given: Vec<(&str, String)> = fields
        .into_iter()
        .filter_map(|(name, value)| Some((name, value?)))
        .collect();
    match serde_urlencoded::to_string(&given) {
        Ok(query) if !query.is_empty() => format!("{base}?{query}"),
        _ => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_keeps_the_filters_and_leaves_out_the_defaults() {
        let filter = ResponseFilter {
            audience: Some(OrganisationKind::Lea),
            country: Some("BE".into()),
            state: None,
        };
        let paging = Paging::new(2, 50).expect("in bounds");
        assert_eq!(
            list_href(7, &filter, paging),
            "/campaigns/7/responses?audience=lea&country=BE&page=2"
        );
        let paging = Paging::new(1, 20).expect("in bounds");
        assert_eq!(
            list_href(7, &ResponseFilter::default(), paging),
            "/campaigns/7/responses?per_page=20"
        );
        assert_eq!(
            list_href(7, &ResponseFilter::default(), Paging::default()),
            "/campaigns/7/responses"
        );
    }
}
