-- cmi5 course structures (one per imported package version; the package line and version numbering are the
-- package importer's), registrations per learner and course (cmi5 section 3 "Registration", 9.6.1) and launch
-- sessions with their one-time fetch token and session credential (8.1, 8.2).
create table manabi_cmi5_course_version (
    package_id      varchar(64)   not null primary key,
    line_id         varchar(64)   not null,
    course_id       varchar(64)   not null,
    owner_tenant_id varchar(128)  not null,
    version         integer       not null,
    course_iri      varchar(2000) not null,
    structure       ${json}       not null,
    imported_at     timestamp     not null
);
create index manabi_cmi5_version_line on manabi_cmi5_course_version (line_id, version);

create table manabi_cmi5_registration (
    registration varchar(36)  not null primary key,
    tenant_id    varchar(128) not null,
    learner_id   varchar(256) not null,
    course_id    varchar(64)  not null,
    created_at   timestamp    not null,
    constraint manabi_cmi5_registration_learner unique (tenant_id, learner_id, course_id)
);

create table manabi_cmi5_session (
    session_id      varchar(36)  not null primary key,
    registration    varchar(36)  not null references manabi_cmi5_registration (registration),
    package_id      varchar(64)  not null references manabi_cmi5_course_version (package_id),
    au_index        integer      not null,
    launch_mode     varchar(16)  not null,
    fetch_key_hash  varchar(64)  not null,
    fetched_at      timestamp,
    token_hash      varchar(64),
    expires_at      timestamp    not null,
    launched_at     timestamp    not null,
    constraint manabi_cmi5_session_fetch unique (fetch_key_hash)
);
create index manabi_cmi5_session_token on manabi_cmi5_session (token_hash);
