-- partner: an API key is rotated with two keys active for a while, the new one (CURRENT) and the one partners may
-- still send (PREVIOUS); see docs/security.md, "People and roles".
alter table partner_credential add column slot text not null default 'CURRENT'
    check (slot in ('CURRENT', 'PREVIOUS'));
alter table partner_credential drop constraint partner_credential_pkey;
alter table partner_credential add primary key (partner_id, kind, slot);

-- partner: one removed from configuration keeps its row (referrals and handoffs refer to it) but loses every
-- credential at the next start; removed_at says since when.
alter table partner add column removed_at timestamptz;
