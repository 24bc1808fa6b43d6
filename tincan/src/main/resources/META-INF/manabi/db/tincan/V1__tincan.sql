-- tincan.xml packages: the typed tincan.xml of each imported package version (the package line and version
-- numbering are the package importer's), the learners' registrations per course (the launch's `registration`,
-- with the standing their statements about the root activity give) and the short-lived LRS credentials handed
-- out as the launch's `auth` (Rustici, "Incorporating a TinCan LRS into an LMS", section "Launch").
create table manabi_tincan_version (
    package_id       varchar(64)   not null primary key,
    line_id          varchar(64)   not null,
    course_id        varchar(64)   not null,
    owner_tenant_id  varchar(128)  not null,
    version          integer       not null,
    root_activity_id varchar(1024) not null,
    tincan           ${json}       not null,
    imported_at      timestamp     not null
);
create index manabi_tincan_version_line on manabi_tincan_version (line_id, version);

create table manabi_tincan_registration (
    registration varchar(36)   not null primary key,
    tenant_id    varchar(128)  not null,
    learner_id   varchar(256)  not null,
    course_id    varchar(64)   not null,
    line_id      varchar(64)   not null,
    activity_id  varchar(1024) not null,
    account_name varchar(256)  not null,
    completed    boolean       not null,
    success      boolean,
    score        double precision,
    max_score    double precision,
    created_at   timestamp     not null,
    updated_at   timestamp     not null
);
create index manabi_tincan_registration_learner on manabi_tincan_registration (tenant_id, learner_id, course_id);

create table manabi_tincan_credential (
    credential_id varchar(36) not null primary key,
    registration  varchar(36) not null references manabi_tincan_registration (registration),
    secret_hash   varchar(64) not null,
    issued_at     timestamp   not null,
    expires_at    timestamp   not null
);
