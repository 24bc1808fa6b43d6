create table checksum_two (id integer primary key, note ${text});
