//! What the create-campaign page shows: the form's fields filled in with what was typed
//! (or the defaults), the loaded questionnaires by audience with their previews, the TLP
//! labels with their meaning, and the languages the questionnaires have.

use askama::Template;

use crate::campaigns::{PRIVACY_K_RANGE, Tlp, audience_of};
use crate::participants::OrganisationKind;
use crate::questionnaire::Catalogue;
use crate::retention::{DEFAULT_RETENTION_DAYS, RETENTION_DAYS_RANGE};
use crate::storage::campaigns::CampaignDetails;
use crate::web::i18n::tlp_meaning;
use crate::web::pages::form_errors::FormErrors;
use crate::web::pages::layout::{Chrome, language_name, tlp_class};

use super::form::Typed;

/// The id of the form, where a problem with the request as a whole links to.
pub(super) const FORM_ID: &str = "campaign-form";

/// One questionnaire a select offers.
struct QuestionnaireOption {
    id: String,
    label: String,
    selected: bool,
}

/// The questionnaire select of one audience.
struct AudienceField {
    key: String,
    label: &'static str,
    options: Vec<QuestionnaireOption>,
}

/// One TLP radio with what the label means.
struct TlpOption {
    value: &'static str,
    class: String,
    meaning: &'static str,
    checked: bool,
}

/// One language checkbox, with the questionnaires that have it.
struct LanguageOption {
    code: String,
    name: &'static str,
    questionnaires: String,
    checked: bool,
}

/// A campaign the new one may be the next round of.
struct RoundOption {
    id: String,
    label: String,
    selected: bool,
}

/// A loaded questionnaire with its preview.
struct PreviewLink {
    href: String,
    label: String,
}

#[derive(Template)]
#[template(path = "analyst/new_campaign.html", config = "assets/askama.toml")]
pub(super) struct NewCampaignPage {
    chrome: Chrome,
    errors: FormErrors,
    form_id: &'static str,
    name: String,
    audiences: Vec<AudienceField>,
    rounds: Vec<RoundOption>,
    closes_on: String,
    tlps: Vec<TlpOption>,
    sender_organisation: String,
    privacy_k: String,
    min_k: i64,
    max_k: i64,
    configured_k: usize,
    retention_days: String,
    min_days: i64,
    max_days: i64,
    default_days: i32,
    languages: Vec<LanguageOption>,
    previews: Vec<PreviewLink>,
    review_required: bool,
    peer_review_nis2: bool,
}

impl NewCampaignPage {
    pub(super) fn new(
        chrome: Chrome,
        catalogue: &Catalogue,
        typed: Typed,
        errors: FormErrors,
        configured_k: usize,
        earlier: &[CampaignDetails],
    ) -> Self {
        let chosen = |kind: OrganisationKind| {
            typed
                .questionnaires
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, id)| id.as_str())
        };
        let audiences = OrganisationKind::ALL
            .iter()
            .map(|&kind| AudienceField {
                key: kind.to_string(),
                label: audience_label(kind),
                options: catalogue
                    .iter()
                    .filter(|q| audience_of(q.audience()) == Some(kind))
                    .map(|q| QuestionnaireOption {
                        id: q.id().to_owned(),
                        label: format!(
                            "{} ({}, version {})",
                            q.title().get("en"),
                            q.id(),
                            q.version()
                        ),
                        selected: chosen(kind) == Some(q.id()),
                    })
                    .collect(),
            })
            .collect();
        let rounds = earlier
            .iter()
            .map(|d| {
                let asks: Vec<&str> = d
                    .questionnaires
                    .iter()
                    .map(|q| q.questionnaire_id.as_str())
                    .collect();
                let id = d.campaign.id.to_string();
                RoundOption {
                    label: format!("{} ({}, {})", d.campaign.name, id, asks.join(", ")),
                    selected: typed.follows.trim() == id,
                    id,
                }
            })
            .collect();
        let tlps = Tlp::ALL
            .iter()
            .map(|&tlp| TlpOption {
                value: tlp.as_str(),
                class: tlp_class(tlp),
                meaning: tlp_meaning(tlp, "en"),
                checked: typed.tlp == tlp.as_str(),
            })
            .collect();
        let mut codes: Vec<&str> = Vec::new();
        for code in catalogue.iter().flat_map(|q| q.languages()) {
            if !codes.contains(&code.as_str()) {
                codes.push(code);
            }
        }
        let languages = codes
            .into_iter()
            .map(|code| LanguageOption {
                code: code.to_owned(),
                name: language_name(code),
                questionnaires: catalogue
                    .iter()
                    .filter(|q| q.languages().iter().any(|l| l == code))
                    .map(|q| q.id())
                    .collect::<Vec<_>>()
                    .join(", "),
                checked: typed.languages.iter().any(|l| l == code),
            })
            .collect();
        let previews = catalogue
            .iter()
            .map(|q| PreviewLink {
                href: format!("/questionnaires/{}/preview", q.id()),
                label: format!(
                    "{} ({}, version {})",
                    q.title().get("en"),
                    q.id(),
                    q.version()
                ),
            })
            .collect();
        NewCampaignPage {
            chrome,
            errors,
            form_id: FORM_ID,
            name: typed.name,
            audiences,
            rounds,
            closes_on: typed.closes_on,
            tlps,
            sender_organisation: typed.sender_organisation,
            privacy_k: typed.privacy_k,
            min_k: *PRIVACY_K_RANGE.start(),
            max_k: *PRIVACY_K_RANGE.end(),
            configured_k,
            retention_days: typed.retention_days,
            peer_review_nis2: typed.peer_review_nis2,
            min_days: *RETENTION_DAYS_RANGE.start(),
            max_days: *RETENTION_DAYS_RANGE.end(),
            default_days: DEFAULT_RETENTION_DAYS,
            languages,
            previews,
            review_required: typed.review_required,
        }
    }
}

/// The audience as the select's label names it.
fn audience_label(kind: OrganisationKind) -> &'static str {
    match kind {
        OrganisationKind::Csirt => "Questionnaire for CSIRTs",
        OrganisationKind::Lea => "Questionnaire for law enforcement",
        OrganisationKind::Judiciary => "Questionnaire for the judiciary",
    }
}
