create table manabi_book (
    id               varchar(64)  primary key,
    owner_tenant_id  varchar(128) not null,
    book_key         varchar(64),
    definition       ${text} not null,
    created_by       varchar(256) not null,
    created_at       timestamp    not null
);

create unique index manabi_book_key on manabi_book (owner_tenant_id, book_key);

-- What one learner watched of one topic, within one course (progress belongs to the course).
create table manabi_book_watch (
    tenant_id        varchar(128) not null,
    learner_id       varchar(256) not null,
    course_id        varchar(64)  not null,
    book_id          varchar(64)  not null references manabi_book (id),
    topic_id         varchar(64)  not null,
    watched          ${text},
    watched_seconds  double precision not null,
    position_seconds double precision not null,
    completed        boolean      not null,
    session_id       varchar(64)  not null,
    sequence_no      bigint       not null,
    updated_at       timestamp    not null,
    primary key (tenant_id, learner_id, course_id, book_id, topic_id)
);

-- Each learner's watch credit: seconds of video that wall-clock time since the last report can account for.
create table manabi_book_watch_credit (
    tenant_id        varchar(128) not null,
    learner_id       varchar(256) not null,
    credit_seconds   double precision not null,
    credit_at        timestamp    not null,
    primary key (tenant_id, learner_id)
);
