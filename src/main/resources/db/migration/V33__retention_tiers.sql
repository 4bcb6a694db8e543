-- retention (docs/operations.md "Retention"): the tiers added to payload bodies and record details. Each table is
-- pruned by its owner; these are the columns and indexes their bounded batches use (one index scan per batch).

-- handoff: a finished handoff's payload (the person's data) is replaced by a minimal one after its tier.
alter table handoff add column payload_pruned_at timestamptz;
create index handoff_payload_kept on handoff (coalesce(acknowledged_at, delivered_at))
    where payload_pruned_at is null and status in ('DELIVERED', 'ACKNOWLEDGED', 'DECLINED');
-- handoff: the attempts of finished handoffs go with the journal's metadata tier, oldest first.
create index handoff_attempt_at on handoff_attempt (at);

-- intake: record details emptied oldest first (the record-details batch had no index of its own).
create index inbound_record_cells_kept on inbound_record (processed_at) where cells_sealed is not null;
-- intake: a stored reject report is emptied with the record-details tier; the file says when.
alter table inbound_file add column report_pruned_at timestamptz;
create index inbound_file_report_kept on inbound_file (finished_at) where report_sealed is not null;
-- intake: messages no referral revision references (rejected, duplicates, resolved failures, files with no row
-- accepted) are deleted with the journal's metadata tier; a referral's provenance lives as long as the referral.
create index raw_message_journal_only on raw_message (received_at)
    where outcome in ('REJECTED', 'DUPLICATE', 'FAILED', 'DONE');

-- journal: finished batch replays and replays, deleted with the metadata tier; what still names a message.
create index replay_job_finished on replay_job (finished_at) where state in ('DONE', 'CANCELLED');
create index replay_finished on replay (finished_at) where finished_at is not null;
create index replay_by_job on replay (job_id) where job_id is not null;
create index replay_job_item_replay on replay_job_item (replay_id) where replay_id is not null;
create index replay_replay_message on replay (replay_message_id) where replay_message_id is not null;

-- alert: resolved alerts and their notifications, deleted with the metadata tier.
create index alert_resolved on alert (resolved_at) where resolved_at is not null;
create index alert_notification_alert on alert_notification (alert_id);
