//! Responses as an analyst reads them: a campaign's list, filtered, a page at a time and
//! scored, and one response with its answers, scores, history and the mails of its
//! invitation.
//!
//! Nothing here changes a response: no event, no `opened_at`, no language. Opening one
//! ([`open_for_analyst`]) writes only the audit entry saying who read it, since a response
//! names the organisation that gave it; its radar, drawn for the page that opened it,
//! reads through [`read_for_analyst`] without a second entry.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::Arc;

use serde::Serialize;

use super::changes::{AnalystNames, AnswerChange, ChangeLine, DelegateNames, change_lines};
use super::{ResponseError, ResponseFilter, ResponseView, view};
use crate::audit::{self, Actor, AuditAction, AuditSubject};
use crate::campaigns::questionnaire_at;
use crate::ids::{CampaignId, ResponseId};
use crate::paging::{Paged, Paging};
use crate::questionnaire::{Catalogue, Questionnaire, TierId};
use crate::scoring::{Assessment, assess, assess_scores};
use crate::storage::campaign_responses::{self as stored, InvitationMail, PlacedResponse};
use crate::storage::{DbConn, StorageError};
use crate::survey::{display_answer, visible_questions};

/// One response of a list, scored by the questionnaire it was answered on.
#[derive(Debug, Clone)]
pub struct ScoredResponse {
    pub placed: PlacedResponse,
    pub questionnaire: Arc<Questionnaire>,
    /// Without recommendations, which a list does not show.
    pub assessment: Assessment,
}

/// Page `paging` of the responses of `campaign` that pass `filter`, drafts included, by
/// organisation, each scored with the scoring of the result page and the reports, and how
/// many pass the filter in all. Only the page's responses are read and scored: a page
/// past the last holds none.
pub fn list_for_analyst(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    campaign: CampaignId,
    filter: &ResponseFilter,
    paging: Paging,
) -> Result<Paged<ScoredResponse>, ResponseError> {
    let total = stored::count_of_campaign(conn, campaign.get(), filter)?;
    let mut page = Paged {
        rows: Vec::new(),
        total,
        paging,
    };
    if total == 0 || page.past_end() {
        return Ok(page);
    }
    let listed = stored::page_of_campaign(
        conn,
        campaign.get(),
        filter,
        paging.offset(),
        paging.limit(),
    )?;
    let ids: Vec<i64> = listed.iter().map(|p| p.response.id).collect();
    let mut answers = stored::answers_of(conn, &ids)?;
    let mut questionnaires: HashMap<(String, String), Arc<Questionnaire>> = HashMap::new();
    page.rows.reserve(listed.len());
    for placed in listed {
        let r = &placed.response;
        let key = (r.questionnaire_id.clone(), r.questionnaire_version.clone());
        let questionnaire = match questionnaires.get(&key) {
            Some(q) => q.clone(),
            None => {
                let q = questionnaire_at(conn, catalogue, &key.0, &key.1)?;
                questionnaires.insert(key, q.clone());
                q
            }
        };
        let given = answers.remove(&r.id).unwrap_or_default();
        let assessment = assess_scores(&questionnaire, questionnaire.default_tier_table(), &given);
        page.rows.push(ScoredResponse {
            placed,
            questionnaire,
            assessment,
        });
    }
    Ok(page)
}

/// One response as an analyst reads it.
#[derive(Debug, Clone)]
pub struct AnalystReading {
    pub placed: PlacedResponse,
    /// The answers and the history, from [`view`].
    pub view: ResponseView,
    pub questionnaire: Questionnaire,
    /// With the recommendations the respondent's result page gives.
    pub assessment: Assessment,
    /// The mails of its invitation, oldest first.
    pub mails: Vec<InvitationMail>,
    /// The e-mail addresses of the accounts its answer history names.
    pub analysts: AnalystNames,
    /// The colleagues its answer history names, by delegation.
    pub delegates: DelegateNames,
    /// The notes and files (described, no content) behind its answers.
    pub evidence: crate::evidence::Evidence,
    /// Every review comment and reply on it, oldest first.
    pub comments: Vec<crate::storage::review_comments::StoredComment>,
    /// The reviewer's comments of its latest change request.
    pub latest_request: Vec<crate::storage::review_comments::StoredComment>,
}

impl AnalystReading {
    /// Its review history in `language`: see [`super::review_history::review_lines`].
    pub fn review_lines(&self, language: &str) -> Vec<super::review_history::ReviewLine> {
        super::review_history::review_lines(
            &self.view.events,
            &self.comments,
            &self.questionnaire,
            &self.analysts,
            language,
        )
    }

    /// The answers sent back by the latest change request, with the replies they got.
    pub fn open_flags(&self) -> Vec<super::review_history::OpenFlag> {
        super::review_history::open_flags(
            self.view.response.state,
            &self.latest_request,
            &self.comments,
        )
    }
}

/// Response `response` of `campaign`, read without a trace. A response of another
/// campaign is refused in the very words of one that does not exist.
pub fn read_for_analyst(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    campaign: CampaignId,
    response: ResponseId,
) -> Result<AnalystReading, ResponseError> {
    let placed = stored::placed(conn, response.get())?
        .filter(|p| p.campaign_id == campaign.get())
        .ok_or_else(|| StorageError::not_found("response", response))?;
    let view = view(conn, response)?;
    let questionnaire = questionnaire_at(
        conn,
        catalogue,
        &view.response.questionnaire_id,
        &view.response.questionnaire_version,
    )?;
    let assessment = assess(
        &questionnaire,
        questionnaire.default_tier_table(),
        &view.answers,
    );
    let mails = stored::invitation_mails(conn, view.response.invitation_id)?;
    let comments = crate::storage::review_comments::of_response(conn, response.get())?;
    let latest_request = crate::storage::review_comments::of_latest_request(conn, response.get())?;
    let analysts = analyst_names(conn, &view, &comments)?;
    let delegates = delegate_names(conn, &view.changes)?;
    let evidence = crate::evidence::of_response(conn, response)?;
    Ok(AnalystReading {
        placed,
        view,
        questionnaire: std::sync::Arc::unwrap_or_clone(questionnaire),
        assessment,
        mails,
        analysts,
        delegates,
        evidence,
        comments,
        latest_request,
    })
}

/// The addresses of the accounts that changed answers or the state, or wrote comments,
/// looked up once each.
fn analyst_names(
    conn: &mut DbConn,
    view: &ResponseView,
    comments: &[crate::storage::review_comments::StoredComment],
) -> Result<AnalystNames, StorageError> {
    let changed = view.changes.iter().filter_map(|c: &AnswerChange| c.actor);
    let decided = view.events.iter().map(|e| e.actor);
    let mut ids: Vec<i64> = changed
        .chain(decided)
        .filter_map(|a| match a {
            super::Actor::Analyst(id) => Some(id.get()),
            _ => None,
        })
        .collect();
    ids.extend(
        comments
            .iter()
            .filter(|c| c.author_kind == super::ActorKind::Analyst)
            .filter_map(|c| c.author_id),
    );
    let mut names = AnalystNames::new();
    for id in ids {
        if let Entry::Vacant(name) = names.entry(id) {
            name.insert(crate::storage::analysts::get_analyst(conn, id)?.email);
        }
    }
    Ok(names)
}

/// The colleagues who changed answers through a delegation, by its id: their address, or
/// their name, or nothing once retention erased both.
fn delegate_names(
    conn: &mut DbConn,
    changes: &[AnswerChange],
) -> Result<DelegateNames, StorageError> {
    let mut ids: Vec<i64> = changes
        .iter()
        .filter_map(|c| match c.actor {
            Some(super::Actor::Delegate(id)) => Some(id.get()),
            _ => None,
        })
        .collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(crate::storage::delegations::get_many(conn, &ids)?
        .into_iter()
        .filter_map(|d| d.email.or(d.name).map(|who| (d.id, who)))
        .collect())
}

/// [`read_for_analyst`], and the audit entry saying that `actor` opened the response.
pub fn open_for_analyst(
    conn: &mut DbConn,
    catalogue: &Catalogue,
    campaign: CampaignId,
    response: ResponseId,
    actor: &Actor,
) -> Result<AnalystReading, ResponseError> {
    let reading = read_for_analyst(conn, catalogue, campaign, response)?;
    audit::record(
        conn,
        actor,
        AuditAction::ResponseOpen,
        &AuditSubject::Response(response),
        Some(&format!("campaign:{campaign}")),
    )?;
    Ok(reading)
}

/// The name of tier `id` of the questionnaire's default tier table in `language`; the id
/// itself if the table does not name it.
pub fn tier_name(questionnaire: &Questionnaire, id: TierId, language: &str) -> String {
    questionnaire
        .default_tier_table()
        .and_then(|t| t.tiers().iter().find(|tier| tier.id() == id))
        .map_or_else(
            || id.as_str().to_owned(),
            |tier| tier.name().get(language).to_owned(),
        )
}

/// One visible question and the answer given, as the respondent's review page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct GivenAnswer {
    pub question_id: String,
    pub question: String,
    /// The answer as the respondent's review page shows it; `None` (null): not answered.
    pub answer: Option<String>,
    /// Whether the questionnaire asks for an answer.
    pub required: bool,
}

/// A section's visible questions with their answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct SectionAnswers {
    pub title: String,
    pub answers: Vec<GivenAnswer>,
}

impl AnalystReading {
    /// The language an analyst reads the questionnaire in: English where it has it, else
    /// its first; the answers' words (choices, scales) follow it, free text stays as typed.
    pub fn reading_language(&self) -> &str {
        let offered = self.questionnaire.languages();
        offered
            .iter()
            .find(|l| *l == "en")
            .or_else(|| offered.first())
            .map_or("en", String::as_str)
    }

    /// Every change to an answer, oldest first, worded in `language`.
    pub fn change_lines(&self, language: &str) -> Vec<ChangeLine> {
        change_lines(
            &self.view.changes,
            &self.questionnaire,
            self.view.response.invitation_id,
            &self.analysts,
            &self.delegates,
            language,
        )
    }

    /// Every question the respondent was shown, section by section, with the answer
    /// given (the review page's listing); sections that showed nothing are left out.
    pub fn answers_by_section(&self, language: &str) -> Vec<SectionAnswers> {
        let (q, given) = (&self.questionnaire, &self.view.answers);
        q.sections()
            .iter()
            .filter_map(|section| {
                let answers: Vec<GivenAnswer> = visible_questions(q, section, given)
                    .into_iter()
                    .map(|question| GivenAnswer {
                        question_id: question.id().to_owned(),
                        question: question.text().get(language).to_owned(),
                        answer: given
                            .get(question.id())
                            .map(|a| display_answer(question, a, language)),
                        required: question.required(),
                    })
                    .collect();
                (!answers.is_empty()).then(|| SectionAnswers {
                    title: section.title().get(language).to_owned(),
                    answers,
                })
            })
            .collect()
    }
}
