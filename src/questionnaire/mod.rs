//! Questionnaire files: the format, loading and validation. Pure apart from reading files.

mod answer;
mod catalogue;
mod check;
mod error;
mod kind_name;
mod load;
mod model;
mod non_answer;
mod question;
mod raw;
mod recommendations;
mod scoring_words;
mod show_if;
mod text;
mod tiers;
mod validate;

pub use answer::{Answer, Answers};
pub use catalogue::Catalogue;
pub use error::{DefinitionError, DefinitionErrors, Place, Problem};
pub use load::{Sources, parse};
pub use model::{
    Audience, Category, Choice, Condition, Dimension, Kind, Model, MultiScore, Question,
    Questionnaire, Scored, Section, ShowIf,
};
pub use non_answer::{NonAnswer, NonAnswerChoice};
pub use recommendations::{Recommendation, Target};
pub use text::Text;
pub use tiers::{Tier, TierId, TierTable};

#[cfg(test)]
mod tests;
