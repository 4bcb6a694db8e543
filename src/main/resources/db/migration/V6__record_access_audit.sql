-- beneficiary: who read which shared record, when, through what (SPEC §7). Append-only.
create table record_access (
    id             bigserial primary key,
    beneficiary_id uuid        not null references beneficiary (id),
    accessor_kind  text        not null check (accessor_kind in ('PARTNER', 'OPERATOR')),
    accessor_id    text        not null,
    purpose        text        not null,
    at             timestamptz not null default now()
);
create index record_access_beneficiary on record_access (beneficiary_id, at desc);
