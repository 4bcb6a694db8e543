-- security: the people who log in (console, operators' API, the programme team's reads), each with roles; seeded
-- from configuration at start-up (passerelle.console.*). Passwords hashed with Argon2id, never stored in clear.
create table operator_account (
    username        text        primary key,
    password_hash   text        not null,
    roles           text[]      not null,
    -- SECURITY: lockout after repeated failures (passerelle.console.lockout.*).
    failed_attempts integer     not null default 0,
    locked_until    timestamptz,
    created_at      timestamptz not null default now(),
    updated_at      timestamptz not null default now()
);
