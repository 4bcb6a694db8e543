-- directory: a professional may hold several roles (a France Travail counselor named as the prescriber and as the
-- employment counselor of the same referral): one row per e-mail and role. With one row per e-mail, each referral
-- flipped the row's role twice, so every intake rewrote and locked it (docs/benchmarks.md, the hot row).
drop index directory_referent_email;
create unique index directory_referent_email_role on directory_referent (lower(email), role);
create index directory_referent_email on directory_referent (lower(email));
