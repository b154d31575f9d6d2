//! How the API shows responses: a page of them, who gave one, its scores, answers, history,
//! the changes to its answers, the mails of its invitation (never a mail's body or link
//! token) and its evidence (described, never a file's content). Timestamps are
//! RFC 3339 UTC.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;

use super::review::{OpenFlagView, ReviewEntryView};
use crate::paging::Paged;
use crate::questionnaire::Questionnaire;
use crate::responses::changes::ChangeLine;
use crate::responses::reading::{SectionAnswers, tier_name};
use crate::responses::{Actor, AnalystReading, ResponseEvent, ScoredResponse};
use crate::scoring::{Assessment, CategoryScore, DimensionScore, Gap};
use crate::storage::campaign_responses::{InvitationMail, PlacedResponse};

fn utc(at: NaiveDateTime) -> DateTime<Utc> {
    at.and_utc()
}

/// One page of a campaign's responses, and how many pass the filters in all.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ResponseList {
    /// The responses that pass the filters, on every page.
    total: u64,
    /// This page, counted from 1.
    page: u32,
    /// The most responses a page holds.
    per_page: u32,
    /// How many pages the responses fill (1 when there are none).
    pages: u64,
    /// This page's responses, by organisation; none on a page past the last.
    responses: Vec<ResponseSummary>,
}

impl From<&Paged<ScoredResponse>> for ResponseList {
    fn from(page: &Paged<ScoredResponse>) -> Self {
        ResponseList {
            total: page.total,
            page: page.paging.page(),
            per_page: page.paging.per_page(),
            pages: page.pages(),
            responses: page.rows.iter().map(Into::into).collect(),
        }
    }
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
    /// draft, submitted, changes_requested, resubmitted or accepted.
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
    /// Maturity questionnaires: the mean level per SIM3 category (O, H, T or P).
    categories: Vec<CategoryScore>,
    /// Cooperation questionnaires: the score per dimension.
    dimensions: Vec<DimensionScore>,
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
            categories: a.categories.clone(),
            dimensions: a.dimensions.clone(),
            completeness: a.completeness.ratio(),
        }
    }
}

/// One response opened: everything the response page shows.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ResponseDetail {
    response: ResponseSummary,
    /// Every question shown to the respondent, section by section, with the answer given.
    sections: Vec<SectionAnswers>,
    /// What keeps the respondent from the next tier.
    gaps: Vec<Gap>,
    /// Its changes of state, oldest first.
    events: Vec<EventView>,
    /// Every change to an answer, oldest first: it survives submission; retention drops
    /// who made each and erases the values of personal questions.
    answer_history: Vec<AnswerChangeView>,
    /// The mails of its invitation, oldest first.
    mails: Vec<MailView>,
    /// The evidence behind its answers, by question id: notes and files described (each
    /// file downloads from `…/responses/{response_id}/evidence/{file_id}`, audited).
    evidence: Vec<EvidenceView>,
    /// Its review, oldest first: every comment, change request, reply and decision, with
    /// who and when. Empty for a campaign without review.
    review: Vec<ReviewEntryView>,
    /// The answers the latest change request sent back, with the respondent's replies;
    /// empty when none was requested or the response is accepted.
    open_flags: Vec<OpenFlagView>,
    /// Its peer review: self-assessed, peer and agreed levels; null before peers recorded
    /// any level.
    peer_review: Option<crate::web::api::peer_review::PeerReviewView>,
}

impl ResponseDetail {
    /// The detail with its peer review.
    pub fn with_peer_review(
        mut self,
        peer_review: Option<crate::web::api::peer_review::PeerReviewView>,
    ) -> Self {
        self.peer_review = peer_review;
        self
    }
}

/// The evidence behind one answer.
#[derive(Serialize, utoipa::ToSchema)]
pub struct EvidenceView {
    question_id: String,
    /// The respondent's note (source, document, year); null when there is none.
    note: Option<String>,
    /// Whether the respondent marked the note as naming a person (retention erases it).
    note_personal: bool,
    files: Vec<EvidenceFileView>,
}

/// One evidence file, without its content.
#[derive(Serialize, utoipa::ToSchema)]
pub struct EvidenceFileView {
    id: i64,
    /// The name the respondent's browser gave, made safe to show.
    name: String,
    /// The type found in the content, e.g. application/pdf.
    media_type: String,
    size_bytes: i64,
    /// SHA-256 of the content, in hex.
    sha256: String,
    uploaded_at: DateTime<Utc>,
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

/// One change to one answer.
#[derive(Serialize, utoipa::ToSchema)]
pub struct AnswerChangeView {
    at: DateTime<Utc>,
    question_id: String,
    /// The question's text.
    question: String,
    /// The answer before, as the response page words it (an option's label, say); null:
    /// there was none.
    old: Option<String>,
    /// The answer after; null: it was removed.
    new: Option<String>,
    /// Retention erased both values (`old` and `new` read "(erased)"): the question is
    /// personal.
    values_erased: bool,
    /// link (the respondent), analyst, demo or delegate (a colleague the contact handed
    /// sections to); null once retention dropped who it was.
    actor: Option<String>,
    /// The invitation of a link, the account of an analyst, the delegation of a delegate.
    actor_id: Option<i64>,
    /// Who, in words: "the respondent's link", an analyst's address, "the demo
    /// generator", a colleague's address, or "—" once retention dropped it.
    by: String,
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
            sections: r.answers_by_section(language),
            gaps: r
                .assessment
                .tier
                .iter()
                .flat_map(|t| t.gaps.clone())
                .collect(),
            events: r.view.events.iter().map(event).collect(),
            answer_history: r
                .change_lines(language)
                .into_iter()
                .map(answer_change)
                .collect(),
            mails: r.mails.iter().map(mail).collect(),
            peer_review: None,
            evidence: r
                .evidence
                .iter()
                .map(|(question, e)| EvidenceView {
                    question_id: question.to_owned(),
                    note: e.note.as_ref().map(|n| n.text.clone()),
                    note_personal: e.note.as_ref().is_some_and(|n| n.personal),
                    files: e
                        .files
                        .iter()
                        .map(|f| EvidenceFileView {
                            id: f.id,
                            name: f.file_name.clone(),
                            media_type: f.media_type.clone(),
                            size_bytes: f.size_bytes,
                            sha256: f.sha256.clone(),
                            uploaded_at: utc(f.uploaded_at),
                        })
                        .collect(),
                })
                .collect(),
            review: r
                .review_lines(language)
                .into_iter()
                .map(|l| ReviewEntryView {
                    at: utc(l.at),
                    kind: l.kind.as_str().to_owned(),
                    by: l.by,
                    question_id: l.question_id,
                    body: l.body,
                    please_change: l.please_change,
                })
                .collect(),
            open_flags: r
                .open_flags()
                .into_iter()
                .map(|f| OpenFlagView {
                    question_id: f.question_id,
                    comment: f.comment,
                    replies: f.replies,
                })
                .collect(),
        }
    }
}

fn actor_words(actor: Actor) -> (&'static str, Option<i64>) {
    match actor {
        Actor::Link(id) => ("link", Some(id.get())),
        Actor::Analyst(id) => ("analyst", Some(id.get())),
        Actor::Demo => ("demo", None),
        Actor::Delegate(id) => ("delegate", Some(id.get())),
    }
}

fn event(e: &ResponseEvent) -> EventView {
    let (actor, actor_id) = actor_words(e.actor);
    EventView {
        from: e.from.map(|s| s.to_string()),
        to: e.to.to_string(),
        actor: actor.to_owned(),
        actor_id,
        at: utc(e.at),
    }
}

fn answer_change(c: ChangeLine) -> AnswerChangeView {
    let actor = c.actor.map(actor_words);
    AnswerChangeView {
        at: utc(c.at),
        question_id: c.question_id,
        question: c.question,
        old: c.old,
        new: c.new,
        values_erased: c.values_erased,
        actor: actor.map(|(kind, _)| kind.to_owned()),
        actor_id: actor.and_then(|(_, id)| id),
        by: c.by,
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
