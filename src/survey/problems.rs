//! What can be wrong with one answer on a section page, and how to tell the respondent.

use serde::Serialize;

use super::display::format_number;
use crate::questionnaire::Text;

/// One problem with one question's answer, tied to the question so the page can
/// show the message next to its field.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldError {
    /// The id of the question the problem belongs to.
    pub question_id: String,
    /// What is wrong.
    pub problem: FieldProblem,
    /// What the respondent submitted, to show it again for correction; `None`
    /// when there was nothing (a missing answer).
    pub raw: Option<String>,
}

impl FieldError {
    /// A problem with `question_id`, keeping what was submitted.
    pub fn new(question_id: &str, problem: FieldProblem, raw: Option<String>) -> Self {
        FieldError {
            question_id: question_id.to_owned(),
            problem,
            raw,
        }
    }

    /// The problem's message in `language` (see [`FieldProblem::message`]).
    pub fn message(&self, language: &str) -> String {
        self.problem.message(language)
    }
}

/// What is wrong with an answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldProblem {
    /// A required, visible question has no answer.
    Required,
    /// The value is not one of the question's options.
    NotAnOption,
    /// The value cannot be read as a number.
    NotANumber,
    /// A scale needs a whole number.
    NotAWholeNumber,
    /// The number is below the question's minimum (given).
    BelowMin(f64),
    /// The number is above the question's maximum (given).
    AboveMax(f64),
    /// The text has more than `max` characters.
    TooLong { max: usize },
    /// The value is not an assigned ISO 3166-1 alpha-2 country code.
    UnknownCountry,
    /// An option that can only be chosen alone (its label given) was chosen with others.
    NotAlone(Text),
    /// A question that takes one answer was sent several.
    SeveralValues,
    /// The value was not sent as UTF-8 text, so it cannot be read without guessing.
    NotText,
    /// The text holds a control character other than a tab or a line break.
    ControlCharacter,
    /// A required matrix has cells left blank (how many).
    CellsLeft(usize),
}

impl FieldProblem {
    /// A short message for the respondent, in German for `"de"` and in English
    /// for every other language.
    pub fn message(&self, language: &str) -> String {
        if language == "de" {
            self.german()
        } else {
            self.english()
        }
    }

    fn english(&self) -> String {
        match self {
            Self::Required => "This question needs an answer.".to_owned(),
            Self::NotAnOption => "Choose one of the options shown.".to_owned(),
            Self::NotANumber => "Enter a number, for example 12 or 2.5.".to_owned(),
            Self::NotAWholeNumber => "Enter a whole number, without decimals.".to_owned(),
            Self::BelowMin(min) => {
                format!(
                    "Enter a number no smaller than {}.",
                    format_number(*min, "en")
                )
            }
            Self::AboveMax(max) => {
                format!(
                    "Enter a number no larger than {}.",
                    format_number(*max, "en")
                )
            }
            Self::TooLong { max } => {
                format!("Shorten your answer to at most {max} characters.")
            }
            Self::UnknownCountry => {
                "Choose a country from the list (a two-letter ISO code such as AT).".to_owned()
            }
            Self::NotAlone(label) => format!(
                "“{}” cannot be ticked together with other options: untick it or the others.",
                label.get("en")
            ),
            Self::SeveralValues => "Give only one answer to this question.".to_owned(),
            Self::ControlCharacter => "Remove the invisible control character from your answer \
                                       (tabs and line breaks are fine)."
                .to_owned(),
            Self::NotText => "This answer could not be read (it was not sent as UTF-8 text). \
                              Please enter it again."
                .to_owned(),
            Self::CellsLeft(1) => {
                "Choose an answer in every cell of the table: one is still blank \
                 (“Don't know” is an answer too)."
                    .to_owned()
            }
            Self::CellsLeft(n) => format!(
                "Choose an answer in every cell of the table: {n} are still blank \
                 (“Don't know” is an answer too)."
            ),
        }
    }

    fn german(&self) -> String {
        match self {
            Self::Required => "Diese Frage muss beantwortet werden.".to_owned(),
            Self::NotAnOption => "Wählen Sie eine der angezeigten Antworten.".to_owned(),
            Self::NotANumber => "Geben Sie eine Zahl ein, zum Beispiel 12 oder 2,5.".to_owned(),
            Self::NotAWholeNumber => {
                "Geben Sie eine ganze Zahl ohne Nachkommastellen ein.".to_owned()
            }
            Self::BelowMin(min) => format!(
                "Geben Sie eine Zahl ein, die nicht kleiner als {} ist.",
                format_number(*min, "de")
            ),
            Self::AboveMax(max) => format!(
                "Geben Sie eine Zahl ein, die nicht größer als {} ist.",
                format_number(*max, "de")
            ),
            Self::TooLong { max } => {
                format!("Kürzen Sie Ihre Antwort auf höchstens {max} Zeichen.")
            }
            Self::UnknownCountry => {
                "Wählen Sie ein Land aus der Liste (ein zweistelliger ISO-Code wie AT).".to_owned()
            }
            Self::NotAlone(label) => format!(
                "„{}“ kann nicht zusammen mit anderen Antworten angekreuzt werden: \
                 entfernen Sie das Kreuz dort oder bei den anderen.",
                label.get("de")
            ),
            Self::SeveralValues => "Geben Sie auf diese Frage nur eine Antwort.".to_owned(),
            Self::ControlCharacter => "Entfernen Sie das unsichtbare Steuerzeichen aus Ihrer \
                                       Antwort (Tabulatoren und Zeilenumbrüche sind erlaubt)."
                .to_owned(),
            Self::NotText => "Diese Antwort konnte nicht gelesen werden (sie kam nicht als \
                              UTF-8-Text an). Bitte geben Sie sie erneut ein."
                .to_owned(),
            Self::CellsLeft(1) => "Wählen Sie in jeder Zelle der Tabelle eine Antwort: eine ist \
                                   noch leer („Weiß nicht“ ist auch eine Antwort)."
                .to_owned(),
            Self::CellsLeft(n) => format!(
                "Wählen Sie in jeder Zelle der Tabelle eine Antwort: {n} sind noch leer \
                 („Weiß nicht“ ist auch eine Antwort)."
            ),
        }
    }
}
