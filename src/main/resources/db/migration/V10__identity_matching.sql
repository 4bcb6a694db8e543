-- identity: blocking keys for candidate search. One row per key a beneficiary can be found by, derived from every
-- referral linked to it (all the spellings partners used), so a look-up is an index probe, never a scan.
create table beneficiary_match_key (
    beneficiary_id uuid not null references beneficiary (id),
    key            text not null,
    primary key (key, beneficiary_id)
);
create index beneficiary_match_key_owner on beneficiary_match_key (beneficiary_id);

-- identity: a merged beneficiary stays as a tombstone pointing at the record that absorbed it.
alter table beneficiary add column status text not null default 'ACTIVE' check (status in ('ACTIVE', 'MERGED'));
alter table beneficiary add column merged_into uuid references beneficiary (id);

-- identity: uncertain matches waiting for an operator. The referral was attached to its own beneficiary
-- (nothing is merged on a guess); confirming merges the two records, rejecting keeps them apart for good.
create table identity_review (
    id                  uuid primary key,
    referral_id         uuid        not null references referral (id),
    beneficiary_id      uuid        not null references beneficiary (id),
    candidate_id        uuid        not null references beneficiary (id),
    score               numeric(6, 2) not null,
    explanation         jsonb       not null,
    status              text        not null default 'PENDING' check (status in ('PENDING', 'CONFIRMED', 'REJECTED', 'OBSOLETE')),
    created_at          timestamptz not null default now(),
    decided_by          text,
    decided_at          timestamptz
);
create index identity_review_pending on identity_review (created_at) where status = 'PENDING';
create unique index identity_review_one_open_per_pair on identity_review (least(beneficiary_id, candidate_id), greatest(beneficiary_id, candidate_id)) where status = 'PENDING';

-- identity: pairs an operator said are different people; never proposed again.
create table identity_distinct_pair (
    first_id   uuid        not null references beneficiary (id),
    second_id  uuid        not null references beneficiary (id),
    decided_by text        not null,
    decided_at timestamptz not null default now(),
    primary key (first_id, second_id),
    check (first_id < second_id)
);

-- identity: every merge, with what moved, so that it can be undone exactly.
create table beneficiary_merge (
    id            uuid primary key,
    survivor_id   uuid        not null references beneficiary (id),
    absorbed_id   uuid        not null references beneficiary (id),
    referral_ids  uuid[]      not null,
    reason        text        not null,
    score         numeric(6, 2),
    decided_by    text        not null,
    merged_at     timestamptz not null default now(),
    undone_by     text,
    undone_at     timestamptz
);
create index beneficiary_merge_survivor on beneficiary_merge (survivor_id);
