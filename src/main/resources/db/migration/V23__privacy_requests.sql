-- beneficiary: when the person's data was anonymised (retention, or erasure on request). The row stays, without
-- anything that identifies the person, so that statistics (referrals, outcomes, barriers) stay whole.
alter table beneficiary add column anonymised_at timestamptz;
create index beneficiary_last_update on beneficiary (updated_at) where anonymised_at is null;

-- privacy: every export, erasure and retention run (SPEC §7), who asked, why, what it did. Append-only.
create table privacy_request (
    id             uuid primary key,
    kind           text        not null check (kind in ('EXPORT', 'ERASURE', 'RETENTION_DRY_RUN', 'RETENTION_RUN')),
    beneficiary_id uuid references beneficiary (id),
    requested_by   text        not null,
    reason         text        not null,
    at             timestamptz not null default now(),
    report         jsonb       not null default '{}'
);
create index privacy_request_beneficiary on privacy_request (beneficiary_id, at desc);
alter table beneficiary alter column birth_date drop not null;
