//! The review page and the result page.

use askama::Template;

use crate::questionnaire::{Model, Target, TierId};
use crate::reports::peers::PeerStanding;
use crate::scoring::Assessment;
use crate::survey::{display_answer, visible_questions};

use super::peers::{PeerCells, cells, withheld_sentence};
use super::visit::Visit;
use crate::web::pages::layout::Chrome;

pub struct ReviewAnswer {
    pub question: String,
    pub value: Option<String>,
    pub missing: bool,
}

pub struct ReviewSection {
    pub title: String,
    pub href: String,
    pub answers: Vec<ReviewAnswer>,
}

#[derive(Template)]
#[template(path = "survey/review.html", config = "assets/askama.toml")]
pub struct ReviewPage {
    pub chrome: Chrome,
    pub sections: Vec<ReviewSection>,
    pub complete: bool,
    pub action: String,
    pub resume_href: String,
    /// The answers a reviewer sent back, while a change request waits.
    pub changes: Option<super::review_view::ChangesView>,
}

/// Every visible question with its answer, section by section, each with a link back.
pub fn review_sections(visit: &Visit) -> Vec<ReviewSection> {
    let q = &visit.questionnaire;
    let lang = &visit.language;
    q.sections()
        .iter()
        .enumerate()
        .filter_map(|(index, section)| {
            let questions = visible_questions(q, section, &visit.answers);
            if questions.is_empty() {
                return None;
            }
            let answers = questions
                .iter()
                .map(|question| {
                    let value = visit
                        .answers
                        .get(question.id())
                        .map(|a| display_answer(question, a, lang));
                    ReviewAnswer {
                        question: question.text().get(lang).to_owned(),
                        missing: value.is_none() && question.required(),
                        value,
                    }
                })
                .collect();
            Some(ReviewSection {
                title: section.title().get(lang).to_owned(),
                href: visit.path(&format!("s/{}", index + 1)),
                answers,
            })
        })
        .collect()
}

pub struct TierView {
    pub name: String,
    pub meaning: Option<String>,
    pub next: Option<String>,
    pub table: String,
    pub source: String,
}

pub struct ScoreRow {
    pub name: String,
    pub value: String,
    pub answered: String,
    /// The peers' median and Q1–Q3, when they may be shown.
    pub peers: Option<PeerCells>,
}

pub struct GapRow {
    pub parameter: String,
    pub name: String,
    pub current: String,
    pub required: u8,
}

/// A minimum of a reached tier that its tolerance let pass.
pub struct ToleratedRow {
    pub parameter: String,
    pub name: String,
    pub current: String,
    pub minimum: u8,
    pub tier: String,
}

pub struct RecommendationView {
    pub title: String,
    pub text: String,
}

#[derive(Template)]
#[template(path = "survey/result.html", config = "assets/askama.toml")]
pub struct ResultPage {
    pub chrome: Chrome,
    pub just_submitted: bool,
    pub tier: Option<TierView>,
    pub radar_src: String,
    /// The radar's text alternative, naming the peers' shape when it is drawn.
    pub radar_alt: String,
    pub answers_href: String,
    pub axis_label: &'static str,
    pub scores: Vec<ScoreRow>,
    /// Whether any score row has peer columns.
    pub peers_shown: bool,
    /// Why some or all peer figures are not shown.
    pub peers_withheld: Option<String>,
    pub cooperation: bool,
    pub gaps: Vec<GapRow>,
    pub tolerated: Vec<ToleratedRow>,
    pub recommendations: Vec<RecommendationView>,
    /// The change since the organisation's earlier round, when there is one.
    pub since: Option<super::round_change::SinceView>,
    /// Where the review by the campaign's team stands, when there is one.
    pub review_status: Option<super::review_view::StatusView>,
    /// Whether the response was handed in again after a change request.
    pub resubmitted: bool,
    pub review_words: &'static super::review_words::ReviewWords,
    /// The team's consent to a peer review, for a questionnaire with level parameters.
    pub peer_consent: Option<super::peer_consent::ConsentView>,
    /// Self-assessed, peer and agreed levels, once peers recorded levels.
    pub comparison: Option<crate::web::pages::peer::table::ComparisonView>,
    /// The respondent's division of duties beside the reference matrix.
    pub duties: Vec<super::duties_view::DutiesView>,
    /// The answers read against another self-assessment through a mapping (NIS2 on SIM3).
    pub mapped: Option<super::mapped_view::MappedView>,
    /// Sharing with counterparts of the same country, for a mirrored questionnaire.
    pub sharing: Option<super::gap_sharing::SharingView>,
}

fn score(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"))
}

impl ResultPage {
    /// The page of `assessment`, with `peers` the peer standing of each score row (the
    /// radar's spokes, in order).
    pub fn new(
        visit: &Visit,
        chrome: Chrome,
        assessment: &Assessment,
        peers: &[Option<&PeerStanding>],
        just_submitted: bool,
    ) -> Self {
        let lang = visit.language.as_str();
        let q = &visit.questionnaire;
        let tier_name = |id: TierId| {
            q.default_tier_table()
                .and_then(|t| t.tiers().iter().find(|tier| tier.id() == id))
                .map_or_else(
                    || id.as_str().to_owned(),
                    |tier| tier.name().get(lang).to_owned(),
                )
        };
        let tier = assessment.tier.as_ref().map(|placement| {
            let table = q.tier_table(&placement.table_id);
            let reached = placement
                .reached
                .and_then(|id| table?.tiers().iter().find(|t| t.id() == id));
            TierView {
                name: placement
                    .reached
                    .map_or_else(|| chrome.ui.not_yet_basic.to_owned(), tier_name),
                meaning: match reached {
                    Some(t) => t.description().map(|d| d.get(lang).to_owned()),
                    None => Some(chrome.ui.not_yet_basic_meaning.to_owned()),
                },
                next: placement.next.map(tier_name),
                table: placement.table_id.clone(),
                source: placement.table_source.clone(),
            }
        });
        let cooperation = q.model() == Model::Cooperation;
        let mut scores: Vec<ScoreRow> = if cooperation {
            assessment
                .dimensions
                .iter()
                .map(|d| ScoreRow {
                    name: crate::web::i18n::dimension_label(d.dimension, lang).to_owned(),
                    value: score(d.score),
                    answered: chrome.ui.dimension_answered(d),
                    peers: None,
                })
                .collect()
        } else {
            assessment
                .categories
                .iter()
                .map(|c| ScoreRow {
                    name: crate::web::i18n::category_label(c.category, lang).to_owned(),
                    value: score(c.mean),
                    answered: chrome.ui.category_answered(c),
                    peers: None,
                })
                .collect()
        };
        for (row, standing) in scores.iter_mut().zip(peers) {
            row.peers = cells(*standing);
        }
        let gaps = assessment
            .tier
            .iter()
            .flat_map(|t| &t.gaps)
            .map(|g| GapRow {
                parameter: g.parameter.clone(),
                name: g.name.clone(),
                current: chrome.ui.level_shown(g.current, g.non_answer),
                required: g.required,
            })
            .collect();
        let tolerated = assessment
            .tier
            .iter()
            .flat_map(|t| &t.tolerated)
            .map(|t| ToleratedRow {
                parameter: t.parameter.clone(),
                name: t.name.clone(),
                current: chrome.ui.level_shown(t.current, t.non_answer),
                minimum: t.minimum,
                tier: tier_name(t.tier),
            })
            .collect();
        let recommendations = assessment
            .recommendations
            .iter()
            .map(|a| {
                let r = &a.recommendation;
                let subject = match r.target() {
                    Target::Parameter(id) => q
                        .question(id)
                        .map_or(id.clone(), |p| format!("{id} {}", p.name())),
                    Target::Dimension(d) => crate::web::i18n::dimension_label(*d, lang).to_owned(),
                };
                RecommendationView {
                    title: r
                        .title()
                        .map_or(subject.clone(), |t| format!("{subject}: {}", t.get(lang))),
                    text: r.text().get(lang).to_owned(),
                }
            })
            .collect();
        ResultPage {
            just_submitted,
            tier,
            radar_src: visit.path("radar.png"),
            // The radar draws the peers' median only when every spoke has one.
            radar_alt: if !scores.is_empty() && scores.iter().all(|s| s.peers.is_some()) {
                format!("{} — {}", chrome.ui.radar_alt, chrome.ui.peers_legend)
            } else {
                chrome.ui.radar_alt.to_owned()
            },
            answers_href: visit.path("answers.csv"),
            axis_label: if cooperation {
                chrome.ui.dimension
            } else {
                chrome.ui.category
            },
            peers_shown: scores.iter().any(|s| s.peers.is_some()),
            peers_withheld: withheld_sentence(chrome.ui, peers),
            scores,
            cooperation,
            gaps,
            tolerated,
            recommendations,
            since: None,
            review_status: super::review_view::review_status(visit),
            resubmitted: visit
                .response
                .as_ref()
                .is_some_and(|r| r.state == crate::responses::ResponseState::Resubmitted),
            review_words: super::review_words::review_words(lang),
            peer_consent: None,
            comparison: None,
            duties: super::duties_view::duties_views(q, &visit.answers, lang),
            mapped: None,
            sharing: None,
            chrome,
        }
    }
}
