-- directory: the referent directory. Structures (network partners, social services, public agencies) with the
-- territory and age band they cover, and the professionals who work there. Seeded from a CSV import of
-- structures, fed by referrals (prescribers, social workers, counselors they name).
create table directory_structure (
    id            text primary key,
    name          text        not null,
    kind          text        not null,
    -- The network partner this structure belongs to (its outbound channel), null for structures outside the network.
    partner_id    text references partner (id),
    safir_code    text,
    email         text,
    phone         text,
    age_min       integer,
    age_max       integer,
    -- Folded names a referral may use for the structure ("MDS GRIGNY"), and e-mail domains of its staff.
    aliases       text[]      not null default '{}',
    email_domains text[]      not null default '{}',
    source        text        not null check (source in ('IMPORT', 'REFERRAL')),
    updated_at    timestamptz not null default now(),
    check (age_min is null or age_max is null or age_min <= age_max)
);
create index directory_structure_partner on directory_structure (partner_id);

-- directory: the communes a structure covers, by postal code and/or INSEE code.
create table directory_structure_area (
    structure_id text not null references directory_structure (id) on delete cascade,
    area_kind    text not null check (area_kind in ('POSTAL_CODE', 'INSEE_CODE')),
    code         text not null,
    primary key (structure_id, area_kind, code)
);
create index directory_structure_area_code on directory_structure_area (area_kind, code);

-- directory: professionals, one per e-mail address (the stable way to reach a person).
create table directory_referent (
    id            bigserial primary key,
    structure_id  text references directory_structure (id),
    role          text        not null,
    first_name    text,
    last_name     text,
    email         text        not null,
    phone         text,
    source        text        not null check (source in ('IMPORT', 'REFERRAL')),
    first_seen_at timestamptz not null default now(),
    last_seen_at  timestamptz not null default now()
);
create unique index directory_referent_email on directory_referent (lower(email));
