-- Issue 14 review: the attachments each statement declares, one row per declaration. Contents stay in
-- manabi_lrs_attachment once per institution and SHA-2 (bytes are never duplicated); what differs per statement is
-- kept here: the content type the statement declared (answered with the part, instead of the first uploader's) and
-- whether the content came with the statement (declared without fileUrl: its sender held the bytes). A session's
-- attachment check reads this table by (tenant, sha2) instead of scanning statement bodies.
-- Statements stored before this version are indexed once by the LRS itself (JSON arrays cannot be unnested in
-- portable SQL); manabi_lrs_upgrade records that it ran.
create table manabi_lrs_statement_attachment (
    seq          bigint not null,
    item_no      integer not null,
    tenant_id    varchar(128) not null,
    sha2         varchar(128) not null,
    content_type varchar(255) not null,
    with_content boolean not null,
    primary key (seq, item_no)
);
create index manabi_lrs_statement_attachment_sha2 on manabi_lrs_statement_attachment (tenant_id, sha2);

create table manabi_lrs_upgrade (
    step    varchar(64) not null primary key,
    done_at timestamp not null
);
