-- intake: a file that stops the same way on two resumes in a row (the JVM killed at the same row, the same failure)
-- is quarantined instead of resumed for ever (a crash loop). Each resume records how the previous attempt stopped.
alter table inbound_file drop constraint inbound_file_status_check;
alter table inbound_file add constraint inbound_file_status_check
    check (status in ('RECEIVED', 'PROCESSING', 'DONE', 'REJECTED', 'QUARANTINED'));
alter table inbound_file add column resume_attempts integer not null default 0;
-- How the last resume stopped: records journaled by then, and the failure code it ended with (null: killed).
alter table inbound_file add column resume_stop_position integer;
alter table inbound_file add column resume_stop_failure text;
-- The failure code the current attempt ended with, if it ended with one rather than with the JVM.
alter table inbound_file add column last_failure_code text;
