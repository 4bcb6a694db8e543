-- intake: multi-record payloads (files, API pages). Same partner, name and digest = the same file, processed once.
create table inbound_file (
    id              uuid primary key,
    partner_id      text        not null references partner (id),
    channel         text        not null,
    mapping_id      text        not null,
    file_name       text        not null,
    digest_sha256   text        not null,
    raw_message_id  uuid        not null references raw_message (id),
    status          text        not null check (status in ('RECEIVED', 'PROCESSING', 'DONE', 'REJECTED')),
    reason_code     text,
    reason          text,
    records_total   integer,
    records_accepted integer,
    records_rejected integer,
    report_name     text,
    -- SECURITY: the reject report quotes rows (names, birth dates): sealed like the raw payload.
    report_sealed   bytea,
    received_at     timestamptz not null default now(),
    finished_at     timestamptz,
    unique (partner_id, file_name, digest_sha256)
);
create index inbound_file_unfinished on inbound_file (status) where status in ('RECEIVED', 'PROCESSING');
create index inbound_file_partner_time on inbound_file (partner_id, received_at desc);

-- intake: what became of each record of a file, so a restart resumes where processing stopped.
create table inbound_record (
    inbound_file_id uuid        not null references inbound_file (id),
    position        integer     not null,
    record_key      text,
    outcome         text        not null check (outcome in ('ACCEPTED', 'REJECTED')),
    referral_id     uuid references referral (id),
    errors          jsonb,
    warnings        jsonb,
    -- SECURITY: the original cells are kept sealed so the reject report can be rebuilt after a restart.
    cells_sealed    bytea,
    processed_at    timestamptz not null default now(),
    primary key (inbound_file_id, position)
);
