-- Issue 15 (review 2, A2): the creator of a records credential is recorded as (institution, id); a platform admin
-- may create one for another institution. Earlier rows are taken as created by an admin of the row's institution.
alter table manabi_records_credential add column created_by_tenant varchar(128);
update manabi_records_credential set created_by_tenant = tenant_id;
