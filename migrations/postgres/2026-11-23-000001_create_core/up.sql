-- Liaison core tables, PostgreSQL flavour. Keep in step with ../../sqlite/ (same
-- folder name) and src/storage/schema.rs.
-- BIGSERIAL ids are never reused, like AUTOINCREMENT on SQLite. TIMESTAMP
-- without time zone holds UTC, written by the application.

CREATE TABLE organisations (
    id          BIGSERIAL PRIMARY KEY,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind        TEXT NOT NULL CHECK (kind IN ('csirt', 'lea', 'judiciary')),
    country     CHAR(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (name, country, kind)
);

CREATE TABLE campaigns (
    id                   BIGSERIAL PRIMARY KEY,
    name                 TEXT NOT NULL CHECK (length(trim(name)) > 0),
    tlp                  TEXT NOT NULL DEFAULT 'AMBER' CHECK (tlp IN ('CLEAR', 'GREEN', 'AMBER', 'RED')),
    state                TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed')),
    sender_organisation  TEXT NOT NULL,
    closes_on            DATE NOT NULL,
    created_at           TIMESTAMP NOT NULL,
    closed_at            TIMESTAMP,
    CHECK ((state = 'closed') = (closed_at IS NOT NULL))
);

-- A snapshot is never changed once stored: a changed file is a new version.
CREATE TABLE questionnaire_snapshots (
    questionnaire_id  TEXT NOT NULL,
    version           TEXT NOT NULL,
    content_hash      TEXT NOT NULL,
    content           TEXT NOT NULL,
    stored_at         TIMESTAMP NOT NULL,
    PRIMARY KEY (questionnaire_id, version)
);

CREATE TABLE campaign_questionnaires (
    campaign_id            BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    audience               TEXT NOT NULL CHECK (audience IN ('csirt', 'lea', 'judiciary')),
    questionnaire_id       TEXT NOT NULL,
    questionnaire_version  TEXT NOT NULL,
    PRIMARY KEY (campaign_id, audience),
    FOREIGN KEY (questionnaire_id, questionnaire_version)
        REFERENCES questionnaire_snapshots (questionnaire_id, version)
);

CREATE TABLE participants (
    id               BIGSERIAL PRIMARY KEY,
    campaign_id      BIGINT NOT NULL REFERENCES campaigns (id),
    organisation_id  BIGINT NOT NULL REFERENCES organisations (id),
    email            TEXT NOT NULL CHECK (email LIKE '%_@_%'),
    name             TEXT NOT NULL,
    audience         TEXT NOT NULL CHECK (audience IN ('csirt', 'lea', 'judiciary')),
    language         TEXT,
    created_at       TIMESTAMP NOT NULL,
    UNIQUE (campaign_id, email)
);
CREATE INDEX participants_organisation_id ON participants (organisation_id);

CREATE TABLE invitations (
    id                BIGSERIAL PRIMARY KEY,
    participant_id    BIGINT NOT NULL UNIQUE REFERENCES participants (id),
    token_hash        TEXT NOT NULL UNIQUE,
    state             TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'revoked')),
    created_at        TIMESTAMP NOT NULL,
    sent_at           TIMESTAMP,
    opened_at         TIMESTAMP,
    last_reminded_at  TIMESTAMP,
    reminders_sent    INTEGER NOT NULL DEFAULT 0 CHECK (reminders_sent >= 0),
    revoked_at        TIMESTAMP
);

CREATE TABLE responses (
    id                     BIGSERIAL PRIMARY KEY,
    invitation_id          BIGINT NOT NULL UNIQUE REFERENCES invitations (id),
    questionnaire_id       TEXT NOT NULL,
    questionnaire_version  TEXT NOT NULL,
    state                  TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted')),
    language               TEXT NOT NULL,
    started_at             TIMESTAMP NOT NULL,
    updated_at             TIMESTAMP NOT NULL,
    submitted_at           TIMESTAMP,
    CHECK ((state = 'submitted') = (submitted_at IS NOT NULL)),
    FOREIGN KEY (questionnaire_id, questionnaire_version)
        REFERENCES questionnaire_snapshots (questionnaire_id, version)
);

CREATE TABLE answers (
    response_id  BIGINT NOT NULL REFERENCES responses (id) ON DELETE CASCADE,
    question_id  TEXT NOT NULL,
    value        TEXT NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (response_id, question_id)
);
CREATE INDEX answers_question_id ON answers (question_id);

CREATE TABLE analysts (
    id             BIGSERIAL PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE CHECK (email LIKE '%_@_%'),
    password_hash  TEXT NOT NULL,
    role           TEXT NOT NULL DEFAULT 'analyst' CHECK (role IN ('admin', 'analyst')),
    created_at     TIMESTAMP NOT NULL,
    disabled_at    TIMESTAMP
);

CREATE TABLE campaign_analysts (
    campaign_id  BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    analyst_id   BIGINT NOT NULL REFERENCES analysts (id) ON DELETE CASCADE,
    PRIMARY KEY (campaign_id, analyst_id)
);
CREATE INDEX campaign_analysts_analyst_id ON campaign_analysts (analyst_id);

CREATE TABLE sessions (
    id          TEXT PRIMARY KEY NOT NULL,
    analyst_id  BIGINT NOT NULL REFERENCES analysts (id) ON DELETE CASCADE,
    created_at  TIMESTAMP NOT NULL,
    expires_at  TIMESTAMP NOT NULL
);
CREATE INDEX sessions_analyst_id ON sessions (analyst_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

CREATE TABLE api_tokens (
    id            BIGSERIAL PRIMARY KEY,
    analyst_id    BIGINT NOT NULL REFERENCES analysts (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    token_hash    TEXT NOT NULL UNIQUE,
    created_at    TIMESTAMP NOT NULL,
    last_used_at  TIMESTAMP,
    revoked_at    TIMESTAMP
);
CREATE INDEX api_tokens_analyst_id ON api_tokens (analyst_id);

-- Mail is a log as much as a queue: deleting an invitation keeps its mails.
CREATE TABLE outbox (
    id               BIGSERIAL PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('invitation', 'reminder', 'receipt')),
    invitation_id    BIGINT REFERENCES invitations (id) ON DELETE SET NULL,
    recipient        TEXT NOT NULL,
    subject          TEXT NOT NULL,
    body_text        TEXT NOT NULL,
    body_html        TEXT NOT NULL,
    state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  TIMESTAMP NOT NULL,
    last_error       TEXT,
    created_at       TIMESTAMP NOT NULL,
    sent_at          TIMESTAMP
);
CREATE INDEX outbox_state_next_attempt_at ON outbox (state, next_attempt_at);
CREATE INDEX outbox_invitation_id ON outbox (invitation_id);

CREATE TABLE audit_log (
    id       BIGSERIAL PRIMARY KEY,
    at       TIMESTAMP NOT NULL,
    actor    TEXT NOT NULL,
    action   TEXT NOT NULL,
    subject  TEXT NOT NULL,
    detail   TEXT
);
CREATE INDEX audit_log_at ON audit_log (at);
