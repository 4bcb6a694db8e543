-- handoff (referent page): a take-over to an e-mail typed on the page waits until that address confirms it.
-- SECURITY: only the SHA-256 of the confirmation token is kept; the token itself exists only in the e-mail.
create table referent_takeover (
    token_digest  text primary key,
    handoff_id    uuid        not null references handoff (id),
    first_name    text        not null,
    last_name     text        not null,
    email         text        not null,
    phone         text,
    structure     text,
    requested_at  timestamptz not null default now(),
    expires_at    timestamptz not null,
    confirmed_at  timestamptz
);
create index referent_takeover_handoff on referent_takeover (handoff_id);
