-- Passerelle foundation schema. Each table belongs to the feature named in its comment.

-- partner: the registry, loaded from configuration at start-up.
create table partner (
    id          text primary key,
    name        text        not null,
    kind        text        not null,
    inbound     text[]      not null default '{}',
    outbound    text,
    updated_at  timestamptz not null default now()
);

-- security: partner credentials, hashed (SHA-256 of the secret), never stored in clear.
create table partner_credential (
    partner_id  text        not null references partner (id),
    kind        text        not null check (kind in ('API_KEY', 'SFTP_PASSWORD')),
    secret_hash text        not null,
    created_at  timestamptz not null default now(),
    primary key (partner_id, kind)
);
create unique index partner_credential_lookup on partner_credential (kind, secret_hash);

-- intake: every inbound payload, stored before anything else happens.
create table raw_message (
    id             uuid primary key,
    partner_id     text        not null references partner (id),
    channel        text        not null,
    received_at    timestamptz not null default now(),
    file_name      text,
    content_type   text,
    digest_sha256  text        not null,
    size_bytes     integer     not null,
    -- SECURITY: sealed with DataProtector (AES-256-GCM); partner payloads carry NIRs and contact details.
    payload_sealed bytea       not null,
    correlation_id text        not null,
    outcome        text        not null default 'RECEIVED',
    outcome_detail text,
    processed_at   timestamptz
);
create index raw_message_partner_time on raw_message (partner_id, received_at desc);
create index raw_message_digest on raw_message (partner_id, digest_sha256);

-- beneficiary: the shared record. Display values keep accents; folded_* columns serve matching.
create table beneficiary (
    id                   uuid primary key,
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now(),
    birth_name           text,
    usage_name           text,
    first_names          text        not null,
    birth_date           date        not null,
    sex                  text,
    folded_birth_name    text,
    folded_usage_name    text,
    folded_first_names   text        not null,
    nir_sealed           bytea,
    nir_index            text,
    email                text,
    phones               text[]      not null default '{}',
    address_line         text,
    postal_code          text,
    commune              text,
    insee_code           text,
    rsa                  boolean,
    rqth                 boolean,
    education_level      text,
    project              text,
    consent_data_sharing boolean,
    consent_at           date,
    consent_source       text
);
create index beneficiary_nir_index on beneficiary (nir_index) where nir_index is not null;
create index beneficiary_birth_date_name on beneficiary (birth_date, folded_birth_name);

-- beneficiary: identifiers the partners know the person by (a beneficiary holds many).
create table beneficiary_identifier (
    beneficiary_id uuid        not null references beneficiary (id),
    kind           text        not null,
    issuer         text        not null,
    value          text        not null,
    source_referral_id uuid,
    recorded_at    timestamptz not null default now(),
    primary key (kind, issuer, value)
);
create index beneficiary_identifier_owner on beneficiary_identifier (beneficiary_id);

-- beneficiary: barriers (SPEC §3 codes) with provenance.
create table beneficiary_barrier (
    beneficiary_id     uuid        not null references beneficiary (id),
    code               text        not null,
    source_referral_id uuid,
    reported_at        timestamptz not null default now(),
    resolved_at        timestamptz,
    primary key (beneficiary_id, code)
);

-- beneficiary: referents with role and period.
create table beneficiary_referent (
    id                 bigserial primary key,
    beneficiary_id     uuid        not null references beneficiary (id),
    role               text        not null check (role in ('PRESCRIBER', 'SOCIAL_WORKER', 'EMPLOYMENT_COUNSELOR', 'PROGRAMME_REFERENT')),
    first_name         text,
    last_name          text,
    email              text,
    phone              text,
    structure          text,
    partner_id         text references partner (id),
    since              timestamptz not null default now(),
    until              timestamptz,
    source_referral_id uuid
);
create index beneficiary_referent_owner on beneficiary_referent (beneficiary_id);

-- referral: one per partner record key; revisions keep every version of its content.
create table referral (
    id             uuid primary key,
    partner_id     text        not null references partner (id),
    channel        text        not null,
    record_key     text        not null,
    status         text        not null,
    beneficiary_id uuid references beneficiary (id),
    programme      text,
    content_digest text        not null,
    -- The normalized referral without its NIR, which is only kept sealed.
    canonical      jsonb       not null,
    nir_sealed     bytea,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    unique (partner_id, record_key)
);

create table referral_revision (
    referral_id    uuid        not null references referral (id),
    revision       integer     not null,
    raw_message_id uuid        not null references raw_message (id),
    content_digest text        not null,
    canonical      jsonb       not null,
    nir_sealed     bytea,
    received_at    timestamptz not null default now(),
    primary key (referral_id, revision)
);

create table referral_status_history (
    id          bigserial primary key,
    referral_id uuid        not null references referral (id),
    status      text        not null,
    detail      text,
    at          timestamptz not null default now()
);
create index referral_status_history_referral on referral_status_history (referral_id, id);

create table referral_warning (
    referral_id uuid    not null references referral (id),
    revision    integer not null,
    field       text    not null,
    code        text    not null,
    message     text    not null
);
create index referral_warning_referral on referral_warning (referral_id);
