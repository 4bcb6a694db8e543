-- handoff/watch: the reminder and the escalation of a delivered handoff left unacknowledged past its deadline.
-- The primary key makes each happen at most once per handoff, whichever hub instance runs the watch.
create table handoff_followup (
    handoff_id          uuid        not null references handoff (id),
    kind                text        not null check (kind in ('REMINDER', 'ESCALATION')),
    at                  timestamptz not null default now(),
    -- The deadline that was passed.
    due_at              timestamptz not null,
    -- The reminder handoff, or the first escalation handoff; null when nobody could be reached (see routing_decision).
    followup_handoff_id uuid references handoff (id),
    primary key (handoff_id, kind)
);

-- handoff/watch: one "no active referent" alert per person and silent period (last activity + period number), so a
-- watchdog run repeated, or run by two instances, never routes the same alert twice.
create table no_active_referent_alert (
    beneficiary_id   uuid        not null references beneficiary (id),
    period_key       text        not null,
    last_activity_at timestamptz not null,
    detected_at      timestamptz not null default now(),
    primary key (beneficiary_id, period_key)
);
