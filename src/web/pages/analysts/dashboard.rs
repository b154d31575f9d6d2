//! The campaign dashboard: facts, progress overall, by audience and by country, the
//! campaign's outbox, and the forms that invite, remind and close (in [`actions`]).

mod actions;

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDateTime;
use serde::Deserialize;

use crate::campaigns::CampaignState;
use crate::campaigns::Tlp;
use crate::mail::OutboxState;
use crate::mail::outbox::held_lines;
use crate::storage::campaigns::{CampaignDetails, get_campaign};
use crate::storage::outbox::{OutboxCounts, OutboxHeld};
use crate::storage::progress::{
    Progress, Tally, WaitingMail, campaign_outbox_counts, campaign_progress, campaign_waiting_mails,
};
use crate::web::auth::{CurrentAnalyst, visible_campaign};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError, with_conn};

use super::pages::{Chrome, html};

pub use actions::{close_campaign, invite_participants, remind_participants};

/// The defaults of the reminder form, as in the API.
const DEFAULT_MIN_DAYS: i64 = 7;
const DEFAULT_MAX_REMINDERS: i32 = 3;

/// One line of a progress table; `key` makes the cell ids (`{key}-invited`, …).
struct TallyRow {
    key: String,
    label: String,
    tally: Tally,
    rate: String,
}

impl TallyRow {
    fn new(key: String, label: String, tally: Tally) -> TallyRow {
        let rate = tally
            .response_rate()
            .map_or_else(|| "–".to_owned(), |r| format!("{r} %"));
        TallyRow {
            key,
            label,
            tally,
            rate,
        }
    }
}

/// A pending, sending or failed mail as the outbox table shows it.
struct MailRow {
    recipient: String,
    kind: String,
    state: String,
    attempts: i32,
    next_attempt: String,
    last_error: String,
}

impl MailRow {
    fn new(m: WaitingMail, now: NaiveDateTime) -> Self {
        // A claimed mail's next_attempt_at is its lease's end: say so, since a
        // mail whose worker stopped waits for that and nothing else.
        let state = match m.state {
            OutboxState::Sending if m.next_attempt_at > now => "held by a lease".to_owned(),
            OutboxState::Pending if m.next_attempt_at > now => "waiting for a retry".to_owned(),
            state => state.to_string(),
        };
        MailRow {
            recipient: m.recipient,
            kind: m.kind.to_string(),
            state,
            attempts: m.attempts,
            next_attempt: format!("{} UTC", m.next_attempt_at.format("%Y-%m-%d %H:%M")),
            last_error: m.last_error.unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "analyst/dashboard.html", config = "assets/askama.toml")]
struct DashboardPage {
    chrome: Chrome,
    id: i64,
    name: String,
    state: String,
    open: bool,
    tlp: String,
    tlp_class: String,
    closes_on: String,
    questionnaires: Vec<(String, String)>,
    notice: Option<String>,
    error: Option<FieldProblem>,
    not_invited: i64,
    tables: Vec<ProgressTable>,
    outbox: OutboxCounts,
    /// Mails held by a lease and waiting for a retry, with when they come free.
    held: Vec<String>,
    mails: Vec<MailRow>,
    reminder_fields: [NumberField; 2],
    confirm_error: Option<&'static str>,
}

/// One of the three progress tables; `key` makes its ids.
struct ProgressTable {
    key: &'static str,
    caption: &'static str,
    first: &'static str,
    rows: Vec<TallyRow>,
}

/// A labelled number field of the reminder form.
struct NumberField {
    name: &'static str,
    label: &'static str,
    value: String,
    error: Option<&'static str>,
}

/// A refused form, shown beside its field.
struct FieldProblem {
    field: &'static str,
    message: &'static str,
}

/// Query of `GET /campaigns/{id}`: what the last action did, set by its redirect. Only
/// known words and numbers are shown, so a link cannot put text on the page.
#[derive(Deserialize)]
pub struct DashboardQuery {
    done: Option<String>,
    queued: Option<usize>,
    skipped: Option<usize>,
    problem: Option<String>,
}

impl DashboardQuery {
    fn notice(&self) -> Option<String> {
        let (queued, skipped) = (self.queued.unwrap_or(0), self.skipped.unwrap_or(0));
        match self.done.as_deref()? {
            "invite" => Some(format!(
                "Invitations queued: {queued}. Already invited: {skipped}."
            )),
            "remind" => Some(format!(
                "Reminders queued: {queued}. Not reminded: {skipped} (submitted, reminded \
                 recently, at the limit, first mail not sent yet, or revoked)."
            )),
            "close" => Some("The campaign is closed. Its links no longer open anything.".into()),
            _ => None,
        }
    }

    fn problem(&self) -> Option<FieldProblem> {
        let (field, message) = match self.problem.as_deref()? {
            "confirm" => (
                "confirm",
                "Tick the box to confirm that the campaign closes.",
            ),
            "min_days" => ("min_days", "Enter a whole number of days from 0 to 365."),
            "max_reminders" => ("max_reminders", "Enter a whole number from 1 to 20."),
            "closed" => ("actions", "The campaign is closed, so nothing was sent."),
            _ => return None,
        };
        Some(FieldProblem { field, message })
    }
}

/// `GET /campaigns/{id}`: the dashboard of a campaign the analyst may see; 404 otherwise.
pub async fn show_dashboard(
    CurrentAnalyst(analyst): CurrentAnalyst,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    id: web::Path<i64>,
    query: web::Query<DashboardQuery>,
) -> Result<HttpResponse, WebError> {
    let id = id.into_inner();
    visible_campaign(&analyst, id)?;
    let (details, progress, outbox, mails) = with_conn(&state, move |conn| {
        let details = get_campaign(conn, id)?;
        let progress = campaign_progress(conn, id)?;
        let outbox = campaign_outbox_counts(conn, id)?;
        let mails = campaign_waiting_mails(conn, id)?;
        Ok((details, progress, outbox, mails))
    })
    .await?;
    let CampaignDetails {
        campaign,
        questionnaires,
    } = details;
    let overall = progress.overall;
    let now = crate::storage::now();
    let error = query.problem();
    let message_for = |field: &str| {
        error
            .as_ref()
            .filter(|e| e.field == field)
            .map(|e| e.message)
    };
    let reminder_fields = [
        NumberField {
            name: "min_days",
            label: "Days since their last mail, at least",
            value: DEFAULT_MIN_DAYS.to_string(),
            error: message_for("min_days"),
        },
        NumberField {
            name: "max_reminders",
            label: "Reminders per participant, at most",
            value: DEFAULT_MAX_REMINDERS.to_string(),
            error: message_for("max_reminders"),
        },
    ];
    let confirm_error = message_for("confirm");
    let page = DashboardPage {
        chrome: Chrome::new(&csrf, Some(analyst.email())),
        id,
        name: campaign.name,
        state: campaign.state.to_string(),
        open: campaign.state == CampaignState::Open,
        tlp: campaign.tlp.to_string(),
        tlp_class: tlp_class(campaign.tlp),
        closes_on: campaign.closes_on.to_string(),
        questionnaires: questionnaires
            .into_iter()
            .map(|q| {
                let version = format!("{} {}", q.questionnaire_id, q.questionnaire_version);
                (q.audience.to_string(), version)
            })
            .collect(),
        notice: query.notice(),
        not_invited: overall.participants - overall.invited - overall.revoked,
        tables: progress_tables(progress),
        outbox,
        held: held_lines(
            &OutboxHeld::of(mails.iter().map(|m| (m.state, m.next_attempt_at)), now),
            now,
        ),
        mails: mails.into_iter().map(|m| MailRow::new(m, now)).collect(),
        reminder_fields,
        confirm_error,
        error,
    };
    html(page.render(), StatusCode::OK)
}

fn progress_tables(progress: Progress) -> Vec<ProgressTable> {
    let overall = TallyRow::new(
        "overall".into(),
        "All participants".into(),
        progress.overall,
    );
    let by_audience = progress
        .by_audience
        .into_iter()
        .map(|(a, t)| TallyRow::new(format!("audience-{a}"), a.to_string(), t))
        .collect();
    let by_country = progress
        .by_country
        .into_iter()
        .map(|(c, t)| TallyRow::new(format!("country-{c}"), c, t))
        .collect();
    vec![
        ProgressTable {
            key: "overall",
            caption: "Overall",
            first: "Group",
            rows: vec![overall],
        },
        ProgressTable {
            key: "by-audience",
            caption: "By audience",
            first: "Audience",
            rows: by_audience,
        },
        ProgressTable {
            key: "by-country",
            caption: "By country",
            first: "Country",
            rows: by_country,
        },
    ]
}

fn tlp_class(tlp: Tlp) -> String {
    tlp.as_str().to_lowercase()
}
