-- journey: events recorded by the programme team for a beneficiary (SPEC §5). Append-only: an event is never
-- changed; a correction is a new event.
create table journey_event (
    id             uuid primary key,
    beneficiary_id uuid        not null references beneficiary (id),
    -- Recording order, the order the journey's state is validated in.
    seq            bigserial   not null unique,
    type           text        not null,
    occurred_at    timestamptz not null,
    recorded_at    timestamptz not null default now(),
    recorded_by    text        not null references partner (id),
    -- The event's own fields (eligible, reason, kind, barrier, note, outcome, referent), as received once validated.
    details        jsonb       not null default '{}'
);
create index journey_event_beneficiary on journey_event (beneficiary_id, seq);
