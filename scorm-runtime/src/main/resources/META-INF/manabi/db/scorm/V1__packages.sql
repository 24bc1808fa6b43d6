-- A package line: all versions of one package (same manifest identifier, same owner tenant, same course variant).
-- The line id is the course component ref (kind 'scorm').
create table manabi_scorm_line (
    id                   varchar(64)  primary key,
    owner_tenant_id      varchar(128) not null,
    manifest_identifier  varchar(512) not null,
    course_id            varchar(64)  not null references manabi_course (id),
    language             varchar(16),
    created_at           timestamp    not null
);

create index manabi_scorm_line_manifest on manabi_scorm_line (owner_tenant_id, manifest_identifier);

-- One imported version; its files lie under <content root>/packages/<id>/ and never change.
create table manabi_scorm_package (
    id                   varchar(64)  primary key,
    line_id              varchar(64)  not null references manabi_scorm_line (id),
    version              integer      not null,
    edition              varchar(32)  not null,
    title_json           varchar(8000) not null,
    tree_json            ${text} not null,
    problems_json        ${text} not null,
    file_count           integer      not null,
    content_bytes        bigint       not null,
    imported_by          varchar(256) not null,
    imported_at          timestamp    not null,
    unique (line_id, version)
);
