-- pull: where each pulled API feed stands. checkpoint = the latest partner update time (dateMiseAJour) of a run
-- whose pages were all stored; the next run asks for what changed since then. Advanced only, never moved back.
create table pull_checkpoint (
    feed_id          text primary key,
    partner_id       text        not null references partner (id),
    checkpoint       timestamptz,
    updated_at       timestamptz not null default now(),
    -- The last run, for operators: OK, REJECTED (a page the partner got wrong) or FAILED (transient, retried later).
    last_run_at      timestamptz,
    last_run_outcome text,
    last_run_detail  text
);

-- pull: files already taken from a partner's SFTP server (Camel idempotent repository). The key names the feed,
-- the file, its size and modification time, so a file is downloaded once and a rewritten file is taken again.
create table pulled_file (
    file_key  text primary key,
    pulled_at timestamptz not null default now()
);
