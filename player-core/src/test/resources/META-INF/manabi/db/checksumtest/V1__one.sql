-- Fixture for SchemaMigratorTest.
create table checksum_one (id integer primary key);
