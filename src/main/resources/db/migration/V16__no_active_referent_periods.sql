-- handoff watch: the silent period an alert was raised for (whole periods since the last activity), so that the
-- watchdog's query leaves out the people already signalled for their current period and reaches everyone.
alter table no_active_referent_alert add column periods integer;
update no_active_referent_alert set periods = cast(regexp_replace(period_key, '^.*:', '') as integer);
alter table no_active_referent_alert alter column periods set not null;
create index no_active_referent_alert_period on no_active_referent_alert (beneficiary_id, last_activity_at, periods);
