-- What the cmi5 statement rules (cmi5 Quartz section 9.3 "Verbs": order within a session and a registration) and
-- the LMS's own statements (satisfied 9.3.9, abandoned 9.3.6, waived 9.3.7) need to remember.
-- A registration may now be named by an automation client (several per learner and course, 3 "Registration"),
-- and it keeps the xAPI agent its statements are about (8.1 actor).
alter table manabi_cmi5_registration drop constraint manabi_cmi5_registration_learner;
create index manabi_cmi5_registration_by_learner on manabi_cmi5_registration (tenant_id, learner_id, course_id);
alter table manabi_cmi5_registration add column actor varchar(2000);

-- A session's course through its AU statements: initialized (9.3.2), one of passed/failed (9.3), terminated
-- (9.3.8) or abandoned (9.3.6) by the LMS, and the time of its last statement (9.5.4.2 abandoned duration, the
-- session timeout).
alter table manabi_cmi5_session add column initialized_at timestamp;
alter table manabi_cmi5_session add column judged varchar(8);
alter table manabi_cmi5_session add column terminated_at timestamp;
alter table manabi_cmi5_session add column abandoned_at timestamp;
alter table manabi_cmi5_session add column last_statement_at timestamp;
create index manabi_cmi5_session_registration on manabi_cmi5_session (registration);
create index manabi_cmi5_session_open on manabi_cmi5_session (terminated_at, abandoned_at, last_statement_at);

-- Per registration and AU (publisher id, 13.1.4): completed and passed at most once (9.3.3, 9.3.4), waived at
-- most once (9.3.7).
create table manabi_cmi5_au_status (
    registration varchar(36)   not null references manabi_cmi5_registration (registration),
    au_id        varchar(2000) not null,
    completed_at timestamp,
    passed_at    timestamp,
    waived_at    timestamp,
    primary key (registration, au_id)
);

-- The blocks and the course a registration has satisfied (9.3.9: not stated twice), by their LMS activity ids.
create table manabi_cmi5_satisfied (
    registration varchar(36)   not null references manabi_cmi5_registration (registration),
    object_id    varchar(2000) not null,
    satisfied_at timestamp     not null,
    primary key (registration, object_id)
);
