-- handoff (referent page): the e-mail channel's single-purpose links and what referents answered through them.

-- A referent reading a person's context through a handoff link is audited like any other reader (SPEC §7).
alter table record_access drop constraint record_access_accessor_kind_check;
alter table record_access add constraint record_access_accessor_kind_check
    check (accessor_kind in ('PARTNER', 'OPERATOR', 'REFERENT'));

-- DECLINED: the recipient refused the handoff with a reason; it is handed on (rule referent-declined).
alter table handoff drop constraint handoff_status_check;
alter table handoff add constraint handoff_status_check
    check (status in ('PENDING', 'FAILED', 'DELIVERED', 'ACKNOWLEDGED', 'PARKED', 'DECLINED'));

-- Every link sent. SECURITY: only the SHA-256 of the token is kept; the token itself exists only in the e-mail.
create table referent_link (
    token_digest  text primary key,
    handoff_id    uuid        not null references handoff (id),
    recipient_key text        not null,
    issued_at     timestamptz not null default now(),
    expires_at    timestamptz not null,
    revoked_at    timestamptz
);
create index referent_link_handoff on referent_link (handoff_id);

-- What the referent did on the page; the first answer of each kind is kept.
create table referent_response (
    id            bigserial primary key,
    handoff_id    uuid        not null references handoff (id),
    action        text        not null check (action in ('ACKNOWLEDGED', 'TOOK_OVER', 'DECLINED')),
    recipient_key text        not null,
    reason        text,
    at            timestamptz not null default now(),
    unique (handoff_id, action)
);
