//! The add form of the participants page: one field per column of a CSV list, with what
//! was typed and, after a refusal, each field's problem beside it.

use crate::participants::RawParticipant;
use crate::web::pages::form_errors::FormErrors;

/// One field of the add form, named as the CSV column it stands for.
pub(super) struct AddField {
    pub(super) name: &'static str,
    pub(super) label: &'static str,
    pub(super) input_type: &'static str,
    pub(super) hint: Option<&'static str>,
    pub(super) value: String,
    pub(super) error: Option<String>,
    /// The choices of a drop-down; a text field has none.
    pub(super) choices: Vec<String>,
}

/// The add form's fields with what was typed and each one's problem.
pub(super) fn add_fields(
    typed: RawParticipant,
    errors: &FormErrors,
    audiences: Vec<String>,
) -> Vec<AddField> {
    let field = |name, label, input_type, hint, value: String| AddField {
        name,
        label,
        input_type,
        hint,
        error: errors
            .message_for(&format!("add-{name}"))
            .map(str::to_owned),
        value,
        choices: Vec::new(),
    };
    let mut kind = field("type", "Type", "text", None, typed.kind);
    kind.choices = audiences;
    vec![
        field("email", "E-mail address", "email", None, typed.email),
        field(
            "name",
            "Name",
            "text",
            Some("A person or a role, such as “Incident Response Desk”."),
            typed.name,
        ),
        field(
            "organisation",
            "Organisation",
            "text",
            None,
            typed.organisation,
        ),
        kind,
        field(
            "country",
            "Country",
            "text",
            Some("The two-letter ISO code, such as AT or DE."),
            typed.country,
        ),
        field(
            "language",
            "Language (optional)",
            "text",
            Some("A two-letter code such as de or en; empty for the questionnaire’s first."),
            typed.language.unwrap_or_default(),
        ),
    ]
}
