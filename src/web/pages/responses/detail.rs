//! The page of one response: who gave it, every answer, its scores, gaps and radar, its
//! history, every change to its answers, the mails of its invitation and the evidence
//! behind each answer.

use std::collections::BTreeMap;

use askama::Template;

use super::review_form::{ReviewForm, ReviewRow, flags_by_question};
use super::when;
use crate::evidence::Evidence;
use crate::questionnaire::Model;
use crate::responses::changes::ChangeLine;
use crate::responses::reading::{SectionAnswers, tier_name};
use crate::responses::review_history::OpenFlag;
use crate::responses::{Actor, AnalystReading, ResponseEvent};
use crate::storage::campaign_responses::InvitationMail;
use crate::storage::campaigns::CampaignDetails;
use crate::web::i18n::{category_label, dimension_label, ui};
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, tlp_class};

pub(super) struct TierLine {
    name: String,
    next: Option<String>,
}

pub(super) struct ScoreRow {
    name: String,
    value: String,
    answered: String,
}

pub(super) struct GapRow {
    parameter: String,
    current: String,
    required: u8,
}

pub(super) struct EventRow {
    at: String,
    change: String,
    actor: String,
}

pub(super) struct ChangeRow {
    at: String,
    question: String,
    old: String,
    new: String,
    by: String,
}

/// The evidence behind one answer, as the page lists it.
pub(super) struct EvidenceView {
    note: Option<String>,
    personal: bool,
    files: Vec<EvidenceFileLink>,
}

pub(super) struct EvidenceFileLink {
    id: i64,
    name: String,
    kind: String,
    size: String,
    href: String,
}

pub(super) struct MailRow {
    kind: String,
    state: String,
    attempts: i32,
    queued: String,
    sent: String,
    last_error: String,
}

#[derive(Template)]
#[template(path = "responses/detail.html", config = "assets/askama.toml")]
pub(super) struct DetailPage {
    chrome: Chrome,
    campaign_id: i64,
    campaign_name: String,
    tlp: String,
    tlp_class: String,
    response_id: i64,
    organisation: String,
    facts: Vec<(&'static str, String)>,
    tier: Option<TierLine>,
    axis_label: &'static str,
    scores: Vec<ScoreRow>,
    completeness: String,
    gaps: Vec<GapRow>,
    radar_src: String,
    sections: Vec<SectionAnswers>,
    events: Vec<EventRow>,
    changes: Vec<ChangeRow>,
    mails: Vec<MailRow>,
    /// The evidence of each answer, by question id.
    evidence: BTreeMap<String, EvidenceView>,
    /// What the last action did (a review decision), shown once.
    pub(super) notice: Option<String>,
    /// A refused review, beside its field.
    pub(super) errors: FormErrors,
    /// Whether the campaign requires review.
    review_required: bool,
    /// The response's state, as the review paragraph names it.
    state: String,
    /// Whether the page's analyst reviews the campaign.
    may_review: bool,
    /// The review form, for a reviewer of the campaign while the response awaits review.
    pub(super) review: Option<ReviewForm>,
    /// Every comment, change request, reply and decision, oldest first.
    review_rows: Vec<ReviewRow>,
    /// The answers the latest change request flagged, by question id.
    pub(super) flags: BTreeMap<String, OpenFlag>,
    /// Peer review: the levels side by side, their history, the reviewer's form.
    pub(super) peer: Option<super::peer_part::PeerPart>,
}

fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
}

impl DetailPage {
    /// The page of `r`; `reviewer` says whether the analyst reviews the campaign.
    pub(super) fn new(
        chrome: Chrome,
        details: &CampaignDetails,
        r: &AnalystReading,
        reviewer: bool,
    ) -> Self {
        let campaign = &details.campaign;
        let (q, a, response) = (&r.questionnaire, &r.assessment, &r.view.response);
        let language = r.reading_language();
        let facts = vec![
            ("Audience", r.placed.audience.to_string()),
            ("Country", r.placed.country.clone()),
            ("State", response.state.to_string()),
            (
                "Questionnaire",
                format!(
                    "{} {}",
                    response.questionnaire_id, response.questionnaire_version
                ),
            ),
            ("Answered in", response.language.clone()),
            ("Started", when(response.started_at)),
            ("Last saved", when(response.updated_at)),
            (
                "Submitted",
                response
                    .submitted_at
                    .map_or_else(|| "not yet".to_owned(), when),
            ),
        ];
        let tier = a.tier.as_ref().map(|t| TierLine {
            name: t.reached.map_or_else(
                || ui("en").not_yet_basic.to_owned(),
                |id| tier_name(q, id, language),
            ),
            next: t.next.map(|id| tier_name(q, id, language)),
        });
        let cooperation = q.model() == Model::Cooperation;
        let scores = if cooperation {
            a.dimensions
                .iter()
                .map(|d| ScoreRow {
                    name: dimension_label(d.dimension, "en").to_owned(),
                    value: score(d.score),
                    answered: ui("en").dimension_answered(d),
                })
                .collect()
        } else {
            a.categories
                .iter()
                .map(|c| ScoreRow {
                    name: category_label(c.category, "en").to_owned(),
                    value: score(c.mean),
                    answered: ui("en").category_answered(c),
                })
                .collect()
        };
        let gaps = a
            .tier
            .iter()
            .flat_map(|t| &t.gaps)
            .map(|g| GapRow {
                parameter: format!("{} {}", g.parameter, g.name),
                current: ui("en").level_shown(g.current, g.non_answer),
                required: g.required,
            })
            .collect();
        let c = &a.completeness;
        DetailPage {
            campaign_id: campaign.id,
            campaign_name: campaign.name.clone(),
            tlp: campaign.tlp.to_string(),
            tlp_class: tlp_class(campaign.tlp),
            response_id: response.id,
            organisation: r.placed.organisation.clone(),
            facts,
            tier,
            axis_label: if cooperation { "Dimension" } else { "Category" },
            scores,
            completeness: format!("{} of {} questions shown answered", c.answered, c.visible),
            gaps,
            radar_src: format!(
                "/campaigns/{}/responses/{}/radar.png",
                campaign.id, response.id
            ),
            sections: r.answers_by_section(language),
            events: r
                .view
                .events
                .iter()
                .map(|e| event_row(e, &r.analysts))
                .collect(),
            changes: r
                .change_lines(language)
                .into_iter()
                .map(change_row)
                .collect(),
            mails: r.mails.iter().map(mail_row).collect(),
            evidence: evidence_views(campaign.id, response.id, &r.evidence),
            notice: None,
            errors: FormErrors::new(),
            review_required: campaign.review_required,
            state: response.state.to_string(),
            may_review: reviewer,
            review: (campaign.review_required && reviewer && response.state.awaits_review())
                .then(ReviewForm::default),
            review_rows: r
                .review_lines(language)
                .into_iter()
                .map(ReviewRow::from)
                .collect(),
            flags: flags_by_question(r.open_flags()),
            peer: None,
            chrome,
        }
    }

    /// The evidence of question `id`, if it has any.
    fn evidence_of(&self, id: &str) -> Option<&EvidenceView> {
        self.evidence.get(id)
    }
}

fn evidence_views(
    campaign: i64,
    response: i64,
    evidence: &Evidence,
) -> BTreeMap<String, EvidenceView> {
    evidence
        .iter()
        .filter(|(_, e)| !e.is_empty())
        .map(|(question, e)| {
            let files = e
                .files
                .iter()
                .map(|f| EvidenceFileLink {
                    id: f.id,
                    name: f.file_name.clone(),
                    kind: f.kind().to_owned(),
                    size: format!("{} bytes", f.size_bytes),
                    href: format!(
                        "/campaigns/{campaign}/responses/{response}/evidence/{}",
                        f.id
                    ),
                })
                .collect();
            let view = EvidenceView {
                note: e.note.as_ref().map(|n| n.text.clone()),
                personal: e.note.as_ref().is_some_and(|n| n.personal),
                files,
            };
            (question.to_owned(), view)
        })
        .collect()
}

fn event_row(e: &ResponseEvent, names: &crate::responses::changes::AnalystNames) -> EventRow {
    EventRow {
        at: when(e.at),
        change: match e.from {
            Some(from) => format!("{from} → {}", e.to),
            None => format!("started as {}", e.to),
        },
        actor: match e.actor {
            Actor::Link(_) => "the respondent, through their link".to_owned(),
            Actor::Analyst(id) => names
                .get(&id.get())
                .cloned()
                .unwrap_or_else(|| format!("analyst account {id}")),
            Actor::Demo => "the demo generator".to_owned(),
            Actor::Delegate(id) => format!("a colleague, through delegation {id}"),
        },
    }
}

fn change_row(c: ChangeLine) -> ChangeRow {
    let answer = |a: Option<String>| a.unwrap_or_else(|| "no answer".to_owned());
    ChangeRow {
        at: when(c.at),
        question: format!("{} ({})", c.question, c.question_id),
        old: answer(c.old),
        new: answer(c.new),
        by: c.by,
    }
}

fn mail_row(m: &InvitationMail) -> MailRow {
    MailRow {
        kind: m.kind.to_string(),
        state: m.state.to_string(),
        attempts: m.attempts,
        queued: when(m.created_at),
        sent: m.sent_at.map_or_else(|| "–".to_owned(), when),
        last_error: m.last_error.clone().unwrap_or_default(),
    }
}
