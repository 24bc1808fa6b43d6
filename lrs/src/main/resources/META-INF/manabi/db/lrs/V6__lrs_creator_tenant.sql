-- Issue 15 (review 2, A2): a platform admin may create a credential or forwarding endpoint for another institution,
-- and learner ids are unique only within an institution, so the creator is recorded as (institution, id).
-- Earlier rows are taken as created by an admin of the row's institution.
alter table manabi_lrs_credential add column created_by_tenant varchar(128);
update manabi_lrs_credential set created_by_tenant = tenant_id;
alter table manabi_lrs_forward_endpoint add column created_by_tenant varchar(128);
update manabi_lrs_forward_endpoint set created_by_tenant = tenant_id;
