//! The per-respondent radar chart, drawn by one code path for the respondent's result page
//! and for the campaign reports: which scores a response's radar shows, how it is headed,
//! and the drawing itself. Writing a campaign's radars to disk is [`folder`]'s part.

mod folder;
#[cfg(test)]
mod tests;

use polars::prelude::{DataFrame, Float64Chunked, PolarsError, StringChunked};

use crate::campaigns::Tlp;
use crate::questionnaire::{Category, Dimension, Model};
use crate::scoring::Assessment;

use super::ReportError;
use super::charts::radar::MIN_AXES;
use super::charts::{RadarAxis, RadarReference, radar_png_with_reference};
use super::data::{Questionnaires, ReportData};
use super::labels::{category_label, dimension_label};
use super::provenance::Provenance;

pub use folder::{RADAR_FOLDER, RadarEntry, built_radars, radar_path, write_radars};

/// Width and height of a respondent's radar, in pixels.
pub const RADAR_SIZE: (u32, u32) = (600, 520);

/// The language report files are written in.
pub const REPORT_LANGUAGE: &str = "en";

/// What heads a respondent's radar: the campaign with its TLP label, then who answered what.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarHeading<'a> {
    pub campaign: &'a str,
    pub tlp: Tlp,
    pub organisation: &'a str,
    /// The questionnaire's title in the chart's language.
    pub questionnaire: &'a str,
    /// Which tier table and model scored it: [`Provenance::line`] of the questionnaire.
    pub provenance: &'a str,
}

/// The scores a respondent's radar shows, one spoke each, in model order.
#[derive(Debug, Clone, PartialEq)]
pub enum RadarScores {
    /// Maturity questionnaires: the mean level of each SIM3 category.
    Categories(Vec<(Category, Option<f64>)>),
    /// Cooperation questionnaires: the score of each dimension.
    Dimensions(Vec<(Dimension, Option<f64>)>),
}

impl RadarScores {
    /// What the radar of a response to a `model` questionnaire shows of its assessment.
    pub fn of(model: Model, assessment: &Assessment) -> Self {
        match model {
            Model::Cooperation => Self::Dimensions(
                assessment
                    .dimensions
                    .iter()
                    .map(|d| (d.dimension, d.score))
                    .collect(),
            ),
            Model::Maturity => Self::Categories(
                assessment
                    .categories
                    .iter()
                    .map(|c| (c.category, c.mean))
                    .collect(),
            ),
        }
    }

    /// Whether there are spokes enough for a chart: a response that scores nothing has none.
    pub fn is_drawable(&self) -> bool {
        let spokes = match self {
            Self::Categories(c) => c.len(),
            Self::Dimensions(d) => d.len(),
        };
        spokes >= MIN_AXES
    }

    fn axes(&self, language: &str) -> Vec<RadarAxis> {
        match self {
            Self::Categories(scores) => scores
                .iter()
                .map(|(c, value)| RadarAxis {
                    label: category_label(*c, language).to_owned(),
                    value: *value,
                })
                .collect(),
            Self::Dimensions(scores) => scores
                .iter()
                .map(|(d, value)| RadarAxis {
                    label: dimension_label(*d, language).to_owned(),
                    value: *value,
                })
                .collect(),
        }
    }
}

/// Draws a respondent's radar with its spokes named in `language`, as PNG bytes.
///
/// # Errors
/// [`ReportError::Chart`] when `scores` has too few spokes (see
/// [`RadarScores::is_drawable`]); other variants only if drawing fails.
pub fn respondent_radar_png(
    heading: &RadarHeading<'_>,
    scores: &RadarScores,
    language: &str,
) -> Result<Vec<u8>, ReportError> {
    respondent_radar_with_reference(heading, scores, None, language)
}

/// [`respondent_radar_png`] with a lighter `reference` polygon (the peers' median) under
/// the respondent's own.
///
/// # Errors
/// As [`respondent_radar_png`], and [`ReportError::Chart`] when the reference has not one
/// value per spoke.
pub fn respondent_radar_with_reference(
    heading: &RadarHeading<'_>,
    scores: &RadarScores,
    reference: Option<&RadarReference>,
    language: &str,
) -> Result<Vec<u8>, ReportError> {
    let title = format!("{} — TLP:{}", heading.campaign, heading.tlp);
    // The chart draws what follows the line break smaller, as a note under the subtitle.
    let subtitle = format!(
        "{} — {}\n{}",
        heading.organisation, heading.questionnaire, heading.provenance
    );
    let (width, height) = RADAR_SIZE;
    let axes = scores.axes(language);
    radar_png_with_reference(&title, &subtitle, &axes, reference, width, height)
}

/// One response's radar as a report draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRadar {
    /// Whose it is, as the radar index lists it.
    pub entry: RadarEntry,
    /// The questionnaire's title in [`REPORT_LANGUAGE`].
    pub questionnaire_title: String,
    /// [`Provenance::line`] of the questionnaire answered.
    pub provenance: String,
    pub scores: RadarScores,
}

/// The radar of every response in `data` that has something to draw, read from the scores
/// the tables already hold, so no response is loaded or scored a second time.
///
/// The tables keep a campaign's category (or dimension) columns when any response scores
/// them, so a response that scored none of its own shows every spoke as "n/a" here.
pub fn report_radars(
    data: &ReportData,
    questionnaires: &Questionnaires,
) -> Result<Vec<ReportRadar>, ReportError> {
    let df = &data.scores_wide;
    let ids = df
        .column("response_id")
        .and_then(|c| c.i64())
        .map_err(table_error)?;
    let [organisation, country, audience, questionnaire, version] = [
        "organisation",
        "country",
        "audience",
        "questionnaire",
        "version",
    ]
    .map(|name| texts(df, name));
    let (organisation, country, audience) = (organisation?, country?, audience?);
    let (questionnaire, version) = (questionnaire?, version?);
    // The column names are those of scores.csv, a file format scripts rely on.
    let categories = Category::ALL
        .iter()
        .map(|c| Ok((*c, floats(df, &format!("category_{}", c.code()))?)))
        .collect::<Result<Vec<_>, ReportError>>()?;
    let dimensions = Dimension::ALL
        .iter()
        .map(|d| Ok((*d, floats(df, &format!("dimension_{}", d.as_str()))?)))
        .collect::<Result<Vec<_>, ReportError>>()?;
    let mut radars = Vec::with_capacity(df.height());
    for row in 0..df.height() {
        let text = |column: &StringChunked| column.get(row).unwrap_or_default().to_owned();
        let key = (text(questionnaire), text(version));
        let Some(q) = questionnaires.get(&key) else {
            return Err(ReportError::Corrupt(format!(
                "questionnaire {} version {} of a scored response is not loaded",
                key.0, key.1
            )));
        };
        let scores = match q.model() {
            Model::Cooperation => RadarScores::Dimensions(at_row(&dimensions, row)),
            Model::Maturity => RadarScores::Categories(at_row(&categories, row)),
        };
        if !scores.is_drawable() {
            continue;
        }
        let entry = RadarEntry {
            response_id: ids.get(row).unwrap_or_default(),
            organisation: text(organisation),
            country: text(country),
            audience: text(audience),
            questionnaire: key.0,
        };
        radars.push(ReportRadar {
            entry,
            questionnaire_title: q.title().get(REPORT_LANGUAGE).to_owned(),
            provenance: Provenance::of([q]).line(),
            scores,
        });
    }
    Ok(radars)
}

/// The values at `row` of the measures whose columns exist.
fn at_row<M: Copy>(columns: &[(M, Option<&Float64Chunked>)], row: usize) -> Vec<(M, Option<f64>)> {
    columns
        .iter()
        .filter_map(|(measure, column)| column.map(|c| (*measure, c.get(row))))
        .collect()
}

fn texts<'a>(df: &'a DataFrame, name: &str) -> Result<&'a StringChunked, ReportError> {
    df.column(name).and_then(|c| c.str()).map_err(table_error)
}

/// A score column, `None` when no response of the campaign has that measure.
fn floats<'a>(df: &'a DataFrame, name: &str) -> Result<Option<&'a Float64Chunked>, ReportError> {
    match df.column(name) {
        Ok(column) => column.f64().map(Some).map_err(table_error),
        Err(_) => Ok(None),
    }
}

fn table_error(e: PolarsError) -> ReportError {
    ReportError::Table(e.to_string())
}
