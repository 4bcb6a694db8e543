-- retention (docs/operations.md "Retention"): a raw payload's body is emptied after its tier's days; its metadata
-- (partner, channel, digest, size, time, outcome) stays. intake prunes its own table, the retention module decides when.
alter table raw_message add column payload_pruned_at timestamptz;
create index raw_message_payload_kept on raw_message (partner_id, received_at) where payload_pruned_at is null;
