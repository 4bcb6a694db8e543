-- The message journal (issue 8): what a raw message needs to be found by its business keys and replayed, and the
-- indexes its searches use. Columns of raw_message are written by intake; replay tables by journal.

-- intake: the route and mapping a single-record message went through (a replay runs them again), the partner's record
-- key, the referral it became (duplicates included) and, for a replay, the message it re-runs.
alter table raw_message
    add column route_id    text,
    add column mapping_id  text,
    add column record_key  text,
    add column referral_id uuid,
    add column replay_of   uuid references raw_message (id);
create index raw_message_record_key on raw_message (record_key) where record_key is not null;
create index raw_message_referral on raw_message (referral_id) where referral_id is not null;
create index raw_message_replay_of on raw_message (replay_of) where replay_of is not null;
create index raw_message_received on raw_message (received_at desc);
create index raw_message_failed on raw_message (received_at) where outcome = 'FAILED';

-- Searches by business key across what already records them.
create index inbound_record_record_key on inbound_record (record_key) where record_key is not null;
create index inbound_record_referral on inbound_record (referral_id) where referral_id is not null;
create index referral_revision_raw_message on referral_revision (raw_message_id);
create index referral_record_key on referral (record_key);
create index handoff_status_time on handoff (status, created_at);
create index handoff_created on handoff (created_at desc);

-- journal: batch replays, run in the background one item at a time, paused, resumed or cancelled by an operator.
create table replay_job (
    id            uuid primary key,
    target_kind   text        not null check (target_kind in ('MESSAGE', 'HANDOFF')),
    filter        text        not null,
    state         text        not null check (state in ('RUNNING', 'PAUSED', 'CANCELLED', 'DONE')),
    total         integer     not null,
    done          integer     not null default 0,
    succeeded     integer     not null default 0,
    failed        integer     not null default 0,
    created_by    text        not null,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    updated_by    text,
    finished_at   timestamptz
);
create index replay_job_recent on replay_job (created_at desc);

-- journal: every replay, one or in a job: who asked, when, what it re-ran and what came of it. An unfinished row is
-- the claim that keeps one target from being replayed twice at once.
create table replay (
    id                bigserial primary key,
    target_kind       text        not null check (target_kind in ('MESSAGE', 'HANDOFF')),
    target_id         uuid        not null,
    job_id            uuid references replay_job (id),
    requested_by      text        not null,
    requested_at      timestamptz not null default now(),
    finished_at       timestamptz,
    outcome           text,
    replay_message_id uuid,
    detail            text
);
create unique index replay_one_at_a_time on replay (target_kind, target_id) where finished_at is null;
create index replay_target on replay (target_kind, target_id, id);

create table replay_job_item (
    job_id    uuid    not null references replay_job (id),
    position  integer not null,
    target_id uuid    not null,
    replay_id bigint references replay (id),
    outcome   text,
    primary key (job_id, position)
);
create index replay_job_item_pending on replay_job_item (job_id, position) where outcome is null;
