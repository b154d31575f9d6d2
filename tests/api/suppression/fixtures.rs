//! Campaigns answered by teams at chosen levels through the storage API, submitted at
//! fixed times, and built with `build_campaign_reports` into a folder of their own.

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveDateTime};
use liaison::audit::Actor;
use liaison::campaigns::Tlp;
use liaison::participants::OrganisationKind;
use liaison::questionnaire::{Answer, Answers, Catalogue, Choice, Kind, Question};
use liaison::reports::data::{self, ReportData, ReportSettings};
use liaison::reports::{ReportOptions, build_campaign_reports};
use liaison::storage::DbConn;
use liaison::storage::campaigns::{NewCampaign, QuestionnaireChoice, create_campaign};
use liaison::storage::invitations::create_invitation;
use liaison::storage::organisations::{NewOrganisation, find_or_create_organisation};
use liaison::storage::participants::{NewParticipant, add_participant};
use liaison::storage::responses::{find_or_start, save_answers, submit};

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
    let details = create_campaign(
        conn,
        &NewCampaign {
            // The same name for every build: it is printed on every chart.
            name: "Suppression 2026".to_owned(),
            tlp: Tlp::Amber,
            sender_organisation: "ENISA".to_owned(),
            closes_on: NaiveDate::from_ymd_opt(2030, 6, 30).expect("a date"),
            questionnaires: scenario
                .questionnaires
                .iter()
                .map(|(audience, id)| QuestionnaireChoice {
                    audience: *audience,
                    questionnaire_id: (*id).to_owned(),
                    questionnaire_version: questionnaire(catalogue, id).version().to_owned(),
                })
                .collect(),
        },
    )
    .expect("campaign");
    let campaign = details.campaign.id;
    for (i, team) in scenario.teams.iter().enumerate() {
        let (_, id) = scenario
            .questionnaires
            .iter()
            .find(|(audience, _)| *audience == team.audience)
            .expect("a questionnaire for every team's audience");
        respond(
            conn,
            campaign,
            questionnaire(catalogue, id),
            team,
            submitted_at(i),
        );
    }
    // A radar is one respondent's own result, not an aggregate: not drawn here.
    let options = ReportOptions {
        radars: false,
        ..ReportOptions::new(K)
    };
    let files = build_campaign_reports(
        conn,
        catalogue,
        &details,
        options,
        out,
        &|_| {},
        &Actor::Cli,
    )
    .expect("reports built");
    assert_eq!(files.len(), liaison::reports::REPORT_FILES.len());
    let settings = ReportSettings::new(details.campaign.name.clone(), Tlp::Amber);
    Built {
        dir: out.join(campaign.to_string()),
        data: data::build(conn, catalogue, campaign, settings).expect("report data"),
    }
}

fn questionnaire<'a>(
    catalogue: &'a Catalogue,
    id: &str,
) -> &'a liaison::questionnaire::Questionnaire {
    catalogue
        .get(id)
        .unwrap_or_else(|| panic!("shipped questionnaire {id}"))
}

/// The i-th team's submission time, the same in every build: three a day from 2 March.
fn submitted_at(i: usize) -> NaiveDateTime {
    let day = u32::try_from(2 + i / 3).expect("a small day");
    let hour = u32::try_from(9 + 2 * (i % 3)).expect("an hour");
    NaiveDate::from_ymd_opt(2026, 3, day)
        .and_then(|d| d.and_hms_opt(hour, 0, 0))
        .expect("a time")
}

fn respond(
    conn: &mut DbConn,
    campaign: i64,
    questionnaire: &liaison::questionnaire::Questionnaire,
    team: &Team,
    at: NaiveDateTime,
) {
    let org = find_or_create_organisation(
        conn,
        &NewOrganisation {
            name: &team.name,
            kind: team.audience,
            country: team.country,
        },
    )
    .expect("organisation");
    let email = format!("{}@example.org", team.name.replace(' ', "-").to_lowercase());
    let participant = add_participant(
        conn,
        &NewParticipant {
            campaign_id: campaign,
            organisation_id: org.id,
            email: &email,
            name: &team.name,
            audience: team.audience,
            language: None,
        },
    )
    .expect("participant");
    let invitation = create_invitation(conn, participant.id, &format!("hash-{campaign}-{email}"))
        .expect("invitation");
    let response = find_or_start(
        conn,
        invitation.id,
        (questionnaire.id(), questionnaire.version()),
        "en",
    )
    .expect("response");
    let answers: Answers = questionnaire
        .questions()
        .filter_map(|q| Some((q.id().to_owned(), answer(q, team)?)))
        .collect();
    let ids: Vec<&str> = answers.keys().map(String::as_str).collect();
    save_answers(conn, response.id, &ids, &answers).expect("answers");
    submit(conn, response.id, at).expect("submit");
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
        _ => None,
    }
}

/// The scoring option whose level is nearest `level`; the lower one on a tie.
fn closest(options: &[Choice], level: f64) -> Option<&Choice> {
    options
        .iter()
        .filter_map(|c| Some((c, (c.level()? - level).abs())))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(c, _)| c)
}
