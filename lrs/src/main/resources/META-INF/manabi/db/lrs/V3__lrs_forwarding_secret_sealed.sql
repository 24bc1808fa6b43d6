-- Forwarding endpoints' Basic secrets sealed at rest (AES-256-GCM, dev.manabi.lrs.ForwardingSecrets) instead of kept
-- in clear. api_secret_sealed holds "v1:<key id>:<Base64 of nonce, ciphertext and tag>", sealed with the endpoint id
-- as associated data. Rows written before this version still have their secret in api_secret: the LRS seals each
-- of them once at start (it needs the key, which SQL does not have) and clears api_secret.
alter table manabi_lrs_forward_endpoint add column api_secret_sealed varchar(4000);
alter table manabi_lrs_forward_endpoint alter column api_secret drop not null;
