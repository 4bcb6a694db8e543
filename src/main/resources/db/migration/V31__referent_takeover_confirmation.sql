-- handoff (referent page): a take-over to an e-mail typed on the page waits until that address confirms it, or, as
-- configured (take-over-approval), until an operator approves or refuses it.
-- SECURITY: only the SHA-256 of the confirmation token is kept; the token itself exists only in the e-mail.
create table referent_takeover (
    token_digest  text primary key,
    id            uuid        not null unique default gen_random_uuid(),
    awaits        text        not null check (awaits in ('CONFIRMATION', 'OPERATOR')),
    handoff_id    uuid        not null references handoff (id),
    first_name    text        not null,
    last_name     text        not null,
    email         text        not null,
    phone         text,
    structure     text,
    requested_at  timestamptz not null default now(),
    expires_at    timestamptz not null,
    confirmed_at  timestamptz,
    refused_at    timestamptz,
    decided_by    text
);
create index referent_takeover_handoff on referent_takeover (handoff_id);
