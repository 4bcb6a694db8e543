-- intake: a replay of a failed file is a run of its own (a new raw_message, replay_of, and a new inbound_file), linked
-- to the file it re-runs. The run journals only the records it processed; the original's settled records are skipped.
alter table inbound_file add column replay_of uuid references inbound_file (id);
create index inbound_file_replay_of on inbound_file (replay_of) where replay_of is not null;
-- One unfinished run per file, across hub instances: a second replay while one runs (or waits to be resumed) fails here.
create unique index inbound_file_one_replay_at_a_time on inbound_file (replay_of)
    where replay_of is not null and status in ('RECEIVED', 'PROCESSING');
-- The file of a raw message (the journal's message view, a replay's checks), and the files a replay would help: the
-- quarantined ones, and the records the hub failed on (InboundFileStore.HUB_FAILED: few among many).
create index inbound_file_raw_message on inbound_file (raw_message_id);
create index inbound_file_quarantined on inbound_file (received_at) where status = 'QUARANTINED';
create index inbound_record_hub_failed on inbound_record (inbound_file_id, position)
    where outcome = 'REJECTED' and (errors @> '[{"code": "INDISPONIBLE"}]' or errors @> '[{"code": "ERREUR_INTERNE"}]');
