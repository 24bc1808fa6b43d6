-- One learner attempt on one course's SCORM package line, bound to the package version it started with.
create table manabi_scorm_attempt (
    id              varchar(64)  primary key,
    tenant_id       varchar(128) not null,
    learner_id      varchar(256) not null,
    course_id       varchar(64)  not null,
    line_id         varchar(64)  not null,
    package_id      varchar(64)  not null references manabi_scorm_package (id),
    number          integer      not null,
    finished        boolean      not null,
    current_item    varchar(512),
    completion      varchar(16)  not null,
    success         varchar(16)  not null,
    score_scaled    double precision,
    total_time_cs   bigint       not null,
    started_at      timestamp    not null,
    updated_at      timestamp    not null,
    finished_at     timestamp,
    unique (tenant_id, learner_id, course_id, line_id, number)
);

-- The run-time data of one SCO within an attempt: the CMI values as JSON, the session that may write them, and
-- report columns (status, score, time) so reports never parse JSON.
create table manabi_scorm_sco_attempt (
    attempt_id      varchar(64)  not null references manabi_scorm_attempt (id),
    item_id         varchar(512) not null,
    tenant_id       varchar(128) not null,
    model           varchar(8)   not null,
    cmi_json        ${text} not null,
    session_token   varchar(64),
    session_open    boolean      not null,
    last_sequence   bigint       not null,
    sessions        integer      not null,
    exit_value      varchar(16),
    completion      varchar(16)  not null,
    success         varchar(16)  not null,
    score_scaled    double precision,
    score_raw       double precision,
    total_time_cs   bigint       not null,
    updated_at      timestamp    not null,
    primary key (attempt_id, item_id)
);

-- SCORM 2004 4th Edition shared data buckets (adl.data), per learner and target id (CAM 3.4.1.24, RTE 4.3).
create table manabi_scorm_shared_data (
    tenant_id       varchar(128) not null,
    learner_id      varchar(256) not null,
    target_id       varchar(512) not null,
    store           ${text},
    updated_at      timestamp    not null,
    primary key (tenant_id, learner_id, target_id)
);
