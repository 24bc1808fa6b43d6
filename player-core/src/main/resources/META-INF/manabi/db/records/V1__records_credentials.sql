-- HTTP Basic credentials an institution's admin issues for the institution's own systems to read learning records
-- (README "Learning records"): read-only, the records endpoints only, that institution's members only. The secret is
-- stored as a salted SHA-256 (ApiSecrets), shown once when issued.
create table manabi_records_credential (
    id           varchar(36)  primary key,
    tenant_id    varchar(128) not null,
    api_key      varchar(64)  not null unique,
    secret_salt  varchar(64)  not null,
    secret_hash  varchar(64)  not null,
    label        varchar(200) not null,
    created_by   varchar(256) not null,
    created_at   timestamp    not null,
    revoked_at   timestamp
);
create index manabi_records_credential_tenant on manabi_records_credential (tenant_id);
