//! The checks of single fields: each turns the text of one cell into its
//! normalised value, or into the reason it is refused.
//!
//! Reasons quote the value as given, so a person can find it in their file.

use super::{countries, languages};
use crate::participants::OrganisationKind;
use crate::text::{Label, is_hidden};

/// Longest address SMTP can carry (RFC 5321: a 256-octet path minus the brackets).
const MAX_EMAIL_LEN: usize = 254;

/// Characters that never belong in an address we send to; they usually mean a
/// cell holds several addresses or a display name ("Desk <desk@example.org>").
const FORBIDDEN_IN_EMAIL: &[char] = &[',', ';', '<', '>', '(', ')', '[', ']', '"', '\\', ':'];

/// A plausible e-mail address, with its domain lower-cased.
///
/// Deliberately not the full RFC 5322 grammar: one `@`, something before it,
/// a domain with a dot after it, and no spaces or separators catch the
/// mistakes people make in spreadsheets without refusing real addresses. The
/// local part keeps its case, since only the receiving server may fold it.
pub(super) fn email(value: &str) -> Result<String, String> {
    let bad = |why: &str| format!("malformed e-mail address {value:?}: {why}");
    if value.chars().any(char::is_whitespace) {
        return Err(bad("it contains a space"));
    }
    if let Some(c) = value
        .chars()
        .find(|c| FORBIDDEN_IN_EMAIL.contains(c) || is_hidden(*c))
    {
        return Err(bad(&format!("it contains {c:?}")));
    }
    if value.len() > MAX_EMAIL_LEN {
        return Err(bad(&format!(
            "it is longer than {MAX_EMAIL_LEN} characters"
        )));
    }
    let (local, domain) = match value.split_once('@') {
        None => return Err(bad("it has no @")),
        Some((_, rest)) if rest.contains('@') => return Err(bad("it has more than one @")),
        Some(parts) => parts,
    };
    if local.is_empty() {
        return Err(bad("nothing before the @"));
    }
    if domain.is_empty() {
        return Err(bad("nothing after the @"));
    }
    if !domain.contains('.') {
        return Err(bad(&format!("the domain {domain:?} has no dot")));
    }
    if domain.split('.').any(str::is_empty) {
        return Err(bad(&format!("the domain {domain:?} has an empty part")));
    }
    Ok(format!("{local}@{}", domain.to_lowercase()))
}

/// A name or organisation as given, if it is a [`Label`]: at most 200 characters,
/// without line breaks (a stray quote in a CSV file swallows the following lines
/// into one value), other control characters or bidirectional overrides.
pub(super) fn text(value: &str) -> Result<String, String> {
    Label::parse(value)
        .map(Label::into_string)
        .map_err(|e| e.to_string())
}

/// The organisation kind, which is also the audience; any letter case.
pub(super) fn kind(value: &str) -> Result<OrganisationKind, String> {
    value.to_lowercase().parse().map_err(|_| {
        format!(
            "unknown type {value:?} (expected {})",
            listed(OrganisationKind::ALL, "or")
        )
    })
}

/// The upper-case ISO 3166-1 alpha-2 code; any letter case.
pub(super) fn country(value: &str) -> Result<&'static str, String> {
    countries::country_code(value).ok_or_else(|| {
        let hint = countries::suggestion(value)
            .map(|code| format!("; did you mean {code}?"))
            .unwrap_or_default();
        format!(
            "unknown country {value:?} (expected an ISO 3166-1 alpha-2 code such as AT or DE{hint})"
        )
    })
}

/// The lower-case ISO 639-1 code, or none for an empty cell; any letter case.
pub(super) fn language(value: &str) -> Result<Option<&'static str>, String> {
    if value.is_empty() {
        return Ok(None);
    }
    match languages::language_code(value) {
        Some(code) => Ok(Some(code)),
        None => {
            let hint = languages::code_for_name(value)
                .map(|code| format!("; did you mean {code}?"))
                .unwrap_or_default();
            Err(format!(
                "unknown language {value:?} (expected a two-letter ISO 639-1 code such as de or en{hint}, or nothing)"
            ))
        }
    }
}

/// `kind`, if the campaign has a questionnaire for it (its `audiences`).
pub(super) fn audience(
    kind: OrganisationKind,
    audiences: &[OrganisationKind],
) -> Result<OrganisationKind, String> {
    if audiences.contains(&kind) {
        Ok(kind)
    } else if audiences.is_empty() {
        Err(format!(
            "the campaign has no questionnaire at all, so no {kind} can be invited"
        ))
    } else {
        Err(format!(
            "the campaign has no questionnaire for {kind} (only for {})",
            listed(audiences, "and")
        ))
    }
}

/// "csirt, lea or judiciary": kinds listed as a sentence, joined by `last_word`.
pub(super) fn listed(kinds: &[OrganisationKind], last_word: &str) -> String {
    let words: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
    match words.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} {last_word} {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_address_passes_with_its_domain_lower_cased() {
        assert_eq!(
            email("Incident.Desk@CSIRT.Example.ORG"),
            Ok("Incident.Desk@csirt.example.org".to_owned())
        );
        assert_eq!(email("a+b@x.invalid"), Ok("a+b@x.invalid".to_owned()));
    }

    #[test]
    fn malformed_addresses_say_what_is_wrong() {
        let reason = |v: &str| email(v).err().unwrap_or_default();
        assert_eq!(
            reason("desk.example.org"),
            r#"malformed e-mail address "desk.example.org": it has no @"#
        );
        assert!(reason("a@b@example.org").ends_with("it has more than one @"));
        assert!(reason("@example.org").ends_with("nothing before the @"));
        assert!(reason("desk@").ends_with("nothing after the @"));
        assert!(reason("desk@localhost").ends_with(r#"the domain "localhost" has no dot"#));
        assert!(reason("desk@example..org").ends_with("has an empty part"));
        assert!(reason("desk@example.org.").ends_with("has an empty part"));
        assert!(reason("desk @example.org").ends_with("it contains a space"));
        assert!(reason("a@x.org;b@x.org").ends_with("it contains ';'"));
        assert!(reason("Desk<desk@x.org>").ends_with("it contains '<'"));
    }

    #[test]
    fn names_may_not_hold_line_breaks_or_bidirectional_overrides_nor_be_long() {
        assert_eq!(text("Kraków Desk"), Ok("Kraków Desk".to_owned()));
        assert_eq!(
            text("Desk\nCERT"),
            Err(
                r#""Desk\nCERT" contains a line break (U+000A) at character 5; remove it"#
                    .to_owned()
            )
        );
        assert!(text("Desk\u{202E}TREC").is_err());
        assert!(text(&"x".repeat(201)).is_err());
        assert!(email("desk\u{202E}@x.org").is_err());
    }

    #[test]
    fn types_are_read_in_any_case_and_unknown_ones_list_the_choices() {
        assert_eq!(kind("CSIRT"), Ok(OrganisationKind::Csirt));
        assert_eq!(kind("lea"), Ok(OrganisationKind::Lea));
        assert_eq!(
            kind("police"),
            Err(r#"unknown type "police" (expected csirt, lea or judiciary)"#.to_owned())
        );
    }

    #[test]
    fn countries_are_upper_cased_and_unknown_ones_get_a_hint() {
        assert_eq!(country("at"), Ok("AT"));
        assert_eq!(
            country("XX"),
            Err(
                r#"unknown country "XX" (expected an ISO 3166-1 alpha-2 code such as AT or DE)"#
                    .to_owned()
            )
        );
        assert!(
            country("EL")
                .err()
                .unwrap_or_default()
                .ends_with("; did you mean GR?)")
        );
        assert!(
            country("Austria")
                .err()
                .unwrap_or_default()
                .ends_with("; did you mean AT?)")
        );
    }

    #[test]
    fn languages_are_optional_lower_cased_and_checked() {
        assert_eq!(language(""), Ok(None));
        assert_eq!(language("DE"), Ok(Some("de")));
        assert!(language("deu").is_err());
        assert!(
            language("German")
                .err()
                .unwrap_or_default()
                .contains("did you mean de?")
        );
    }

    #[test]
    fn an_audience_without_a_questionnaire_names_the_ones_there_are() {
        use OrganisationKind::{Csirt, Judiciary, Lea};
        assert_eq!(audience(Lea, &[Csirt, Lea]), Ok(Lea));
        assert_eq!(
            audience(Judiciary, &[Csirt, Lea]),
            Err(
                "the campaign has no questionnaire for judiciary (only for csirt and lea)"
                    .to_owned()
            )
        );
        assert!(audience(Csirt, &[]).is_err());
    }

    #[test]
    fn kinds_are_listed_as_a_sentence() {
        assert_eq!(listed(&[], "or"), "");
        assert_eq!(listed(&[OrganisationKind::Lea], "or"), "lea");
        assert_eq!(
            listed(&[OrganisationKind::Csirt, OrganisationKind::Lea], "and"),
            "csirt and lea"
        );
    }
}
