//! The create-campaign form as typed: read from the sent fields, turned into the request
//! the API takes, and its problems put in the order of the page.

use chrono::NaiveDate;

use crate::campaigns::{CampaignRequest, PRIVACY_K_RANGE};
use crate::participants::OrganisationKind;
use crate::problems::FieldProblem;
use crate::retention::RETENTION_DAYS_RANGE;

/// The form's fields in the order the page shows them, named as the API names them.
const FIELDS: [&str; 10] = [
    "name",
    "questionnaires",
    "follows",
    "closes_on",
    "tlp",
    "sender_organisation",
    "privacy_k",
    "retention_days",
    "languages",
    "review_required",
];

/// The form as typed, every value kept as text so a refused one is shown again as it was.
#[derive(Debug, Default)]
pub(super) struct Typed {
    pub(super) name: String,
    /// The questionnaire chosen for each audience ("" for none), by audience.
    pub(super) questionnaires: Vec<(OrganisationKind, String)>,
    pub(super) closes_on: String,
    pub(super) tlp: String,
    pub(super) sender_organisation: String,
    pub(super) privacy_k: String,
    pub(super) retention_days: String,
    pub(super) languages: Vec<String>,
    /// The id of the campaign followed, "" for a first round.
    pub(super) follows: String,
    /// Whether the review box is ticked.
    pub(super) review_required: bool,
    /// Whether peer reviews follow NIS2 (the box ticked).
    pub(super) peer_review_nis2: bool,
}

impl Typed {
    /// Reads the sent fields; an unknown one is ignored, as a browser never sends one.
    pub(super) fn read(fields: Vec<(String, String)>) -> Typed {
        let mut typed = Typed::default();
        for (name, value) in fields {
            match name.as_str() {
                "name" => typed.name = value,
                "closes_on" => typed.closes_on = value,
                "tlp" => typed.tlp = value,
                "sender_organisation" => typed.sender_organisation = value,
                "privacy_k" => typed.privacy_k = value,
                "retention_days" => typed.retention_days = value,
                "languages" => typed.languages.push(value),
                "follows" => typed.follows = value,
                "review_required" => typed.review_required = true,
                "peer_review_nis2" => typed.peer_review_nis2 = true,
                other => {
                    let audience = other.strip_prefix("questionnaire_");
                    if let Some(kind) = audience.and_then(|a| a.parse().ok()) {
                        typed.questionnaires.push((kind, value));
                    }
                }
            }
        }
        typed
    }

    /// The request the form stands for, and the problems only the form can have (a date or
    /// a number that does not read as one); those fields then go to the check as harmless
    /// values, so that the page shows every other problem too.
    pub(super) fn request(&self, today: NaiveDate) -> (CampaignRequest, Vec<FieldProblem>) {
        let mut problems = Vec::new();
        let closes_on = NaiveDate::parse_from_str(self.closes_on.trim(), "%Y-%m-%d")
            .unwrap_or_else(|_| {
                let reason = "enter the last day answers are accepted, as YYYY-MM-DD";
                problems.push(FieldProblem::in_field("closes_on", reason));
                today
            });
        let privacy_k = self.privacy_k.trim().parse::<i64>().map_or_else(
            |_| {
                let reason = format!(
                    "enter the threshold as a whole number, {} or more",
                    PRIVACY_K_RANGE.start()
                );
                problems.push(FieldProblem::in_field("privacy_k", reason));
                None
            },
            Some,
        );
        // Left blank, the period is the default, as in the API.
        let retention = Some(self.retention_days.trim()).filter(|d| !d.is_empty());
        let retention_days = retention.and_then(|days| {
            days.parse::<i64>().map_or_else(
                |_| {
                    let reason = format!(
                        "enter the retention period as a whole number of days, {} to {}",
                        RETENTION_DAYS_RANGE.start(),
                        RETENTION_DAYS_RANGE.end()
                    );
                    problems.push(FieldProblem::in_field("retention_days", reason));
                    None
                },
                Some,
            )
        });
        let follows = Some(self.follows.trim()).filter(|f| !f.is_empty());
        let follows = follows.and_then(|id| {
            id.parse::<i64>().map_or_else(
                |_| {
                    let reason = "choose the campaign this one is the next round of from the list";
                    problems.push(FieldProblem::in_field("follows", reason));
                    None
                },
                Some,
            )
        });
        let request = CampaignRequest {
            name: self.name.clone(),
            questionnaires: self
                .questionnaires
                .iter()
                .filter(|(_, id)| !id.is_empty())
                .map(|(_, id)| id.clone())
                .collect(),
            closes_on,
            tlp: Some(self.tlp.clone()).filter(|t| !t.is_empty()),
            sender_organisation: Some(self.sender_organisation.clone()),
            privacy_k,
            languages: (!self.languages.is_empty()).then(|| self.languages.clone()),
            retention_days,
            follows,
            review_required: self.review_required,
            peer_review_nis2: self.peer_review_nis2,
        };
        (request, problems)
    }
}

/// The problems in the order of the page's fields; one about no field of the page (the
/// configured organisation) is about the form as a whole.
pub(super) fn in_page_order(problems: Vec<FieldProblem>) -> Vec<FieldProblem> {
    let mut problems: Vec<FieldProblem> = problems
        .into_iter()
        .map(|p| match &p.field {
            Some(f) if !FIELDS.contains(&f.as_str()) => {
                FieldProblem::general(format!("{f}: {}", p.reason))
            }
            _ => p,
        })
        .collect();
    let place = |p: &FieldProblem| {
        p.field
            .as_deref()
            .and_then(|f| FIELDS.iter().position(|x| *x == f))
            .unwrap_or(FIELDS.len())
    };
    problems.sort_by_key(place);
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_reads_one_questionnaire_per_audience_and_every_ticked_language() {
        let typed = Typed::read(vec![
            ("name".into(), "Q1".into()),
            ("questionnaire_csirt".into(), "csirt-maturity".into()),
            ("questionnaire_lea".into(), String::new()),
            ("questionnaire_nobody".into(), "x".into()),
            ("closes_on".into(), "2099-01-31".into()),
            ("privacy_k".into(), " 5 ".into()),
            ("retention_days".into(), "90".into()),
            ("languages".into(), "en".into()),
            ("languages".into(), "de".into()),
            ("follows".into(), "7".into()),
        ]);
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
        let (request, problems) = typed.request(today);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(request.questionnaires, ["csirt-maturity"]);
        assert_eq!(request.privacy_k, Some(5));
        assert_eq!(request.retention_days, Some(90));
        assert_eq!(request.languages, Some(vec!["en".into(), "de".into()]));
        assert_eq!(request.tlp, None);
        assert_eq!(request.follows, Some(7));
    }

    #[test]
    fn a_date_or_number_that_does_not_read_is_the_forms_own_problem() {
        let typed = Typed {
            closes_on: "31.01.2099".into(),
            privacy_k: "three".into(),
            retention_days: "a year".into(),
            follows: "last year's".into(),
            ..Typed::default()
        };
        let today = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date");
        let (request, problems) = typed.request(today);
        let fields: Vec<_> = problems.iter().filter_map(|p| p.field.as_deref()).collect();
        assert_eq!(
            fields,
            ["closes_on", "privacy_k", "retention_days", "follows"]
        );
        assert_eq!((request.closes_on, request.privacy_k), (today, None));
        assert_eq!(request.retention_days, None);
    }

    #[test]
    fn problems_follow_the_page_and_a_foreign_field_is_the_forms() {
        let sorted = in_page_order(vec![
            FieldProblem::in_field("languages", "l"),
            FieldProblem::in_field("the configured organisation", "c"),
            FieldProblem::in_field("name", "n"),
        ]);
        assert_eq!(sorted[0].field.as_deref(), Some("name"));
        assert_eq!(sorted[1].field.as_deref(), Some("languages"));
        assert_eq!(sorted[2].field, None);
        assert_eq!(sorted[2].reason, "the configured organisation: c");
    }
}
