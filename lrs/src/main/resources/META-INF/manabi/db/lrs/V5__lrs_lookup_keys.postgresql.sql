-- Every statement write looks its ids and activities up ("statement_id in (...) and tenant_id = ?"). H2 uses an IN list
-- only on an index's first column (see V5__lrs_lookup_keys.sql); PostgreSQL gets the same keys so both databases
-- keep one schema: the same uniqueness with the id first.
alter table manabi_lrs_statement drop constraint manabi_lrs_statement_id;
alter table manabi_lrs_statement add constraint manabi_lrs_statement_id unique (statement_id, tenant_id);
alter table manabi_lrs_activity drop constraint manabi_lrs_activity_pkey;
alter table manabi_lrs_activity add primary key (activity_key, tenant_id);
