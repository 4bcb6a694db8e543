-- handoff: the transactional outbox of continuity-of-follow-up handoffs (SPEC §5). Rows are written in the
-- transaction of the referral or journey event that triggers them; a dispatcher delivers them at least once.
create table handoff (
    id                  uuid primary key,
    beneficiary_id      uuid references beneficiary (id),
    trigger             text        not null,
    -- What triggered it: REFERRAL (referral id), JOURNEY_EVENT (event id), FILE_RECORD (raw message id:position),
    -- MATCH (referral id of the matching referral).
    source_kind         text        not null,
    source_id           text        not null,
    rule_id             text        not null,
    reason              text        not null,
    explanation         text        not null,
    recipient_key       text        not null,
    recipient_role      text,
    recipient_name      text,
    recipient_email     text,
    recipient_structure text,
    recipient_partner_id text references partner (id),
    channel             text        not null,
    payload             jsonb       not null,
    status              text        not null check (status in ('PENDING', 'FAILED', 'DELIVERED', 'ACKNOWLEDGED', 'PARKED')),
    status_reason       text,
    attempts            integer     not null default 0,
    next_attempt_at     timestamptz,
    created_at          timestamptz not null default now(),
    delivered_at        timestamptz,
    acknowledged_at     timestamptz,
    acknowledged_by     text,
    parked_at           timestamptz,
    replays             integer     not null default 0,
    last_replayed_at    timestamptz,
    last_replayed_by    text,
    -- The same trigger never hands the same thing twice to the same recipient under the same rule.
    unique (source_kind, source_id, rule_id, recipient_key)
);
create index handoff_due on handoff (next_attempt_at) where status in ('PENDING', 'FAILED');
create index handoff_recipient_partner on handoff (recipient_partner_id, status, created_at);
create index handoff_beneficiary on handoff (beneficiary_id, created_at);

-- handoff: every delivery attempt, with its outcome and error code.
create table handoff_attempt (
    id          bigserial primary key,
    handoff_id  uuid        not null references handoff (id),
    attempt     integer     not null,
    at          timestamptz not null default now(),
    channel     text        not null,
    outcome     text        not null check (outcome in ('DELIVERED', 'FAILED', 'PULLED')),
    error_code  text,
    detail      text,
    duration_ms integer
);
create index handoff_attempt_handoff on handoff_attempt (handoff_id, id);

-- handoff: every routing decision, routed or not, with the rule and the reason (SPEC §5: who it was for, why).
create table routing_decision (
    id             bigserial primary key,
    beneficiary_id uuid references beneficiary (id),
    trigger        text        not null,
    source_kind    text        not null,
    source_id      text        not null,
    rule_id        text        not null,
    outcome        text        not null check (outcome in ('ROUTED', 'NO_RECIPIENT', 'CONSENT_MISSING')),
    explanation    text        not null,
    handoff_id     uuid references handoff (id),
    decided_at     timestamptz not null default now()
);
create index routing_decision_source on routing_decision (source_kind, source_id);
create index routing_decision_beneficiary on routing_decision (beneficiary_id, decided_at);
