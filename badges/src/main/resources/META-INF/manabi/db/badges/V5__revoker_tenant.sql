-- Issue 15 (review 2, A2): learner ids are unique only within an institution, and an admin of the issuing
-- institution may revoke the badge of another institution's learner, so the revoker is recorded as (institution, id).
-- Earlier revocations are taken as made by an admin of the learner's institution (the only case documented before).
alter table manabi_badge_assertion add column revoked_by_tenant varchar(128);
update manabi_badge_assertion set revoked_by_tenant = tenant_id where revoked_by is not null;
