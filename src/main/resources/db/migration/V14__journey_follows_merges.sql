-- journey: events recorded on a record that was later merged follow it to the survivor; merged_from remembers
-- where they came from, so that undoing the merge takes them back.
alter table journey_event add column merged_from uuid references beneficiary (id);
