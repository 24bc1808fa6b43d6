-- Quizzes are owned by the importing tenant; each import is a new immutable version that attempts pin.
create table manabi_quiz (
    id               varchar(100) primary key,
    owner_tenant_id  varchar(128) not null,
    current_version  integer      not null,
    created_by       varchar(256) not null,
    created_at       timestamp    not null
);

create table manabi_quiz_version (
    quiz_id          varchar(100) not null references manabi_quiz (id),
    version          integer      not null,
    definition_json  ${text}         not null,
    imported_by      varchar(256) not null,
    imported_at      timestamp    not null,
    primary key (quiz_id, version)
);

-- course_id is '' for an author's preview outside any course. The unique number per learner, quiz and course
-- makes two simultaneous starts collide instead of both slipping past the attempt limit.
create table manabi_quiz_attempt (
    id              varchar(64)   primary key,
    tenant_id       varchar(128)  not null,
    learner_id      varchar(256)  not null,
    quiz_id         varchar(100)  not null references manabi_quiz (id),
    quiz_version    integer       not null,
    course_id       varchar(64)   not null,
    attempt_number  integer       not null,
    seed            bigint        not null,
    question_ids    varchar(8000) not null,
    responses_json  ${text}          not null,
    checked_json    varchar(8000) not null,
    status          varchar(16)   not null,
    started_at      timestamp     not null,
    deadline_at     timestamp,
    submitted_at    timestamp,
    timed_out       boolean       not null,
    score           double precision,
    max_score       double precision,
    passed          boolean,
    result_json     ${text},
    unique (tenant_id, learner_id, quiz_id, course_id, attempt_number)
);

create index manabi_quiz_attempt_report on manabi_quiz_attempt (quiz_id, tenant_id);

create table manabi_quiz_completion_rules (
    course_id   varchar(64)  primary key,
    rules_json  ${text}         not null,
    updated_by  varchar(256) not null,
    updated_at  timestamp    not null
);

-- What completion rules already awarded (kind 'unit' with the unit id, or 'course' with ref ''), so events fire once.
create table manabi_quiz_award (
    tenant_id   varchar(128) not null,
    learner_id  varchar(256) not null,
    course_id   varchar(64)  not null,
    kind        varchar(16)  not null,
    ref         varchar(128) not null,
    passed      boolean      not null,
    score       double precision,
    awarded_at  timestamp    not null,
    primary key (tenant_id, learner_id, course_id, kind, ref)
);
