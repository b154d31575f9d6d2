//! What a user asks for when creating a campaign, and [`check`]: every rule a request must
//! keep, each broken one reported by field, so a page can show them all beside its fields
//! and the API can list them.

use std::ops::RangeInclusive;

use chrono::NaiveDate;
use serde::Deserialize;

use super::{Tlp, audience_of};
use crate::problems::FieldProblem;
use crate::questionnaire::Catalogue;
use crate::retention::{DEFAULT_RETENTION_DAYS, RETENTION_DAYS_RANGE};
use crate::storage::campaigns::{CampaignSettings, NewCampaign, QuestionnaireChoice};
use crate::text::{Label, LabelError};

/// The privacy thresholds a campaign may have: below 3 a group could single one
/// organisation out to the other two; above 1000 nothing would ever be shown.
pub const PRIVACY_K_RANGE: RangeInclusive<i64> = 3..=1000;

/// What a user asks for when creating a campaign (CLI flags, the API's JSON body or the
/// create page's form).
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CampaignRequest {
    /// Shown to analysts and respondents: 1 to 200 characters, not blank, without line
    /// breaks, other control characters or bidirectional overrides.
    #[schema(min_length = 1, max_length = 200, pattern = r"\S")]
    pub name: String,
    /// Questionnaire ids, at most one per audience.
    #[schema(min_items = 1)]
    pub questionnaires: Vec<String>,
    /// The last day answers are accepted.
    pub closes_on: NaiveDate,
    /// CLEAR, GREEN, AMBER (the default) or RED.
    #[schema(schema_with = tlp_schema)]
    pub tlp: Option<String>,
    /// Who the invitations come from; the configured organisation when absent.
    /// The same rules as `name`.
    pub sender_organisation: Option<String>,
    /// The privacy threshold of the campaign's reports: groups of fewer organisations show
    /// no figures. At least 3; the configured threshold when absent.
    #[serde(default)]
    #[schema(minimum = 3, maximum = 1000)]
    pub privacy_k: Option<i64>,
    /// The language codes respondents may answer in, each one a language of at least one
    /// of the campaign's questionnaires, and every questionnaire with at least one of them;
    /// every language of its questionnaires when absent.
    #[serde(default)]
    #[schema(min_items = 1)]
    pub languages: Option<Vec<String>>,
    /// Days after the campaign closes that its participants' personal data is kept before
    /// it is erased: 30 to 3650; 365 when absent.
    #[serde(default)]
    #[schema(minimum = 30, maximum = 3650)]
    pub retention_days: Option<i64>,
    /// The id of the campaign this one is the next round of: one the creator may see, that
    /// asks each audience both have the same questionnaire (its version may differ). Its
    /// respondents' organisations may then start from their answers of the nearest earlier
    /// round, and results show the change since. A first round when absent.
    #[serde(default)]
    pub follows: Option<i64>,
    /// Whether a reviewer of the campaign must accept each response before it counts in
    /// its reports (they may send it back for changes first); false when absent.
    #[serde(default)]
    pub review_required: bool,
    /// Whether peer reviews of its responses follow NIS2 (Article 19): peers may record
    /// levels only once the response was given to peers from at least two other countries
    /// than the team's. False when absent.
    #[serde(default)]
    pub peer_review_nis2: bool,
}

/// The TLP labels a request may name, from the one list storage keeps; or none.
fn tlp_schema() -> utoipa::openapi::schema::Object {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    let labels = Tlp::ALL.iter().map(|t| serde_json::Value::from(t.as_str()));
    ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::SchemaType::from_iter([
            Type::String,
            Type::Null,
        ]))
        .enum_values(Some(labels.chain([serde_json::Value::Null])))
        .description(Some("CLEAR, GREEN, AMBER (the default) or RED"))
        .build()
}

/// A request that keeps every rule: the campaign to store and its settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub campaign: NewCampaign,
    pub settings: CampaignSettings,
    /// The campaign it is the next round of, checked against storage by `create`.
    pub follows: Option<i64>,
    /// Whether its peer reviews follow NIS2.
    pub peer_review_nis2: bool,
}

/// Checks `request` against the loaded questionnaires: every problem found, field by
/// field in the order of the request, or the campaign it describes.
pub fn check(
    catalogue: &Catalogue,
    request: &CampaignRequest,
    default_sender: &str,
    today: NaiveDate,
) -> Result<Checked, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let name = Label::parse(&request.name)
        .map_err(|e| match e {
            LabelError::Empty => FieldProblem::in_field("name", "a campaign needs a name"),
            other => FieldProblem::in_field("name", other.to_string()),
        })
        .map_err(|p| problems.push(p))
        .ok();
    if request.closes_on < today {
        let passed = format!("{} has already passed", request.closes_on);
        problems.push(FieldProblem::in_field("closes_on", passed));
    }
    let tlp = tlp(request.tlp.as_deref())
        .map_err(|p| problems.push(p))
        .ok();
    let choices = questionnaires(catalogue, &request.questionnaires)
        .map_err(|p| problems.extend(p))
        .ok();
    let sender = sender_organisation(request.sender_organisation.as_deref(), default_sender)
        .map_err(|p| problems.push(p))
        .ok();
    let privacy_k = privacy_k(request.privacy_k)
        .map_err(|p| problems.push(p))
        .ok();
    let retention_days = retention_days(request.retention_days)
        .map_err(|p| problems.push(p))
        .ok();
    // Languages are checked against the questionnaires, so only once those are sound.
    let languages = choices.as_ref().and_then(|choices| {
        languages(catalogue, choices, request.languages.as_deref())
            .map_err(|p| problems.extend(p))
            .ok()
    });
    match (
        name,
        tlp,
        choices,
        sender,
        privacy_k,
        languages,
        retention_days,
    ) {
        (
            Some(name),
            Some(tlp),
            Some(choices),
            Some(sender),
            Some(privacy_k),
            Some(languages),
            Some(retention_days),
        ) if problems.is_empty() => Ok(Checked {
            campaign: NewCampaign {
                name: name.into_string(),
                tlp,
                sender_organisation: sender.into_string(),
                closes_on: request.closes_on,
                questionnaires: choices,
            },
            settings: CampaignSettings {
                privacy_k,
                languages: Some(languages),
                retention_days: Some(retention_days),
                review_required: Some(request.review_required),
            },
            follows: request.follows,
            peer_review_nis2: request.peer_review_nis2,
        }),
        _ => Err(problems),
    }
}

/// The label asked for (`TLP:` and case aside), AMBER when none is.
fn tlp(asked: Option<&str>) -> Result<Tlp, FieldProblem> {
    let Some(label) = asked else {
        return Ok(Tlp::Amber);
    };
    label
        .trim()
        .to_uppercase()
        .trim_start_matches("TLP:")
        .parse()
        .map_err(|_| {
            FieldProblem::in_field(
                "tlp",
                format!("unknown label \"{label}\" (expected CLEAR, GREEN, AMBER or RED)"),
            )
        })
}

/// The questionnaire of each audience: loaded ones, for one audience each, one per audience.
fn questionnaires(
    catalogue: &Catalogue,
    ids: &[String],
) -> Result<Vec<QuestionnaireChoice>, Vec<FieldProblem>> {
    let problem = |reason: String| FieldProblem::in_field("questionnaires", reason);
    if ids.is_empty() {
        return Err(vec![problem("name at least one questionnaire".into())]);
    }
    let mut problems = Vec::new();
    let mut choices: Vec<QuestionnaireChoice> = Vec::new();
    for id in ids {
        let Some(questionnaire) = catalogue.get(id) else {
            let known: Vec<&str> = catalogue.iter().map(|q| q.id()).collect();
            problems.push(problem(format!(
                "unknown questionnaire \"{id}\" (loaded: {})",
                known.join(", ")
            )));
            continue;
        };
        let Some(audience) = audience_of(questionnaire.audience()) else {
            problems.push(problem(format!(
                "\"{id}\" is for any audience; a campaign needs one questionnaire per audience"
            )));
            continue;
        };
        if let Some(other) = choices.iter().find(|c| c.audience == audience) {
            problems.push(problem(format!(
                "\"{id}\" and \"{}\" are both for {audience}; a campaign holds one questionnaire per audience",
                other.questionnaire_id
            )));
            continue;
        }
        choices.push(QuestionnaireChoice {
            audience,
            questionnaire_id: questionnaire.id().to_owned(),
            questionnaire_version: questionnaire.version().to_owned(),
        });
    }
    if problems.is_empty() {
        Ok(choices)
    } else {
        Err(problems)
    }
}

/// The organisation a campaign's mails come from: the one asked for, or `default`
/// when none is; either must be a [`Label`], since it goes into mail headers.
fn sender_organisation(asked: Option<&str>, default: &str) -> Result<Label, FieldProblem> {
    let (field, value) = match asked.filter(|s| !s.trim().is_empty()) {
        Some(asked) => ("sender_organisation", asked),
        None => ("the configured organisation", default),
    };
    Label::parse(value).map_err(|e| FieldProblem::in_field(field, e.to_string()))
}

/// The campaign's own threshold, if it asks for one.
fn privacy_k(asked: Option<i64>) -> Result<Option<i32>, FieldProblem> {
    let Some(k) = asked else { return Ok(None) };
    if !PRIVACY_K_RANGE.contains(&k) {
        return Err(FieldProblem::in_field(
            "privacy_k",
            format!(
                "{k} is not allowed: the threshold is a whole number from {} to {} (below 3, \
                 a group could single out one organisation)",
                PRIVACY_K_RANGE.start(),
                PRIVACY_K_RANGE.end()
            ),
        ));
    }
    Ok(i32::try_from(k).ok())
}

/// The retention period asked for, or the default.
fn retention_days(asked: Option<i64>) -> Result<i32, FieldProblem> {
    let Some(days) = asked else {
        return Ok(DEFAULT_RETENTION_DAYS);
    };
    let range = RETENTION_DAYS_RANGE;
    match i32::try_from(days) {
        Ok(days) if range.contains(&i64::from(days)) => Ok(days),
        _ => Err(FieldProblem::in_field(
            "retention_days",
            format!(
                "{days} is not allowed: the retention period is a whole number of days from {} \
                 to {} (at least a month to read the results, at most ten years)",
                range.start(),
                range.end()
            ),
        )),
    }
}

/// The languages offered: those asked for (lower-cased, each once), or every language of
/// the chosen questionnaires in their order.
fn languages(
    catalogue: &Catalogue,
    choices: &[QuestionnaireChoice],
    asked: Option<&[String]>,
) -> Result<Vec<String>, Vec<FieldProblem>> {
    let chosen: Vec<_> = choices
        .iter()
        .filter_map(|c| catalogue.get(&c.questionnaire_id))
        .collect();
    let mut every: Vec<String> = Vec::new();
    for language in chosen.iter().flat_map(|q| q.languages()) {
        if !every.contains(language) {
            every.push(language.clone());
        }
    }
    let Some(asked) = asked else { return Ok(every) };
    let problem = |reason: String| FieldProblem::in_field("languages", reason);
    let mut offered: Vec<String> = Vec::new();
    for language in asked.iter().map(|l| l.trim().to_lowercase()) {
        if !offered.contains(&language) {
            offered.push(language);
        }
    }
    if offered.is_empty() {
        return Err(vec![problem("offer at least one language".into())]);
    }
    let mut problems: Vec<FieldProblem> = offered
        .iter()
        .filter(|l| !every.contains(l))
        .map(|l| {
            problem(format!(
                "\"{l}\" is a language of none of the campaign's questionnaires (they have: {})",
                every.join(", ")
            ))
        })
        .collect();
    for questionnaire in &chosen {
        if !questionnaire
            .languages()
            .iter()
            .any(|l| offered.contains(l))
        {
            problems.push(problem(format!(
                "\"{}\" has none of the languages offered (it has: {})",
                questionnaire.id(),
                questionnaire.languages().join(", ")
            )));
        }
    }
    if problems.is_empty() {
        Ok(offered)
    } else {
        Err(problems)
    }
}
