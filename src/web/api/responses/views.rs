//! How the API shows responses: who gave one, its scores, answers, history and the mails
//! of its invitation (never a mail's body or link token). Timestamps are RFC 3339 UTC.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;

use crate::questionnaire::Questionnaire;
use crate::responses::reading::{SectionAnswers, tier_name};
use crate::responses::{AnalystReading, ResponseEvent, ScoredResponse};
use crate::scoring::Assessment;
use crate::storage::campaign_responses::{InvitationMail, PlacedResponse};

fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    at.and_utc()
}

/// A response and who gave it, with its scores.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ResponseSummary {
    id: i64,
    organisation: String,
    /// csirt, lea or judiciary.
    audience: String,
    /// ISO 3166-1 alpha-2 of the organisation.
    country: String,
    /// draft or submitted.
    state: String,
    questionnaire_id: String,
    questionnaire_version: String,
    /// The language the respondent answered in.
    language: String,
    started_at: DateTime<Utc>,
    /// When its answers were last saved.
    updated_at: DateTime<Utc>,
    submitted_at: Option<DateTime<Utc>>,
    scores: ScoresView,
}

impl ResponseSummary {
    fn new(placed: &PlacedResponse, q: &Questionnaire, a: &Assessment) -> Self {
        let r = &placed.response;
        ResponseSummary {
            id: r.id,
            organisation: placed.organisation.clone(),
            audience: placed.audience.to_string(),
            country: placed.country.clone(),
            state: r.state.to_string(),
            questionnaire_id: r.questionnaire_id.clone(),
            questionnaire_version: r.questionnaire_version.clone(),
            language: r.language.clone(),
            started_at: utc(r.started_at),
            updated_at: utc(r.updated_at),
            submitted_at: r.submitted_at.map(utc),
            scores: ScoresView::new(q, a),
        }
    }
}

impl From<&ScoredResponse> for ResponseSummary {
    fn from(s: &ScoredResponse) -> Self {
        ResponseSummary::new(&s.placed, &s.questionnaire, &s.assessment)
    }
}

/// What the answers score, as the result page and the reports score them.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ScoresView {
    /// Maturity questionnaires with a tier table: where the answers place the respondent.
    tier: Option<TierView>,
    /// Maturity questionnaires: the mean level per SIM3 category.
    categories: Vec<CategoryView>,
    /// Cooperation questionnaires: the score per dimension.
    dimensions: Vec<DimensionView>,
    /// Answered share of the questions shown, from 0 to 1.
    completeness: f64,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct TierView {
    table: String,
    /// basic, intermediate or advanced; null: not yet basic.
    reached: Option<String>,
    /// The reached tier's name, or "Not yet basic".
    name: String,
    next: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CategoryView {
    /// O, H, T or P.
    category: String,
    mean: Option<f64>,
    answered: usize,
    total: usize,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct DimensionView {
    dimension: String,
    score: Option<f64>,
    answered: usize,
    unanswered: usize,
}

impl ScoresView {
    fn new(q: &Questionnaire, a: &Assessment) -> Self {
        ScoresView {
            tier: a.tier.as_ref().map(|t| TierView {
                table: t.table_id.clone(),
                reached: t.reached.map(|id| id.as_str().to_owned()),
                name: t.reached.map_or_else(
                    || crate::web::i18n::ui("en").not_yet_basic.to_owned(),
                    |id| tier_name(q, id, "en"),
                ),
                next: t.next.map(|id| id.as_str().to_owned()),
            }),
            categories: a
                .categories
                .iter()
                .map(|c| CategoryView {
                    category: c.category.code().to_owned(),
                    mean: c.mean,
                    answered: c.answered,
                    total: c.total,
                })
                .collect(),
            dimensions: a
                .dimensions
                .iter()
                .map(|d| DimensionView {
                    dimension: d.dimension.as_str().to_owned(),
                    score: d.score,
                    answered: d.answered,
                    unanswered: d.unanswered,
                })
                .collect(),
            completeness: a.completeness.ratio(),
        }
    }
}

/// One response opened: everything the response page shows.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ResponseDetail {
    response: ResponseSummary,
    /// Every question shown to the respondent, section by section, with the answer given.
    sections: Vec<SectionView>,
    /// What keeps the respondent from the next tier.
    gaps: Vec<GapView>,
    /// Its changes of state, oldest first.
    events: Vec<EventView>,
    /// The mails of its invitation, oldest first.
    mails: Vec<MailView>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SectionView {
    title: String,
    answers: Vec<AnswerView>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AnswerView {
    question_id: String,
    question: String,
    /// The answer as the respondent's review page shows it; null: not answered.
    answer: Option<String>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct GapView {
    parameter: String,
    name: String,
    current: f64,
    required: u8,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct EventView {
    /// null for the response's start.
    from: Option<String>,
    to: String,
    /// link (the respondent), analyst or demo.
    actor: String,
    /// The invitation of a link, the account of an analyst.
    actor_id: Option<i64>,
    at: DateTime<Utc>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct MailView {
    /// invitation, reminder or receipt.
    kind: String,
    /// pending, sending, sent or failed.
    state: String,
    attempts: i32,
    created_at: DateTime<Utc>,
    sent_at: Option<DateTime<Utc>>,
    last_error: Option<String>,
}

impl From<&AnalystReading> for ResponseDetail {
    fn from(r: &AnalystReading) -> Self {
        let language = r.reading_language();
        ResponseDetail {
            response: ResponseSummary::new(&r.placed, &r.questionnaire, &r.assessment),
            sections: r
                .answers_by_section(language)
                .into_iter()
                .map(section)
                .collect(),
            gaps: r
                .assessment
                .tier
                .iter()
                .flat_map(|t| &t.gaps)
                .map(|g| GapView {
                    parameter: g.parameter.clone(),
                    name: g.name.clone(),
                    current: g.current,
                    required: g.required,
                })
                .collect(),
            events: r.view.events.iter().map(event).collect(),
            mails: r.mails.iter().map(mail).collect(),
        }
    }
}

fn section(s: SectionAnswers) -> SectionView {
    SectionView {
        title: s.title,
        answers: s
            .answers
            .into_iter()
            .map(|a| AnswerView {
                question_id: a.question_id,
                question: a.question,
                answer: a.answer,
            })
            .collect(),
    }
}

fn event(e: &ResponseEvent) -> EventView {
    let (actor, actor_id) = match e.actor {
        crate::responses::Actor::Link(id) => ("link", Some(id.get())),
        crate::responses::Actor::Analyst(id) => ("analyst", Some(id.get())),
        crate::responses::Actor::Demo => ("demo", None),
    };
    EventView {
        from: e.from.map(|s| s.to_string()),
        to: e.to.to_string(),
        actor: actor.to_owned(),
        actor_id,
        at: utc(e.at),
    }
}

fn mail(m: &InvitationMail) -> MailView {
    MailView {
        kind: m.kind.to_string(),
        state: m.state.to_string(),
        attempts: m.attempts,
        created_at: utc(m.created_at),
        sent_at: m.sent_at.map(utc),
        last_error: m.last_error.clone(),
    }
}
