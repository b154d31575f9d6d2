//! Campaigns answered by teams at chosen levels through the fixture builder, submitted at
//! fixed times, and built with `build_campaign_reports` into a folder of their own.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use liaison::audit::Actor;
use liaison::campaigns::Tlp;
use liaison::participants::OrganisationKind;
use liaison::questionnaire::{Answer, Answers, Catalogue, Kind, Question};
use liaison::reports::data::{self, ReportData, ReportSettings};
use liaison::reports::{ReportOptions, build_campaign_reports};
use liaison::storage::DbConn;

use crate::fixtures::{
    CampaignBuilder, ParticipantBuilder, ResponseBuilder, closest, questionnaire,
};

/// The privacy threshold under test: the default.
pub const K: usize = ReportSettings::DEFAULT_K;

/// One organisation answering every scored question as close to `level` (0–4) as the
/// question allows.
#[derive(Debug, Clone)]
pub struct Team {
    pub name: String,
    pub audience: OrganisationKind,
    pub country: &'static str,
    pub level: f64,
}

/// Teams of one audience and country at the given levels, named after both.
pub fn teams(audience: OrganisationKind, country: &'static str, levels: &[f64]) -> Vec<Team> {
    levels
        .iter()
        .enumerate()
        .map(|(i, &level)| Team {
            name: format!("{country} {audience} {}", i + 1),
            audience,
            country,
            level,
        })
        .collect()
}

/// A campaign's questionnaire per audience and the teams that answer it.
pub struct Scenario {
    pub questionnaires: Vec<(OrganisationKind, &'static str)>,
    pub teams: Vec<Team>,
}

/// One build of a campaign's reports.
pub struct Built {
    /// The folder `build_campaign_reports` wrote into.
    pub dir: PathBuf,
    /// The same campaign's report tables, for looking at what the charts are drawn from.
    pub data: ReportData,
}

/// Creates the scenario as a new campaign, submits every team's response and builds the
/// campaign's reports under `out`.
pub fn build(conn: &mut DbConn, catalogue: &Catalogue, scenario: &Scenario, out: &Path) -> Built {
    let teams = scenario.teams.iter().enumerate().map(|(i, team)| {
        let (_, id) = scenario
            .questionnaires
            .iter()
            .find(|(audience, _)| *audience == team.audience)
            .expect("a questionnaire for every team's audience");
        let answers: Answers = questionnaire(id)
            .questions()
            .filter_map(|q| Some((q.id().to_owned(), answer(q, team)?)))
            .collect();
        let email = format!("{}@example.org", team.name.replace(' ', "-").to_lowercase());
        ParticipantBuilder::new(&email)
            .name(&team.name)
            .organisation(&team.name)
            .audience(team.audience)
            .country(team.country)
            .response(ResponseBuilder::submitted(answers).at(submitted_at(i)))
    });
    // The same name for every build: it is printed on every chart.
    let campaign = scenario
        .questionnaires
        .iter()
        .fold(CampaignBuilder::new("Suppression 2026"), |c, (_, id)| {
            c.questionnaire(id)
        })
        .participants(teams)
        .build(conn);
    let (details, campaign) = (&campaign.details, campaign.id());
    // A radar is one respondent's own result, not an aggregate: not drawn here.
    let options = ReportOptions {
        radars: false,
        ..ReportOptions::new(K)
    };
    let files =
        build_campaign_reports(conn, catalogue, details, options, out, &|_| {}, &Actor::Cli)
            .expect("reports built");
    // A first round without peer review: no trend across rounds, no peer gaps; perception
    // gaps only where two mirrored audiences answered.
    let trend = liaison::reports::TREND_FILES.len();
    let peer_gaps = liaison::reports::PEER_GAP_FILES.len();
    let mirrored = scenario.questionnaires.len() > 1
        && scenario
            .questionnaires
            .iter()
            .all(|(_, id)| !questionnaire(id).pairs_with().is_empty());
    let perception = usize::from(!mirrored);
    // The teams leave the division of duties unanswered (no sod files) and answer no
    // mapped questionnaire (no mapped.csv).
    let sod = liaison::reports::sod::SOD_FILES.len();
    assert_eq!(
        files.len(),
        liaison::reports::REPORT_FILES.len() - trend - peer_gaps - perception - sod - 1
    );
    let settings = ReportSettings::new(details.campaign.name.clone(), Tlp::Amber);
    Built {
        dir: out.join(campaign.to_string()),
        data: data::build(conn, catalogue, campaign, settings).expect("report data"),
    }
}

/// The i-th team's submission time, the same in every build: three a day from 2 March.
fn submitted_at(i: usize) -> NaiveDateTime {
    let day = u32::try_from(2 + i / 3).expect("a small day");
    let hour = u32::try_from(9 + 2 * (i % 3)).expect("an hour");
    NaiveDate::from_ymd_opt(2026, 3, day)
        .and_then(|d| d.and_hms_opt(hour, 0, 0))
        .expect("a time")
}

/// The team's answer to `question`: its country, or for a scored question the option or
/// number closest to the team's level; nothing for the other questions.
fn answer(question: &Question, team: &Team) -> Option<Answer> {
    if matches!(question.kind(), Kind::Country) {
        return Some(Answer::Choice(team.country.to_owned()));
    }
    question.scored()?;
    let level = team.level;
    match question.kind() {
        Kind::Level { options } | Kind::Single { options } => {
            closest(options, level).map(|c| Answer::Choice(c.value().to_owned()))
        }
        Kind::Multi { options, .. } => {
            closest(options, level).map(|c| Answer::Choices(vec![c.value().to_owned()]))
        }
        Kind::Scale { min, max, .. } => {
            let (min, max) = (*min as f64, *max as f64);
            Some(Answer::Number((min + (max - min) * level / 4.0).round()))
        }
        // The country is answered above; the other context questions are left unanswered.
        Kind::Country | Kind::Number { .. } | Kind::Text { .. } | Kind::Matrix(_) => None,
    }
}
