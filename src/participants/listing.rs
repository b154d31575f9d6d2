//! Listing a campaign's participants: where each one stands ([`ParticipantStage`]) and the
//! filters the participants page and the API share ([`ParticipantFilter`]).

use super::OrganisationKind;
use crate::invitations::InvitationState;
use crate::problems::FieldProblem;
use crate::storage::participant_lines::{ParticipantLine, participant_lines};
use crate::storage::{DbConn, StorageError};

crate::words::word_enum!(
    /// Where a participant stands, in one word: what the list's "state" filter picks.
    ParticipantStage, "participant state", {
        /// Listed, not invited yet.
        NotInvited => "not_invited",
        /// Invited (the mail may still wait in the outbox); the link not used yet.
        Invited => "invited",
        /// The response is started and not submitted.
        InProgress => "in_progress",
        /// The response is submitted.
        Submitted => "submitted",
        /// The invitation is withdrawn, whatever the response had reached.
        Revoked => "revoked",
    }
);

impl ParticipantStage {
    /// The stage of a listed participant.
    pub fn of(line: &ParticipantLine) -> ParticipantStage {
        match (line.invitation, line.response) {
            (None, _) => ParticipantStage::NotInvited,
            (Some(InvitationState::Revoked), _) => ParticipantStage::Revoked,
            (Some(_), Some(r)) if r.was_submitted() => ParticipantStage::Submitted,
            (Some(_), Some(_)) => ParticipantStage::InProgress,
            (Some(_), None) => ParticipantStage::Invited,
        }
    }

    /// The words a page shows for it.
    pub fn label(self) -> &'static str {
        match self {
            ParticipantStage::NotInvited => "Not invited",
            ParticipantStage::Invited => "Invited",
            ParticipantStage::InProgress => "In progress",
            ParticipantStage::Submitted => "Submitted",
            ParticipantStage::Revoked => "Revoked",
        }
    }
}

/// Which participants to list; every filter left out lets all through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParticipantFilter {
    pub audience: Option<OrganisationKind>,
    /// Upper case; a code no participant has simply matches nobody.
    pub country: Option<String>,
    pub stage: Option<ParticipantStage>,
}

impl ParticipantFilter {
    /// The filter from its words as a query gives them; an empty one is no filter. An
    /// audience or state that is not one of the words is refused, naming the parameter.
    pub fn parse(
        audience: Option<&str>,
        country: Option<&str>,
        state: Option<&str>,
    ) -> Result<ParticipantFilter, FieldProblem> {
        let audience = given(audience)
            .map(|a| a.parse::<OrganisationKind>())
            .transpose()
            .map_err(|e| FieldProblem::in_field("audience", e.to_string()))?;
        let stage = given(state)
            .map(|s| s.parse::<ParticipantStage>())
            .transpose()
            .map_err(|e| FieldProblem::in_field("state", e.to_string()))?;
        Ok(ParticipantFilter {
            audience,
            country: given(country).map(str::to_uppercase),
            stage,
        })
    }

    /// Whether `line` passes every filter.
    pub fn admits(&self, line: &ParticipantLine) -> bool {
        self.audience.is_none_or(|a| line.participant.audience == a)
            && self.country.as_ref().is_none_or(|c| line.country == *c)
            && self.stage.is_none_or(|s| ParticipantStage::of(line) == s)
    }
}

/// A query's value, trimmed, if it says anything.
fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

/// The participants of a campaign that pass `filter`, in the order they were added.
pub fn list(
    conn: &mut DbConn,
    campaign_id: i64,
    filter: &ParticipantFilter,
) -> Result<Vec<ParticipantLine>, StorageError> {
    let mut lines = participant_lines(conn, campaign_id)?;
    lines.retain(|line| filter.admits(line));
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;
    use crate::responses::ResponseState;
    use crate::storage::participants::Participant;

    fn line(
        audience: OrganisationKind,
        country: &str,
        invitation: Option<InvitationState>,
        response: Option<ResponseState>,
    ) -> ParticipantLine {
        ParticipantLine {
            participant: Participant {
                id: 1,
                campaign_id: 1,
                organisation_id: 1,
                email: "desk@x.org".into(),
                name: "Desk".into(),
                audience,
                language: None,
                created_at: NaiveDateTime::default(),
            },
            organisation: "CSIRT".into(),
            country: country.into(),
            invitation,
            response,
        }
    }

    #[test]
    fn the_stage_follows_invitation_then_response_and_revocation_wins() {
        use InvitationState::{Pending, Revoked, Sent};
        use OrganisationKind::Csirt;
        use ResponseState::{Draft, Submitted};
        let stage = |i, r| ParticipantStage::of(&line(Csirt, "AT", i, r));
        assert_eq!(stage(None, None), ParticipantStage::NotInvited);
        assert_eq!(stage(Some(Pending), None), ParticipantStage::Invited);
        assert_eq!(stage(Some(Sent), Some(Draft)), ParticipantStage::InProgress);
        assert_eq!(
            stage(Some(Sent), Some(Submitted)),
            ParticipantStage::Submitted
        );
        assert_eq!(
            stage(Some(Revoked), Some(Submitted)),
            ParticipantStage::Revoked
        );
    }

    #[test]
    fn filters_combine_and_empty_words_filter_nothing() {
        use OrganisationKind::{Csirt, Lea};
        let at_csirt = line(Csirt, "AT", None, None);
        let de_lea = line(Lea, "DE", Some(InvitationState::Sent), None);
        let all = ParticipantFilter::parse(Some(""), Some(" "), None).expect("no filter");
        assert!(all.admits(&at_csirt) && all.admits(&de_lea));
        let lea_in_de =
            ParticipantFilter::parse(Some("lea"), Some("de"), Some("invited")).expect("a filter");
        assert!(!lea_in_de.admits(&at_csirt));
        assert!(lea_in_de.admits(&de_lea));
        let nowhere = ParticipantFilter::parse(None, Some("ZZ"), None).expect("a filter");
        assert!(!nowhere.admits(&at_csirt));
    }

    #[test]
    fn an_unknown_word_is_refused_naming_its_parameter() {
        let refused = ParticipantFilter::parse(Some("police"), None, None);
        assert_eq!(
            refused.map_err(|p| p.field),
            Err(Some("audience".to_owned()))
        );
        let refused = ParticipantFilter::parse(None, None, Some("done"));
        assert_eq!(refused.map_err(|p| p.field), Err(Some("state".to_owned())));
    }
}
