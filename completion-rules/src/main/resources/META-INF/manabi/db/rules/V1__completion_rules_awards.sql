-- A course's completion rules as the editors stored them (validated whole; README "Rules JSON").
create table manabi_rules_course (
    course_id   varchar(64)  primary key,
    rules_json  ${text}      not null,
    updated_by  varchar(256) not null,
    updated_at  timestamp    not null
);

-- What the rules already awarded (kind 'unit' with the unit id, or 'course' with ref ''), so events and statements
-- happen once per learner. An existing database's rows are copied here from the quiz engine's tables
-- (manabi_quiz_completion_rules, manabi_quiz_award) by the quiz module's V3, which runs after this one.
create table manabi_rules_award (
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
