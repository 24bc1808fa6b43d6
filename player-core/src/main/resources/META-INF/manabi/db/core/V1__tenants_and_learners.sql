create table manabi_tenant (
    id          varchar(128) primary key,
    name        varchar(400) not null,
    created_at  timestamp    not null
);

create table manabi_learner (
    tenant_id     varchar(128) not null references manabi_tenant (id),
    learner_id    varchar(256) not null,
    display_name  varchar(400) not null,
    mail          varchar(400),
    ui_language   varchar(16),
    first_seen    timestamp    not null,
    last_seen     timestamp    not null,
    primary key (tenant_id, learner_id)
);
