//! The database schema, kept by hand so it uses only types both backends share.
//!
//! It must match `migrations/sqlite` and `migrations/postgres`; the storage tests
//! select every column of every table on both backends to prove it does.
//! Ids are `BigInt` (SQLite's `INTEGER PRIMARY KEY` is a 64-bit rowid, PostgreSQL
//! uses `BIGSERIAL`); enumerated columns are `Text` guarded by `CHECK`s.

diesel::table! {
    /// A CSIRT, law enforcement agency or judicial body.
    organisations (id) {
        id -> BigInt,
        name -> Text,
        kind -> Text,
        country -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// One round of questionnaires sent to a set of participants.
    campaigns (id) {
        id -> BigInt,
        name -> Text,
        tlp -> Text,
        state -> Text,
        sender_organisation -> Text,
        closes_on -> Date,
        created_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
        privacy_k -> Nullable<Integer>,
        languages -> Nullable<Text>,
        /// Days after closing that its participants' personal data is kept.
        retention_days -> Integer,
        /// When its participants' personal data was erased; null until then.
        erased_at -> Nullable<Timestamp>,
        /// The campaign this one is the next round of; null for a first round.
        follows_id -> Nullable<BigInt>,
        /// Whether a reviewer must accept each response before it counts in reports.
        review_required -> Bool,
        /// Whether a response's peer reviewers must come from at least two other countries.
        peer_review_nis2 -> Bool,
    }
}

diesel::table! {
    /// Which questionnaire version each audience of a campaign answers.
    campaign_questionnaires (campaign_id, audience) {
        campaign_id -> BigInt,
        audience -> Text,
        questionnaire_id -> Text,
        questionnaire_version -> Text,
    }
}

diesel::table! {
    /// A campaign's own subject and opening paragraph of its invitations or reminders in
    /// one mail language; without a row the shipped wording is used.
    campaign_mail_texts (campaign_id, kind, language) {
        campaign_id -> BigInt,
        kind -> Text,
        language -> Text,
        subject -> Text,
        opening -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// The questionnaire files as they were, so old responses keep their version.
    questionnaire_snapshots (questionnaire_id, version) {
        questionnaire_id -> Text,
        version -> Text,
        content_hash -> Text,
        content -> Text,
        stored_at -> Timestamp,
    }
}

diesel::table! {
    /// A person invited to a campaign on behalf of an organisation.
    participants (id) {
        id -> BigInt,
        campaign_id -> BigInt,
        organisation_id -> BigInt,
        email -> Text,
        name -> Text,
        audience -> Text,
        language -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// A participant's personal link; only the hash of its token is kept.
    invitations (id) {
        id -> BigInt,
        participant_id -> BigInt,
        token_hash -> Text,
        state -> Text,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        opened_at -> Nullable<Timestamp>,
        last_reminded_at -> Nullable<Timestamp>,
        reminders_sent -> Integer,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// The one response an invitation opens; `state` is a `responses::ResponseState`.
    responses (id) {
        id -> BigInt,
        invitation_id -> BigInt,
        questionnaire_id -> Text,
        questionnaire_version -> Text,
        state -> Text,
        language -> Text,
        started_at -> Timestamp,
        updated_at -> Timestamp,
        submitted_at -> Nullable<Timestamp>,
        /// Raised by every write of the response's answers (see `answer_writes`).
        revision -> BigInt,
    }
}

diesel::table! {
    /// One answer of a response; `value` is the answer encoded as JSON.
    answers (response_id, question_id) {
        response_id -> BigInt,
        question_id -> Text,
        value -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// A respondent's note on the evidence behind one answer (source, document, year).
    evidence_notes (response_id, question_id) {
        response_id -> BigInt,
        question_id -> Text,
        note -> Text,
        /// The respondent marked it as naming a person: retention erases it.
        personal -> Bool,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    /// A file a respondent attached to one answer, kept whole in the database.
    evidence_files (id) {
        id -> BigInt,
        response_id -> BigInt,
        question_id -> Text,
        /// The name the browser gave, made safe to show and to name a download.
        file_name -> Text,
        /// What the content was found to be, e.g. `application/pdf`.
        media_type -> Text,
        size_bytes -> BigInt,
        /// SHA-256 of the content, 64 hex digits.
        sha256 -> Text,
        content -> Binary,
        uploaded_at -> Timestamp,
    }
}

diesel::table! {
    /// The history of a response, one row per transition, never changed once written.
    /// `from_state` is null for its creation; `actor_id` is the invitation of a link or
    /// the analyst, null for the demo.
    response_events (id) {
        id -> BigInt,
        response_id -> BigInt,
        from_state -> Nullable<Text>,
        to_state -> Text,
        actor_kind -> Text,
        actor_id -> Nullable<BigInt>,
        at -> Timestamp,
    }
}

diesel::table! {
    /// Every change to an answer, one row per question changed, appended in the
    /// transaction that changes it. `old_value` and `new_value` are the answer as
    /// `answers.value` holds it, null for none. Retention alone updates a row: it nulls
    /// `actor_kind` and `actor_id`, and erases personal values (`values_erased`); the
    /// migrations' triggers refuse anything else, and every delete.
    answer_history (id) {
        id -> BigInt,
        response_id -> BigInt,
        question_id -> Text,
        old_value -> Nullable<Text>,
        new_value -> Nullable<Text>,
        actor_kind -> Nullable<Text>,
        actor_id -> Nullable<BigInt>,
        at -> Timestamp,
        values_erased -> Bool,
    }
}

diesel::table! {
    /// A person who runs campaigns and reads their results.
    analysts (id) {
        id -> BigInt,
        email -> Text,
        password_hash -> Text,
        role -> Text,
        created_at -> Timestamp,
        disabled_at -> Nullable<Timestamp>,
        may_create_campaigns -> Bool,
    }
}

diesel::table! {
    /// Which analysts may see which campaigns.
    campaign_analysts (campaign_id, analyst_id) {
        campaign_id -> BigInt,
        analyst_id -> BigInt,
        /// Whether the analyst also reviews the campaign's responses.
        reviewer -> Bool,
    }
}

diesel::table! {
    /// A logged-in analyst; `id` is the hash of the cookie token.
    sessions (id) {
        id -> Text,
        analyst_id -> BigInt,
        created_at -> Timestamp,
        expires_at -> Timestamp,
    }
}

diesel::table! {
    /// A token for the JSON API; only its hash is kept.
    api_tokens (id) {
        id -> BigInt,
        analyst_id -> BigInt,
        name -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        last_used_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// A one-time link to set an account's password; only the hash of its token is kept.
    password_links (id) {
        id -> BigInt,
        analyst_id -> BigInt,
        token_hash -> Text,
        created_at -> Timestamp,
        expires_at -> Timestamp,
        /// Set once used, or voided by a newer link or a password set.
        used_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Mails waiting to be sent, written in the transaction that causes them.
    outbox (id) {
        id -> BigInt,
        kind -> Text,
        invitation_id -> Nullable<BigInt>,
        recipient -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        state -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        /// The Message-ID every attempt carries, e.g. `<9f…@liaison.example.org>`.
        message_id -> Text,
        /// The link's token while the mail waits; null once sent or failed.
        link_token -> Nullable<Text>,
    }
}

diesel::table! {
    /// Who did what, when: logins, exports, changes, retention runs.
    audit_log (id) {
        id -> BigInt,
        at -> Timestamp,
        actor -> Text,
        action -> Text,
        subject -> Text,
        detail -> Nullable<Text>,
    }
}

diesel::table! {
    /// Sections of a response handed by its contact to a colleague, with the hash of the
    /// colleague's link token.
    delegations (id) {
        id -> BigInt,
        invitation_id -> BigInt,
        email -> Nullable<Text>,
        name -> Nullable<Text>,
        sections -> Text,
        token_hash -> Text,
        created_at -> Timestamp,
        done_at -> Nullable<Timestamp>,
        revoked_at -> Nullable<Timestamp>,
        closed_at -> Nullable<Timestamp>,
        language -> Nullable<Text>,
    }
}

diesel::joinable!(campaign_questionnaires -> campaigns (campaign_id));
diesel::joinable!(campaign_mail_texts -> campaigns (campaign_id));
diesel::joinable!(participants -> campaigns (campaign_id));
diesel::joinable!(participants -> organisations (organisation_id));
diesel::joinable!(invitations -> participants (participant_id));
diesel::joinable!(responses -> invitations (invitation_id));
diesel::joinable!(answers -> responses (response_id));
diesel::joinable!(response_events -> responses (response_id));
diesel::joinable!(answer_history -> responses (response_id));
diesel::joinable!(evidence_notes -> responses (response_id));
diesel::joinable!(evidence_files -> responses (response_id));
diesel::joinable!(review_comments -> responses (response_id));
diesel::joinable!(campaign_analysts -> campaigns (campaign_id));
diesel::joinable!(campaign_analysts -> analysts (analyst_id));
diesel::joinable!(sessions -> analysts (analyst_id));
diesel::joinable!(api_tokens -> analysts (analyst_id));
diesel::joinable!(password_links -> analysts (analyst_id));
diesel::joinable!(outbox -> invitations (invitation_id));
diesel::joinable!(delegations -> invitations (invitation_id));

diesel::table! {
    /// A cooperation response shared with its counterparts of the same country by consent.
    gap_consents (response_id) {
        response_id -> BigInt,
        at -> Timestamp,
    }
}

diesel::joinable!(gap_consents -> responses (response_id));

diesel::allow_tables_to_appear_in_same_query!(
    organisations,
    campaigns,
    campaign_questionnaires,
    campaign_mail_texts,
    questionnaire_snapshots,
    participants,
    invitations,
    responses,
    answers,
    response_events,
    answer_history,
    review_comments,
    evidence_notes,
    evidence_files,
    analysts,
    campaign_analysts,
    sessions,
    api_tokens,
    password_links,
    outbox,
    audit_log,
    peer_reviewers,
    peer_assignments,
    peer_consents,
    gap_consents,
    peer_levels,
    delegations,
);

diesel::table! {
    /// A reviewer's comment on one answer, sent with the decision of `event_id`, or a
    /// respondent's reply (`reply_to`); append-only, retention erases only `body`.
    review_comments (id) {
        id -> BigInt,
        response_id -> BigInt,
        question_id -> Text,
        author_kind -> Text,
        author_id -> Nullable<BigInt>,
        body -> Nullable<Text>,
        please_change -> Bool,
        event_id -> Nullable<BigInt>,
        reply_to -> Nullable<BigInt>,
        at -> Timestamp,
    }
}

diesel::table! {
    /// An analyst account that is a peer reviewer: it sees only the responses given to it.
    peer_reviewers (analyst_id) {
        analyst_id -> BigInt,
        /// ISO 3166-1 alpha-2, upper case.
        country -> Text,
        organisation -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    /// A response given to a peer reviewer, by whom (the audit name) and when.
    peer_assignments (response_id, analyst_id) {
        response_id -> BigInt,
        analyst_id -> BigInt,
        assigned_by -> Text,
        at -> Timestamp,
    }
}

diesel::table! {
    /// The reviewed team's consent to peers seeing its answers and evidence.
    peer_consents (response_id) {
        response_id -> BigInt,
        invitation_id -> BigInt,
        at -> Timestamp,
        withdrawn_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    /// Peer and agreed levels per parameter; every change is a new row, the latest counts.
    peer_levels (id) {
        id -> BigInt,
        response_id -> BigInt,
        /// `peer` or `agreed`.
        kind -> Text,
        question_id -> Text,
        level -> Integer,
        justification -> Text,
        recorded_by -> Text,
        at -> Timestamp,
    }
}

diesel::joinable!(peer_reviewers -> analysts (analyst_id));
diesel::joinable!(peer_assignments -> peer_reviewers (analyst_id));
diesel::joinable!(peer_assignments -> responses (response_id));

diesel::table! {
    /// Keys the service signs with (the CSRF key), made once and shared by every instance.
    signing_keys (name) {
        name -> Text,
        secret -> Text,
        created_at -> Timestamp,
    }
}
