//! [`ResponseFilter`]: which of a campaign's responses an analyst's list shows, read from
//! a page's form or the API's query alike.

use super::ResponseState;
use crate::participants::OrganisationKind;
use crate::problems::FieldProblem;

/// Which of a campaign's responses a list shows; `None` lets every value through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseFilter {
    pub audience: Option<OrganisationKind>,
    /// Upper case, two letters.
    pub country: Option<String>,
    pub state: Option<ResponseState>,
}

impl ResponseFilter {
    /// The filter a form or an address's query gives, each field exactly as sent (so the
    /// API's documented patterns say precisely what is read); an absent or empty field
    /// lets everything through. Every field that is not understood is named.
    pub fn parse(
        audience: Option<&str>,
        country: Option<&str>,
        state: Option<&str>,
    ) -> Result<ResponseFilter, Vec<FieldProblem>> {
        fn given(v: Option<&str>) -> Option<&str> {
            v.filter(|v| !v.is_empty())
        }
        let mut problems = Vec::new();
        let audience = given(audience).and_then(|a| {
            a.parse()
                .map_err(|_| {
                    let words: Vec<&str> =
                        OrganisationKind::ALL.iter().map(|k| k.as_str()).collect();
                    problems.push(FieldProblem::in_field(
                        "audience",
                        format!("{a:?} is not an audience: use one of {}", words.join(", ")),
                    ))
                })
                .ok()
        });
        let country = given(country).and_then(|c| {
            if c.len() == 2 && c.chars().all(|ch| ch.is_ascii_alphabetic()) {
                Some(c.to_ascii_uppercase())
            } else {
                problems.push(FieldProblem::in_field(
                    "country",
                    format!("{c:?} is not a country code: use two letters, such as AT"),
                ));
                None
            }
        });
        let state = given(state).and_then(|s| {
            s.parse()
                .map_err(|_| {
                    let words: Vec<&str> = ResponseState::ALL.iter().map(|s| s.as_str()).collect();
                    problems.push(FieldProblem::in_field(
                        "state",
                        format!(
                            "{s:?} is not a response state: use one of {}",
                            words.join(", ")
                        ),
                    ))
                })
                .ok()
        });
        if problems.is_empty() {
            Ok(ResponseFilter {
                audience,
                country,
                state,
            })
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_fields_let_everything_through_and_words_are_read() {
        assert_eq!(
            ResponseFilter::parse(None, Some(""), Some("")),
            Ok(ResponseFilter::default())
        );
        let filter = ResponseFilter::parse(Some("lea"), Some("be"), Some("submitted"));
        assert_eq!(
            filter,
            Ok(ResponseFilter {
                audience: Some(OrganisationKind::Lea),
                country: Some("BE".into()),
                state: Some(ResponseState::Submitted),
            })
        );
    }

    #[test]
    fn every_field_not_understood_is_named() {
        let problems = ResponseFilter::parse(Some("police"), Some("Austria"), Some("done"))
            .expect_err("refused");
        let fields: Vec<_> = problems.iter().filter_map(|p| p.field.as_deref()).collect();
        assert_eq!(fields, ["audience", "country", "state"]);
        assert!(problems[0].reason.contains("csirt"), "{}", problems[0]);
    }
}
