-- Installation-wide settings the SDK generates once and every server of the installation shares, such as the key
-- that signs content-origin capabilities (dev.manabi.core.ContentOrigin) when manabi.content.signing-key is not set.
create table manabi_setting (
    setting_name   varchar(100)  primary key,
    setting_value  varchar(2000) not null,
    created_at     timestamp     not null
);
