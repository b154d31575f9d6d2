//! The states' rules and transitions, and the actor as the history stores it.

use super::*;

#[test]
fn a_draft_is_editable_and_remindable_and_counts_nowhere() {
    let draft = ResponseState::Draft;
    assert!(draft.is_editable());
    assert!(draft.can_be_reminded());
    assert!(!draft.counts_in_reports());
}

#[test]
fn a_submitted_response_is_final_and_counts_in_reports() {
    let submitted = ResponseState::Submitted;
    assert!(!submitted.is_editable());
    assert!(!submitted.can_be_reminded());
    assert!(submitted.counts_in_reports());
}

#[test]
fn only_a_draft_can_be_submitted_and_it_becomes_submitted() {
    assert_eq!(
        ResponseState::Draft.on_submit(),
        Some(ResponseState::Submitted)
    );
    assert_eq!(ResponseState::Submitted.on_submit(), None);
}

#[test]
fn a_submit_leads_to_a_state_that_counts_and_takes_no_answers() {
    for state in ResponseState::ALL {
        if let Some(next) = state.on_submit() {
            assert!(
                state.is_editable(),
                "{state} is submitted, so it was editable"
            );
            assert!(!next.is_editable(), "{state} → {next}");
            assert!(next.awaits_review(), "{state} → {next}");
        }
    }
}

#[test]
fn the_states_counting_in_reports_are_exactly_those_that_say_so() {
    assert_eq!(
        ResponseState::counting_in_reports(),
        vec![ResponseState::Submitted]
    );
    assert_eq!(
        ResponseState::counting_in_reports_of(true),
        vec![ResponseState::Accepted]
    );
}

#[test]
fn after_a_change_request_answers_change_again_and_a_submit_resubmits() {
    let sent_back = ResponseState::ChangesRequested;
    assert!(sent_back.is_editable());
    assert!(!sent_back.can_be_reminded());
    assert_eq!(sent_back.on_submit(), Some(ResponseState::Resubmitted));
    assert_eq!(ResponseState::Resubmitted.on_submit(), None);
    assert_eq!(ResponseState::Accepted.on_submit(), None);
    assert!(!ResponseState::Accepted.is_editable());
    assert!(ResponseState::Accepted.counts_in_reports_of(true));
    assert!(!ResponseState::Submitted.counts_in_reports_of(true));
}

#[test]
fn every_actor_reads_back_from_what_the_history_stores() {
    use crate::ids::{AnalystId, InvitationId};
    for actor in [
        Actor::Link(InvitationId(7)),
        Actor::Analyst(AnalystId(3)),
        Actor::Demo,
    ] {
        let (kind, id) = actor.stored();
        assert_eq!(Actor::from_stored(kind, id), Some(actor));
    }
}

#[test]
fn a_stored_actor_with_a_missing_or_stray_id_is_refused() {
    assert_eq!(Actor::from_stored(ActorKind::Link, None), None);
    assert_eq!(Actor::from_stored(ActorKind::Analyst, None), None);
    assert_eq!(Actor::from_stored(ActorKind::Demo, Some(1)), None);
}

#[test]
fn a_state_word_not_known_here_is_refused_when_read() {
    assert!("withdrawn".parse::<ResponseState>().is_err());
    assert!("link".parse::<ActorKind>().is_ok());
}
