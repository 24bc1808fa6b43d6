create table manabi_course (
    id                varchar(64)  primary key,
    owner_tenant_id   varchar(128) not null references manabi_tenant (id),
    title_json        varchar(8000) not null,
    default_language  varchar(16),
    visibility        varchar(16)  not null,
    created_by        varchar(256) not null,
    created_at        timestamp    not null
);

create table manabi_course_share (
    course_id  varchar(64)  not null references manabi_course (id),
    tenant_id  varchar(128) not null,
    primary key (course_id, tenant_id)
);

create table manabi_course_component (
    course_id  varchar(64)  not null references manabi_course (id),
    position   integer      not null,
    kind       varchar(32)  not null,
    ref        varchar(128) not null,
    language   varchar(16),
    primary key (course_id, position)
);

create index manabi_course_component_ref on manabi_course_component (kind, ref);

create table manabi_progress_fact (
    tenant_id   varchar(128) not null,
    learner_id  varchar(256) not null,
    course_id   varchar(64)  not null,
    kind        varchar(32)  not null,
    ref         varchar(128) not null,
    completed   boolean      not null,
    passed      boolean,
    score       double precision,
    max_score   double precision,
    updated_at  timestamp    not null,
    primary key (tenant_id, learner_id, course_id, kind, ref)
);
