//! Synthetic respondents for the demo: a national CSIRT and a law enforcement unit in each
//! EU member state, with varied maturity, some drafts and some not started. Deterministic,
//! so every demo looks the same.

use chrono::{Duration, NaiveDateTime};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use super::DemoError;
use super::answering::{Reach, through_the_form};
use crate::ids::{InvitationId, ResponseId};
use crate::invitations::Token;
use crate::participants::OrganisationKind;
use crate::questionnaire::{Answer, Answers, Choice, Kind, NonAnswer, Question, Questionnaire};
use crate::responses::{self, Actor, Respondent, ResponseError};
use crate::storage::campaigns::CampaignDetails;
use crate::storage::organisations::{self, NewOrganisation};
use crate::storage::participants::{self, NewParticipant};
use crate::storage::{self, DbConn, invitations};

/// The 27 member states of the EU, by ISO 3166-1 code.
pub const MEMBER_STATES: [&str; 27] = [
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV",
    "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
];

/// Larger member states field several teams and units, so their national figures clear
/// the privacy threshold; the others one each.
const LARGER: [&str; 8] = ["DE", "FR", "IT", "ES", "PL", "NL", "BE", "AT"];
const TEAMS_IN_LARGER: usize = 5;

/// What became of one synthetic participant.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Progress {
    Submitted,
    Draft,
    NotStarted,
}

/// How a campaign's synthetic answers are drawn: from the random numbers of `seed`, at
/// levels `lower` below what they would be (an earlier round drawn with the seed of the
/// next one is the same organisations, a little less mature).
#[derive(Clone, Copy)]
pub struct Draw {
    pub seed: u64,
    pub lower: f64,
}

impl Draw {
    /// The draw of a campaign of its own.
    pub fn of(campaign: &CampaignDetails) -> Draw {
        Draw {
            seed: 2026 + campaign.campaign.id as u64,
            lower: 0.0,
        }
    }
}

/// Adds a CSIRT (and, when the campaign has an LEA questionnaire, a law enforcement unit)
/// per member state to `campaign`, with answers drawn around a national maturity level.
pub fn populate(
    conn: &mut DbConn,
    campaign: &CampaignDetails,
    questionnaires: &[(OrganisationKind, Questionnaire)],
    now: NaiveDateTime,
    draw: Draw,
) -> Result<usize, DemoError> {
    let mut rng = StdRng::seed_from_u64(draw.seed);
    let mut added = 0;
    for country in MEMBER_STATES {
        // A national level shared by both sides, so mirrored answers roughly agree.
        let national: f64 = rng.random_range(0.8..3.6);
        let teams = if LARGER.contains(&country) {
            TEAMS_IN_LARGER
        } else {
            1
        };
        for (kind, questionnaire) in questionnaires {
            for team in 1..=teams {
                let progress = match rng.random_range(0..20) {
                    0..=14 => Progress::Submitted,
                    15..=17 => Progress::Draft,
                    _ => Progress::NotStarted,
                };
                let level = (national + rng.random_range(-0.6..0.6) - draw.lower).clamp(0.0, 4.0);
                let reach = match progress {
                    Progress::Draft => Reach::FirstHalf,
                    _ => Reach::AllSections,
                };
                let wanted = answers_for(questionnaire, country, level, &mut rng);
                let answers = through_the_form(questionnaire, &wanted, reach)?;
                let at = now - Duration::days(rng.random_range(1..40));
                let who = Who {
                    kind: *kind,
                    country,
                    team,
                };
                crate::storage::write_transaction(conn, |conn| {
                    add_one(conn, campaign, who, questionnaire, &answers, progress, at)
                })?;
                added += 1;
            }
        }
    }
    Ok(added)
}

/// One synthetic organisation: its kind, country and number within the country.
#[derive(Clone, Copy)]
struct Who<'a> {
    kind: OrganisationKind,
    country: &'a str,
    team: usize,
}

impl Who<'_> {
    fn names(&self) -> (String, &'static str) {
        let (first, other, role) = match self.kind {
            OrganisationKind::Lea => (
                "National Cybercrime Unit",
                "Regional Cybercrime Unit",
                "Cybercrime duty desk",
            ),
            OrganisationKind::Judiciary => (
                "Prosecution Service",
                "Regional Prosecution Office",
                "Cybercrime prosecutor",
            ),
            OrganisationKind::Csirt => {
                ("National CSIRT", "Sectoral CSIRT", "Incident response desk")
            }
        };
        let name = match self.team {
            1 => format!("{first} {} (demo)", self.country),
            n => format!("{other} {} {n} (demo)", self.country),
        };
        (name, role)
    }
}

fn add_one(
    conn: &mut DbConn,
    campaign: &CampaignDetails,
    who: Who<'_>,
    questionnaire: &Questionnaire,
    answers: &Answers,
    progress: Progress,
    submitted_at: NaiveDateTime,
) -> Result<(), ResponseError> {
    let (kind, country) = (who.kind, who.country);
    let (name, role) = who.names();
    let organisation = organisations::find_or_create_organisation(
        conn,
        &NewOrganisation {
            name: &name,
            kind,
            country,
        },
    )?;
    let email = format!(
        "{kind}{}.{}@demo.example.org",
        who.team,
        country.to_lowercase()
    );
    let participant = participants::add_participant(
        conn,
        &NewParticipant {
            campaign_id: campaign.campaign.id,
            organisation_id: organisation.id,
            email: &email,
            name: role,
            audience: kind,
            language: Some("en"),
        },
    )?;
    // Nobody will use these links: the tokens are thrown away.
    let invitation =
        invitations::create_invitation(conn, participant.id, &Token::generate().hash())?;
    invitations::mark_invitation_sent(conn, invitation.id, submitted_at - Duration::days(3))?;
    if progress == Progress::NotStarted {
        return Ok(());
    }
    // Whoever answered opened the link first, as the dashboard's counts expect.
    invitations::mark_opened(conn, invitation.id, submitted_at - Duration::days(2))?;
    let who = Respondent {
        invitation: InvitationId(invitation.id),
        questionnaire,
        language: "en",
    };
    // Every section saved at once, an hour before the submit.
    let saved_at = submitted_at - Duration::hours(1);
    let mut response = None;
    for section in 0..questionnaire.sections().len() {
        response = Some(responses::save_section(
            conn,
            &who,
            section,
            answers,
            Actor::Demo,
            saved_at,
        )?);
    }
    if let (Some(response), Progress::Submitted) = (response, progress) {
        let id = ResponseId(response.id);
        responses::submit(conn, id, questionnaire, Actor::Demo, submitted_at)?;
    }
    Ok(())
}

/// Answers to every visible question, drawn around `level`.
pub(super) fn answers_for(
    questionnaire: &Questionnaire,
    country: &str,
    level: f64,
    rng: &mut StdRng,
) -> Answers {
    let mut answers = Answers::new();
    for question in questionnaire.questions() {
        let target = (level + rng.random_range(-1.0..1.0)).clamp(0.0, 4.0);
        if let Some(answer) = answer_for(questionnaire, question, country, target, rng) {
            answers.insert(question.id().to_owned(), answer);
        }
    }
    questionnaire.visible_answers(&answers)
}

/// How often a synthetic respondent answers a question that offers them with a
/// non-answer: often enough that every report shows their shares.
const NON_ANSWER_SHARE: f64 = 0.05;

fn answer_for(
    questionnaire: &Questionnaire,
    question: &Question,
    country: &str,
    target: f64,
    rng: &mut StdRng,
) -> Option<Answer> {
    // Drawn for every question, so the rest of the draw does not depend on which offer them.
    let honest = rng.random_bool(NON_ANSWER_SHARE);
    let prefer_not = rng.random_bool(0.25);
    if honest && !question.non_answers().is_empty() {
        let wanted = if prefer_not {
            NonAnswer::PreferNotToSay
        } else {
            NonAnswer::DontKnow
        };
        // Mostly "Don't know"; "Prefer not to say" where offered.
        let offered = question
            .non_answers()
            .iter()
            .map(|n| n.non_answer())
            .find(|n| *n == wanted)
            .or_else(|| question.non_answers().first().map(|n| n.non_answer()))?;
        return Some(Answer::NonAnswer(offered));
    }
    let closest = |options: &[Choice]| {
        options
            .iter()
            .filter_map(|o| o.level().map(|l| (o, (l - target).abs())))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(o, _)| o.value().to_owned())
    };
    Some(match question.kind() {
        Kind::Level { options } | Kind::Single { options } => Answer::Choice(closest(options)?),
        Kind::Multi { options, .. } => Answer::Choices(choices(options, target, rng)),
        Kind::Scale { min, max, .. } => {
            Answer::Number((*min as f64 + (target / 4.0) * (*max - *min) as f64).round())
        }
        Kind::Number { min, max, .. } => {
            let low = min.unwrap_or(0.0);
            let high = max.unwrap_or(low + 40.0).min(low + 40.0);
            Answer::Number((low + (target / 4.0) * (high - low)).round())
        }
        Kind::Text { .. } if question.required() => Answer::Text("Demo answer.".to_owned()),
        Kind::Text { .. } => return None,
        Kind::Country => Answer::Choice(country.to_owned()),
        Kind::Matrix(matrix) => {
            let reference = matrix
                .reference()
                .and_then(|id| questionnaire.reference(id));
            Answer::Cells(super::duties::cells(matrix, reference, target, rng))
        }
    })
}

/// Ticked boxes of a multiple choice, more of them the higher `target`: scoring options
/// that may be combined, or else the option that stands alone at the lowest level
/// ("none of these"), as a respondent would tick it.
fn choices(options: &[Choice], target: f64, rng: &mut StdRng) -> Vec<String> {
    let ticked: Vec<String> = options
        .iter()
        .filter(|o| !o.is_exclusive() && o.level().is_some_and(|l| l > 0.0))
        .filter(|_| rng.random_bool((target / 4.0).clamp(0.05, 0.95)))
        .map(|o| o.value().to_owned())
        .collect();
    if !ticked.is_empty() {
        return ticked;
    }
    let lowest = options
        .iter()
        .filter_map(|o| Some((o, o.level()?)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(o, _)| vec![o.value().to_owned()]);
    // A context question (no option scores): one option that may be combined, at random.
    lowest.unwrap_or_else(|| {
        let open: Vec<&Choice> = options.iter().filter(|o| !o.is_exclusive()).collect();
        open.get(rng.random_range(0..open.len().max(1)))
            .map(|o| vec![o.value().to_owned()])
            .unwrap_or_default()
    })
}

/// The current time for demo data, from the storage clock.
pub fn now() -> NaiveDateTime {
    storage::now()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::Catalogue;

    fn catalogue() -> Catalogue {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires");
        Catalogue::load(&dir).expect("the shipped questionnaires load")
    }

    #[test]
    fn every_synthetic_answer_passes_the_respondents_form() {
        let catalogue = catalogue();
        let mut rng = StdRng::seed_from_u64(7);
        for questionnaire in catalogue.iter() {
            let mut non_answers = std::collections::BTreeSet::new();
            for step in 0..=16 {
                let level = f64::from(step) / 4.0;
                let wanted = answers_for(questionnaire, "AT", level, &mut rng);
                let kept = through_the_form(questionnaire, &wanted, Reach::AllSections)
                    .unwrap_or_else(|e| panic!("{e}"));
                assert_eq!(kept, wanted, "{} at {level}", questionnaire.id());
                assert!(kept.values().all(|a| *a != Answer::Choices(Vec::new())));
                non_answers.extend(kept.values().filter_map(Answer::non_answer));
            }
            // Both kinds show up, so the reports' shares have something to show.
            assert_eq!(non_answers.len(), 2, "{}", questionnaire.id());
        }
    }

    #[test]
    fn an_answer_the_form_refuses_stops_the_demo_and_names_the_question() {
        let catalogue = catalogue();
        let questionnaire = catalogue
            .get("csirt-le-cooperation-csirt")
            .expect("shipped");
        let mut rng = StdRng::seed_from_u64(7);
        let mut wanted = answers_for(questionnaire, "AT", 2.0, &mut rng);
        wanted.insert(
            "rsit-classes".to_owned(),
            Answer::Choices(vec!["fraud".to_owned(), "none".to_owned()]),
        );
        match through_the_form(questionnaire, &wanted, Reach::AllSections) {
            Err(DemoError::Refused {
                question, message, ..
            }) => {
                assert_eq!(question, "rsit-classes");
                assert!(message.contains("None of these"), "{message}");
            }
            other => panic!("not refused: {:?}", other.map(|_| ())),
        }
    }
}
