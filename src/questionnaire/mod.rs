//! Questionnaire files: the format, loading and validation. Pure apart from reading files.

mod answer;
mod catalogue;
mod check;
mod error;
#[cfg(test)]
pub(crate) mod fixtures;
mod kind_name;
mod load;
mod mapping;
mod matrix_kind;
mod model;
mod non_answer;
mod question;
mod raw;
mod recommendations;
mod reference;
mod scoring_words;
mod show_if;
mod text;
mod tiers;
mod validate;

pub use answer::{Answer, Answers, Cells};
pub use catalogue::{Catalogue, questionnaire_folders};
pub use error::{DefinitionError, DefinitionErrors, Place, Problem};
pub use load::{Sources, parse};
pub use mapping::{MappedItem, Mapping};
pub use model::{
    Audience, Category, Choice, Condition, Dimension, Kind, Matrix, Model, MultiScore, Part,
    Question, Questionnaire, Scored, Section, ShowIf,
};
pub use non_answer::{NonAnswer, NonAnswerChoice};
pub use recommendations::{Recommendation, Target};
pub use reference::{Duty, PHASES, Reference};
pub use text::Text;
pub use tiers::{Tier, TierId, TierTable};

#[cfg(test)]
mod tests;
