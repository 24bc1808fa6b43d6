-- Badge classes declared in courses' completion rules (README "Badges"); one row per course and badge id, kept when
-- the rules drop the badge (declared = false) so assertions already issued still resolve.
create table manabi_badge_class (
    id               varchar(36)   primary key,
    course_id        varchar(64)   not null,
    badge_key        varchar(64)   not null,
    owner_tenant_id  varchar(128)  not null,
    issuer_id        varchar(128)  not null,
    declaration      ${text}       not null,
    declared         boolean       not null,
    updated_at       timestamp     not null,
    constraint manabi_badge_class_key unique (course_id, badge_key)
);

-- What completion rules said a learner achieved (unit:<id>, course-completed, course-passed), so a badge declared
-- later is issued on the learner's next progress.
create table manabi_badge_achievement (
    tenant_id    varchar(128) not null,
    learner_id   varchar(256) not null,
    course_id    varchar(64)  not null,
    achievement  varchar(80)  not null,
    achieved_at  timestamp    not null,
    primary key (tenant_id, learner_id, course_id, achievement)
);

-- Issued badges (Open Badges 2.0 Assertions). The unique key issues a badge once per learner, also under
-- concurrent events.
create table manabi_badge_assertion (
    id                 varchar(36)   primary key,
    badge_class_id     varchar(36)   not null references manabi_badge_class (id),
    tenant_id          varchar(128)  not null,
    learner_id         varchar(256)  not null,
    recipient_salt     varchar(64)   not null,
    recipient_hash     varchar(80)   not null,
    mail_placeholder   boolean       not null,
    issued_on          timestamp     not null,
    revoked_at         timestamp,
    revocation_reason  varchar(1000),
    revoked_by         varchar(256),
    constraint manabi_badge_assertion_once unique (badge_class_id, tenant_id, learner_id)
);
create index manabi_badge_assertion_tenant on manabi_badge_assertion (tenant_id, issued_on);
