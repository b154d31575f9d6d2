//! The campaign dashboard: facts, progress overall, by audience and by country (with the
//! progress and response-rate charts of [`charts`]), the campaign's outbox, and the forms
//! that invite, remind and close (in [`actions`]).

mod actions;
mod charts;

use actix_web::{HttpResponse, web};
use askama::Template;
use chrono::NaiveDateTime;

use crate::accounts::CampaignRight;
use crate::campaigns::CampaignState;
use crate::invitations::ReminderRules;
use crate::invitations::{MAX_REMINDERS_RANGE, MIN_DAYS_RANGE};
use crate::mail::OutboxState;
use crate::mail::outbox::held_lines;
use crate::storage::campaigns::{CampaignDetails, get_campaign};
use crate::storage::outbox::{OutboxCounts, OutboxHeld};
use crate::storage::progress::{
    Progress, Tally, WaitingMail, campaign_outbox_counts, campaign_progress, campaign_waiting_mails,
};
use crate::storage::submissions::submission_times;
use crate::web::access::PageCampaign;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, html, tlp_class};
use crate::web::pages::notice::{Flash, Notice, Refusal};
use crate::web::security::CsrfToken;
use crate::web::{AppState, WebError, with_conn};

use charts::{PROGRESS_HEIGHT, ProgressChart, RateChart, progress_chart, rate_chart};

pub use actions::{close_campaign, invite_participants, remind_participants};

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
    /// Audience, questionnaire and version, and its preview when the loaded file is that
    /// version.
    questionnaires: Vec<(String, String, Option<String>)>,
    privacy_k: String,
    languages: String,
    /// When its personal data is (or was) erased, in one sentence.
    retention: String,
    notice: Option<String>,
    errors: FormErrors,
    not_invited: i64,
    tables: Vec<ProgressTable>,
    /// Submissions over time; `None` before the first.
    progress_chart: Option<ProgressChart>,
    progress_height: u32,
    rate_chart: RateChart,
    outbox: OutboxCounts,
    /// Mails held by a lease and waiting for a retry, with when they come free.
    held: Vec<String>,
    mails: Vec<MailRow>,
    reminder_fields: [NumberField; 2],
    confirm_error: Option<String>,
    /// Whether the analyst may read single responses, which the page then links to.
    responses_shown: bool,
    /// The campaign this one is the next round of, and its dashboard when the analyst
    /// may see it.
    follows: Option<(String, Option<String>)>,
    /// Whether a reviewer must accept each response before it counts.
    review_required: bool,
    /// Whether the campaign's peer reviews follow NIS2.
    peer_review_nis2: bool,
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
    error: Option<String>,
}

/// What the notice of the last action says: the words of a success, or the refused field.
fn told(notice: Option<&Notice>) -> (Option<String>, FormErrors) {
    let mut errors = FormErrors::new();
    let words = match notice {
        Some(Notice::Invited {
            queued,
            already_invited,
        }) => Some(format!(
            "Invitations queued: {queued}. Already invited: {already_invited}."
        )),
        Some(Notice::Reminded { queued, skipped }) => Some(format!(
            "Reminders queued: {queued}. Not reminded: {skipped} (submitted, reminded \
             recently, at the limit, first mail not sent yet, or revoked)."
        )),
        Some(Notice::Closed) => {
            Some("The campaign is closed. Its links no longer open anything.".into())
        }
        Some(Notice::Created) => Some(
            "The campaign is created and assigned to you. Add its participants next, then \
             invite them."
                .into(),
        ),
        Some(Notice::Refused { problem }) => {
            let (field, message) = match problem {
                Refusal::Unconfirmed => (
                    "confirm",
                    "Tick the box to confirm that the campaign closes.".to_owned(),
                ),
                Refusal::MinDays => (
                    "min_days",
                    format!(
                        "Enter a whole number of days from {} to {}.",
                        MIN_DAYS_RANGE.start(),
                        MIN_DAYS_RANGE.end()
                    ),
                ),
                Refusal::MaxReminders => (
                    "max_reminders",
                    format!(
                        "Enter a whole number from {} to {}.",
                        MAX_REMINDERS_RANGE.start(),
                        MAX_REMINDERS_RANGE.end()
                    ),
                ),
                Refusal::CampaignClosed => (
                    "actions",
                    "The campaign is closed, so nothing was sent.".to_owned(),
                ),
            };
            errors.add(field, None, message);
            None
        }
        // The notices of other pages, listed so a new one is a compile error here.
        Some(
            Notice::Saved
            | Notice::Submitted
            | Notice::LoggedOut
            | Notice::MailTextSaved
            | Notice::ParticipantsImported { .. }
            | Notice::ParticipantAdded { .. }
            | Notice::InvitationRevoked
            | Notice::RevokeUnconfirmed { .. }
            | Notice::Account { .. }
            | Notice::PasswordSet
            | Notice::EvidenceSaved
            | Notice::EvidenceFileRemoved
            | Notice::Reviewed { .. },
        )
        | None => None,
    };
    (words, errors)
}

/// `GET /campaigns/{id}`: the dashboard of a campaign the analyst may see; 404 otherwise.
pub async fn show_dashboard(
    access: PageCampaign,
    csrf: CsrfToken,
    state: web::Data<AppState>,
    flash: Flash,
) -> Result<HttpResponse, WebError> {
    let id = access.id().get();
    let (details, progress, outbox, mails, times, follows) = with_conn(&state, move |conn| {
        let details = get_campaign(conn, id)?;
        let follows = match details.campaign.follows_id {
            Some(earlier) => Some(get_campaign(conn, earlier)?.campaign),
            None => None,
        };
        let progress = campaign_progress(conn, id)?;
        let outbox = campaign_outbox_counts(conn, id)?;
        let mails = campaign_waiting_mails(conn, id)?;
        let times = submission_times(conn, id)?;
        Ok((details, progress, outbox, mails, times, follows))
    })
    .await?;
    let follows = follows.map(|earlier| {
        if access.analyst().rights_on(earlier.id.into()).is_some() {
            let label = format!("{} ({})", earlier.name, earlier.id);
            (label, Some(format!("/campaigns/{}", earlier.id)))
        } else {
            (format!("campaign {}", earlier.id), None)
        }
    });
    let CampaignDetails {
        campaign,
        questionnaires,
    } = details;
    let overall = progress.overall;
    let now = crate::storage::now();
    let (notice, errors) = told(flash.notice());
    let message_for = |field: &str| errors.message_for(field).map(str::to_owned);
    let reminder_fields = [
        NumberField {
            name: "min_days",
            label: "Days since their last mail, at least",
            value: ReminderRules::DEFAULT.min_days().to_string(),
            error: message_for("min_days"),
        },
        NumberField {
            name: "max_reminders",
            label: "Reminders per participant, at most",
            value: ReminderRules::DEFAULT.max().to_string(),
            error: message_for("max_reminders"),
        },
    ];
    let confirm_error = message_for("confirm");
    let languages = campaign.offered_languages().map_or_else(
        || "every language of its questionnaires".to_owned(),
        |l| l.join(", "),
    );
    let retention = crate::retention::Schedule::of(&campaign, now).sentence();
    let page = DashboardPage {
        chrome: Chrome::analyst(csrf.value(), Some(access.analyst())),
        id,
        name: campaign.name,
        state: campaign.state.to_string(),
        open: campaign.state == CampaignState::Open,
        tlp: campaign.tlp.to_string(),
        tlp_class: tlp_class(campaign.tlp),
        closes_on: campaign.closes_on.to_string(),
        peer_review_nis2: campaign.peer_review_nis2,
        questionnaires: questionnaires
            .into_iter()
            .map(|q| {
                let version = format!("{} {}", q.questionnaire_id, q.questionnaire_version);
                let preview = state
                    .catalogue
                    .get(&q.questionnaire_id)
                    .filter(|loaded| loaded.version() == q.questionnaire_version)
                    .map(|loaded| format!("/questionnaires/{}/preview", loaded.id()));
                (q.audience.to_string(), version, preview)
            })
            .collect(),
        privacy_k: match campaign.privacy_k {
            Some(k) => k.to_string(),
            None => format!("{} (the service's default)", state.settings.privacy_k),
        },
        languages,
        retention,
        notice,
        not_invited: overall.participants - overall.invited - overall.revoked,
        progress_chart: progress_chart(&times, overall.invited),
        progress_height: PROGRESS_HEIGHT,
        rate_chart: rate_chart(&progress.by_country),
        tables: progress_tables(progress),
        outbox,
        held: held_lines(
            &OutboxHeld::of(mails.iter().map(|m| (m.state, m.next_attempt_at)), now),
            now,
        ),
        mails: mails.into_iter().map(|m| MailRow::new(m, now)).collect(),
        reminder_fields,
        confirm_error,
        responses_shown: access.allows(CampaignRight::ReadRows),
        follows,
        review_required: campaign.review_required,
        errors,
    };
    Ok(flash.shown(html(page.render())?))
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
