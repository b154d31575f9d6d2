//! Drawing the participants page: the campaign's participants filtered, the filter form,
//! and the upload and add forms with whatever the last attempt left to show (a notice, the
//! problems of a refused list, or the typed values of a refused participant).

use std::collections::BTreeSet;

use actix_web::HttpResponse;
use actix_web::http::StatusCode;
use askama::Template;

use crate::accounts::CampaignRight;
use crate::campaigns::CampaignState;
use crate::invitations::InvitationState;
use crate::participants::{ParticipantFilter, ParticipantStage, RawParticipant, RowProblem};
use crate::storage::campaigns::get_campaign;
use crate::storage::participant_lines::{ParticipantLine, participant_lines};
use crate::web::access::PageCampaign;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, html_with_status};
use crate::web::pages::notice::Notice;
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError, with_conn};

use super::add_form::{AddField, add_fields};

/// What the page shows besides the list, after what the analyst last did.
pub enum Outcome {
    /// The page as asked for, with the notice of the last action if there is one.
    Notice(Option<Notice>),
    /// The upload was refused as a whole (no file, not a CSV file); why.
    FileRefused(String),
    /// The list was read and refused: nothing imported; every problem, by row.
    RowsRefused(Vec<RowProblem>),
    /// The add form was refused: what was typed, and each field's problem (anchored at
    /// `add-{field}`).
    AddRefused {
        typed: RawParticipant,
        errors: FormErrors,
    },
}

/// One participant as the list shows it.
struct Row {
    id: i64,
    name: String,
    organisation: String,
    email: String,
    audience: String,
    country: String,
    language: String,
    invitation: String,
    response: String,
    /// Whether it has an invitation that can still be revoked.
    revocable: bool,
    confirm_error: Option<String>,
}

/// One of the filter form's drop-downs.
struct Select {
    name: &'static str,
    label: &'static str,
    options: Vec<Choice>,
}

struct Choice {
    value: String,
    label: String,
    selected: bool,
}

#[derive(Template)]
#[template(path = "analyst/participants.html", config = "assets/askama.toml")]
struct ParticipantsPage {
    chrome: Chrome,
    id: i64,
    name: String,
    open: bool,
    /// Whether the analyst may change the campaign and it takes changes: the forms shown.
    can_change: bool,
    /// Whether the list has a revoke column.
    revocable: bool,
    notice: Option<String>,
    errors: FormErrors,
    upload_problems: Vec<RowProblem>,
    filters: Vec<Select>,
    rows: Vec<Row>,
    total: usize,
    add_fields: Vec<AddField>,
}

/// The page for `access`'s campaign: its participants passing `filter`, and `outcome`.
pub async fn render(
    state: &AppState,
    access: &PageCampaign,
    csrf: &CsrfToken,
    filter: ParticipantFilter,
    outcome: Outcome,
) -> Result<HttpResponse, WebError> {
    let id = access.id().get();
    let (details, lines) = with_conn(state, move |conn| {
        Ok((get_campaign(conn, id)?, participant_lines(conn, id)?))
    })
    .await?;
    let open = details.campaign.state == CampaignState::Open;
    let can_change = open && access.allows(CampaignRight::Manage);
    let audiences: Vec<String> = details
        .questionnaires
        .iter()
        .map(|q| q.audience.to_string())
        .collect();
    let status = match outcome {
        Outcome::Notice(_) => StatusCode::OK,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    };
    let (notice, errors, upload_problems, typed) = match outcome {
        Outcome::Notice(notice) => {
            let (words, errors) = told(notice.as_ref());
            (words, errors, Vec::new(), RawParticipant::default())
        }
        Outcome::FileRefused(why) => {
            let mut errors = FormErrors::new();
            errors.add("upload-file", None, why);
            (None, errors, Vec::new(), RawParticipant::default())
        }
        Outcome::RowsRefused(problems) => {
            let mut errors = FormErrors::new();
            let summary = format!(
                "Nothing was imported: the list has {} problem(s), listed below.",
                problems.len()
            );
            errors.add("upload-problems", None, summary);
            (None, errors, problems, RawParticipant::default())
        }
        Outcome::AddRefused { typed, errors } => (None, errors, Vec::new(), typed),
    };
    let filters = filter_selects(&filter, &audiences, &lines);
    let total = lines.len();
    let rows = lines
        .into_iter()
        .filter(|line| filter.admits(line))
        .map(|line| row(line, &errors))
        .collect();
    let page = ParticipantsPage {
        chrome: Chrome::analyst(csrf.value(), Some(access.analyst())),
        id,
        name: details.campaign.name,
        open,
        can_change,
        revocable: can_change,
        notice,
        add_fields: add_fields(typed, &errors, audiences),
        errors,
        upload_problems,
        filters,
        rows,
        total,
    };
    html_with_status(page.render(), status)
}

/// What the notice of the last action says: the words of a success, or the revoke form
/// whose box was not ticked.
fn told(notice: Option<&Notice>) -> (Option<String>, FormErrors) {
    let mut errors = FormErrors::new();
    let words = match notice {
        Some(Notice::ParticipantsImported {
            added,
            already_present,
        }) => Some(format!("{added} added, {already_present} already present.")),
        Some(Notice::ParticipantAdded { already_present }) => Some(if *already_present {
            "That address is already a participant of this campaign; nothing was changed."
                .to_owned()
        } else {
            "Participant added.".to_owned()
        }),
        Some(Notice::InvitationRevoked) => {
            Some("Invitation revoked: its link no longer opens anything.".to_owned())
        }
        Some(Notice::RevokeUnconfirmed { participant }) => {
            let message = "Tick the box to confirm that the invitation is revoked.";
            errors.add(format!("confirm-{participant}"), None, message);
            None
        }
        _ => None,
    };
    (words, errors)
}

fn row(line: ParticipantLine, errors: &FormErrors) -> Row {
    let p = line.participant;
    Row {
        confirm_error: errors
            .message_for(&format!("confirm-{}", p.id))
            .map(str::to_owned),
        id: p.id,
        name: p.name,
        organisation: line.organisation,
        email: p.email,
        audience: p.audience.to_string(),
        country: line.country,
        language: p.language.unwrap_or_else(|| "–".to_owned()),
        invitation: line
            .invitation
            .map_or_else(|| "not invited".to_owned(), |i| i.to_string()),
        response: line
            .response
            .map_or_else(|| "not started".to_owned(), |r| r.to_string()),
        revocable: line
            .invitation
            .is_some_and(|i| i != InvitationState::Revoked),
    }
}

/// The drop-downs: the campaign's audiences, the countries its participants are in, and
/// every state; what `filter` picks is selected.
fn filter_selects(
    filter: &ParticipantFilter,
    audiences: &[String],
    lines: &[ParticipantLine],
) -> Vec<Select> {
    let choice = |value: &str, label: &str, selected: bool| Choice {
        value: value.to_owned(),
        label: label.to_owned(),
        selected,
    };
    let audience = filter.audience.map(|a| a.to_string());
    let countries: BTreeSet<&str> = lines.iter().map(|l| l.country.as_str()).collect();
    vec![
        Select {
            name: "audience",
            label: "Audience",
            options: audiences
                .iter()
                .map(|a| choice(a, a, audience.as_deref() == Some(a.as_str())))
                .collect(),
        },
        Select {
            name: "country",
            label: "Country",
            options: countries
                .into_iter()
                .map(|c| choice(c, c, filter.country.as_deref() == Some(c)))
                .collect(),
        },
        Select {
            name: "state",
            label: "State",
            options: ParticipantStage::ALL
                .iter()
                .map(|s| choice(s.as_str(), s.label(), filter.stage == Some(*s)))
                .collect(),
        },
    ]
}
