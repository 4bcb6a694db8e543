-- directory: the referent directory on the national standard data·inclusion (schema v1). The records are kept as
-- imported (from a file or the data·inclusion API), each one checked against the schema first; the directory
-- handoffs read (directory_structure, directory_coverage) is assembled from them and the local configuration.

-- directory: data·inclusion structures, one row per data·inclusion id ("source--id"). record is the record as
-- received: the same record again changes nothing, an older one (date_maj) never replaces a newer one.
create table directory_di_structure (
    id               text primary key,
    source           text        not null,
    nom              text        not null,
    code_insee       text,
    code_postal      text,
    commune          text,
    courriel         text,
    telephone        text,
    reseaux_porteurs text[]      not null default '{}',
    date_maj         date        not null,
    record           jsonb       not null,
    -- The file or feed that brought the current version.
    origin           text        not null,
    imported_at      timestamptz not null default now()
);

-- directory: data·inclusion services. structure_id is not a foreign key: a feed may bring a service before its
-- structure; such a service covers nothing until its structure is known.
create table directory_di_service (
    id                 text primary key,
    source             text        not null,
    structure_id       text        not null,
    nom                text        not null,
    thematiques        text[]      not null default '{}',
    publics            text[]      not null default '{}',
    modes_mobilisation text[]      not null default '{}',
    zone_eligibilite   text[]      not null default '{}',
    courriel           text,
    telephone          text,
    contact_nom_prenom text,
    date_maj           date        not null,
    record             jsonb       not null,
    origin             text        not null,
    imported_at        timestamptz not null default now()
);
create index directory_di_service_structure on directory_di_service (structure_id);

-- directory: records refused at import (schema rule or referential value broken), with every reason. Nothing of
-- such a record is applied.
create table directory_import_rejection (
    id          bigserial primary key,
    origin      text        not null,
    resource    text        not null check (resource in ('STRUCTURE', 'SERVICE')),
    position    integer     not null,
    record_id   text,
    reasons     text[]      not null,
    rejected_at timestamptz not null default now()
);
create index directory_import_rejection_origin on directory_import_rejection (origin, rejected_at);

-- directory: where each pulled data·inclusion feed stands (like pull_checkpoint for partners' feeds): the latest
-- date_maj of a run whose pages were all applied.
create table directory_feed_checkpoint (
    feed_id          text primary key,
    checkpoint       date,
    updated_at       timestamptz not null default now(),
    last_run_at      timestamptz,
    last_run_outcome text,
    last_run_detail  text
);

-- directory: the assembled structures now say where they come from: the data·inclusion record they are built on,
-- and for each value, its source (DATA_INCLUSION or LOCAL).
alter table directory_structure add column data_inclusion_id text unique;
alter table directory_structure add column value_sources jsonb not null default '{}';
alter table directory_structure drop constraint directory_structure_source_check;
update directory_structure set source = 'LOCAL' where source = 'IMPORT';
alter table directory_structure add constraint directory_structure_source_check
    check (source in ('DATA_INCLUSION', 'LOCAL'));
alter table directory_referent drop constraint directory_referent_source_check;
update directory_referent set source = 'LOCAL' where source = 'IMPORT';
alter table directory_referent add constraint directory_referent_source_check
    check (source in ('LOCAL', 'REFERRAL'));

-- directory: the territory a structure covers, by official geographic code (COG): a commune (INSEE code), an EPCI
-- (SIREN), a département, or France. service_id names the data·inclusion service whose zone_eligibilite says so;
-- null when it is the structure's own commune (code_insee) or the local configuration.
drop table directory_structure_area;
create table directory_coverage (
    structure_id text not null references directory_structure (id) on delete cascade,
    area_kind    text not null check (area_kind in ('COMMUNE', 'EPCI', 'DEPARTEMENT', 'FRANCE')),
    code         text not null,
    service_id   text not null default '',
    source       text not null check (source in ('DATA_INCLUSION_SERVICE', 'DATA_INCLUSION_STRUCTURE', 'LOCAL')),
    primary key (structure_id, area_kind, code, service_id)
);
create index directory_coverage_code on directory_coverage (area_kind, code);
