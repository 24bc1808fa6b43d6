-- Withdrawn badges (README "Personal data", badges/README.md "Personal data"). A learner's personal data leaves the
-- badges with them, and a badge nobody can be matched to any more is withdrawn rather than left hosted:
--  * anonymized (account deleted, records kept): the assertion row stays under the pseudonym, its recipient salt
--    and hash (the only thing that names the learner: a hash of their mail) are cleared and withdrawn_at is set;
--  * erased or expired: the row is deleted and only its id stays here, so the hosted URLs answer 410 Gone instead of
--    404 (OB 2.0 hosted verification reads 410 with "revoked": true as revoked). The id is a random UUID that no
--    longer leads to anyone.
-- Either way the OB 3.0 status bit is set (W3C Bitstring Status List v1.0: the tombstone of V3, or the kept row's
-- bit), so copies of the signed credential no longer verify.
alter table manabi_badge_assertion alter column recipient_salt drop not null;
alter table manabi_badge_assertion alter column recipient_hash drop not null;
alter table manabi_badge_assertion add column withdrawn_at timestamp;

create table manabi_badge_withdrawn (
    assertion_id  varchar(36) primary key,
    withdrawn_at  timestamp   not null
);
