-- W3C Bitstring Status List v1.0 section 3 ("statusListIndex"): a credential's bit outlives its assertion. When an
-- assertion is erased or expires (README "Personal data") its manabi_badge_status row moves here: the bit stays set
-- (the credential no longer exists: verifiers are told it is revoked) and the index is never allocated again.
create table manabi_badge_status_tombstone (
    issuer_id     varchar(128) not null,
    status_index  integer      not null,
    primary key (issuer_id, status_index)
);
