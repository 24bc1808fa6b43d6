-- Every statement write looks its ids and activities up ("statement_id in (...) and tenant_id = ?"). H2 uses an IN list
-- only on an index's first column: with (tenant_id, statement_id) it read every statement of the tenant (issue 11's
-- load profile: the drain's cost grew with the LRS). The same uniqueness with the id first serves both databases.
alter table manabi_lrs_statement drop constraint manabi_lrs_statement_id;
alter table manabi_lrs_statement add constraint manabi_lrs_statement_id unique (statement_id, tenant_id);
alter table manabi_lrs_activity drop primary key;
alter table manabi_lrs_activity add primary key (activity_key, tenant_id);
