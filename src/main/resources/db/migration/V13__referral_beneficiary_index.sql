-- referral: a beneficiary's referrals are read on every match (candidate scoring, record values, partners of a
-- person) and by the no-active-referent watchdog; without this index each of those reads scans every referral.
create index referral_beneficiary on referral (beneficiary_id);
