//! The respondent pages' words about delegation (the contact's page that hands sections to
//! colleagues, and the colleague's own pages), in every language the pages speak.

use crate::locale::words;

words! {
    /// The fixed texts of the delegation pages.
    pub struct DelegationWords in "delegation" {
        link,
        title,
        intro,
        contact_edits,
        form_title,
        email,
        name,
        name_hint,
        sections,
        delegate,
        list_title,
        none_yet,
        who,
        which,
        state,
        action,
        invited,
        answering,
        done,
        taken_back,
        closed,
        take_back,
        back,
        bad_email,
        own_address,
        no_section,
        already_delegated,
        not_draft,
        held_by,
        welcome_title,
        welcome_intro,
        welcome_note,
        your_sections,
        finished,
        finished_hint,
        thanks_title,
        thanks,
    }
}

/// The words in `language`, English when the pages do not speak it.
pub fn delegation_words(language: &str) -> &'static DelegationWords {
    DelegationWords::of(language)
}
