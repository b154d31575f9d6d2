//! `RawParticipant`: one participant exactly as given, before any check. The
//! JSON API deserialises straight into it; the CSV reader builds it per row.

use serde::{Deserialize, Deserializer, Serialize};

/// The column names, which are also the JSON keys, in their usual order.
pub(super) const EMAIL: &str = "email";
pub(super) const NAME: &str = "name";
pub(super) const ORGANISATION: &str = "organisation";
pub(super) const TYPE: &str = "type";
pub(super) const COUNTRY: &str = "country";
pub(super) const LANGUAGE: &str = "language";

/// The columns a list must have, in their usual order.
pub(super) const REQUIRED: [&str; 5] = [EMAIL, NAME, ORGANISATION, TYPE, COUNTRY];

/// One participant as given, every value still text.
///
/// As JSON: `{"email": "…", "name": "…", "organisation": "…", "type": "csirt",
/// "country": "AT", "language": "de"}`. Unknown keys are refused (a misspelt key
/// must not silently drop a value); a missing or null key reads as empty, so
/// `check` can report it with its row and column like any other problem.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RawParticipant {
    /// The address invitations go to.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub email: String,
    /// Who reads the invitation: a person or a role such as "Incident Response Desk".
    #[serde(default, deserialize_with = "null_as_empty")]
    pub name: String,
    /// The organisation the participant answers for.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub organisation: String,
    /// csirt, lea or judiciary: the organisation's kind and so the questionnaire.
    #[serde(rename = "type", default, deserialize_with = "null_as_empty")]
    pub kind: String,
    /// ISO 3166-1 alpha-2 code of the organisation's country.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub country: String,
    /// Preferred ISO 639-1 language; absent or empty means the questionnaire's first.
    #[serde(default)]
    pub language: Option<String>,
    /// The CSV line this participant came from; `None` when it came from JSON,
    /// where its position in the array numbers it instead.
    #[serde(skip)]
    pub line: Option<usize>,
}

fn null_as_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_uses_the_csv_column_names() {
        let raw: Result<RawParticipant, _> = serde_json::from_str(
            r#"{"email": "desk@x.org", "name": "Desk", "organisation": "CSIRT",
                "type": "csirt", "country": "AT"}"#,
        );
        let raw = raw.ok();
        assert_eq!(raw.as_ref().map(|r| r.kind.as_str()), Some("csirt"));
        assert_eq!(raw.and_then(|r| r.language), None);
    }

    #[test]
    fn missing_and_null_values_read_as_empty_so_the_check_can_name_them() {
        let raw: Result<RawParticipant, _> =
            serde_json::from_str(r#"{"email": null, "name": "Desk"}"#);
        assert_eq!(
            raw.ok().map(|r| (r.email, r.country)),
            Some((String::new(), String::new()))
        );
    }

    #[test]
    fn a_misspelt_key_is_refused() {
        let err = serde_json::from_str::<RawParticipant>(r#"{"kind": "csirt"}"#)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with("unknown field `kind`"), "{err}");
    }
}
