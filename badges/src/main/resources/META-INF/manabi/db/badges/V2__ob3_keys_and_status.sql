-- Open Badges 3.0 (README "Open Badges 3.0"): one Ed25519 key pair per issuer (an institution, or the platform),
-- generated on first need. The private key is sealed (SecretSealer, AES-256-GCM bound to the issuer id); the public
-- key is published as the Multikey verification method <key_id> of the issuer's did:web document. key_id never
-- changes for a row, so credentials signed with it keep resolving.
create table manabi_badge_issuer_key (
    issuer_id             varchar(128)  primary key,
    key_id                varchar(64)   not null,
    public_key_multibase  varchar(128)  not null,
    private_key_sealed    varchar(512)  not null,
    created_at            timestamp     not null
);

-- Each credential's bit in its issuer's revocation status list (W3C Bitstring Status List v1.0,
-- "BitstringStatusListEntry" statusListIndex): allocated once, the first time the credential is made; the bit is
-- set when the assertion is revoked (manabi_badge_assertion.revoked_at), so revocation needs no second write.
create table manabi_badge_status (
    issuer_id     varchar(128) not null,
    status_index  integer      not null,
    assertion_id  varchar(36)  not null references manabi_badge_assertion (id),
    primary key (issuer_id, status_index),
    constraint manabi_badge_status_once unique (assertion_id)
);
