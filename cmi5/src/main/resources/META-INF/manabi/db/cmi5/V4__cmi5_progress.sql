-- The latest judgment of an AU in a registration (issue 14: progress facts): passed or failed (9.3.4, 9.3.5) and
-- the score of that statement (9.5.1), as the AU's own session token stated them. Completed, passed and waived
-- themselves are in manabi_cmi5_au_status; a failed AU and its score were not kept before.
create table manabi_cmi5_au_result (
    registration varchar(36)   not null references manabi_cmi5_registration (registration),
    au_id        varchar(2000) not null,
    success      boolean       not null,
    score        double precision,
    max_score    double precision,
    judged_at    timestamp     not null,
    primary key (registration, au_id)
);
