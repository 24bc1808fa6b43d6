package dev.manabi.badges;

import dev.manabi.core.SecretSealer;
import dev.manabi.core.Sql;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The issuers' Ed25519 signing keys (README "Open Badges 3.0"): one key pair per issuer, generated the first time the
 * issuer signs, its private half sealed at rest with {@link SecretSealer} (the issuer id is the associated data, so a
 * sealed key copied onto another issuer's row does not open). The public half is published in the issuer's did:web
 * document as the Multikey verification method {@link #KEY_ID}.
 *
 * <p>Ed25519 (RFC 8032) as vc-di-eddsa 2.1 requires for eddsa-rdfc-2022; the JDK's own provider (JEP 339) signs, so no
 * native or third-party crypto is involved. The private key is kept as its 32-byte seed (RFC 8032 5.1.5).
 */
final class IssuerKeys {

    private static final Logger LOG = Logger.getLogger(IssuerKeys.class.getName());
    /** The fragment of every issuer's first (and so far only) key: {@code <did>#key-1}. */
    static final String KEY_ID = "key-1";

    /** An issuer's key: the public half as Multikey, the private one ready to sign. */
    record IssuerKey(String issuerId, String keyId, String publicKeyMultibase, PrivateKey privateKey) {
    }

    /** The public half only, as the DID document publishes it. */
    record PublicKey(String issuerId, String keyId, String publicKeyMultibase) {
    }

    private final DataSource ds;
    private final Supplier<SecretSealer> sealer;
    private final Supplier<Instant> now;

    IssuerKeys(DataSource ds, Supplier<SecretSealer> sealer, Supplier<Instant> now) {
        this.ds = ds;
        this.sealer = sealer;
        this.now = now;
    }

    /**
     * The issuer's key, generated and stored when it has none. Two servers generating at once both try to insert;
     * the primary key keeps the first, and the other reads it back, so an issuer never has two keys.
     */
    IssuerKey key(String issuerId) {
        Optional<String[]> row = row(issuerId);
        if (row.isEmpty()) {
            generate(issuerId);
            row = row(issuerId);
        }
        String[] r = row.orElseThrow(() -> new IllegalStateException("the key of issuer " + issuerId
                + " was neither found nor stored"));
        String seed;
        try {
            seed = sealer.get().open(issuerId, r[2]);
        } catch (SecretSealer.Unreadable e) {
            throw new IllegalStateException("The signing key of badge issuer " + issuerId + " is unreadable: "
                    + e.getMessage() + " (manabi.badges.key-sealing.key changed?)", e);
        }
        return new IssuerKey(issuerId, r[0], r[1], privateKey(Base64.getDecoder().decode(seed)));
    }

    /** The issuer's public key, if it has signed anything yet. */
    Optional<PublicKey> publicKey(String issuerId) {
        return row(issuerId).map(r -> new PublicKey(issuerId, r[0], r[1]));
    }

    private void generate(String issuerId) {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 15+ platform", e);
        }
        byte[] seed = ((EdECPrivateKey) pair.getPrivate()).getBytes()
                .orElseThrow(() -> new IllegalStateException("the JDK did not reveal the generated Ed25519 seed"));
        byte[] spki = pair.getPublic().getEncoded();
        // X.509 SubjectPublicKeyInfo of Ed25519 (RFC 8410 4): a fixed 12-byte header, then the 32-byte key.
        String multikey = Multibase.ed25519PublicKey(Arrays.copyOfRange(spki, spki.length - 32, spki.length));
        String sealed = sealer.get().seal(issuerId, Base64.getEncoder().encodeToString(seed));
        Arrays.fill(seed, (byte) 0);
        boolean inserted;
        try {
            inserted = Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_badge_issuer_key (issuer_id,"
                    + " key_id, public_key_multibase, private_key_sealed, created_at) values (?, ?, ?, ?, ?)",
                    issuerId, KEY_ID, multikey, sealed, Timestamp.from(now.get())) == 1);
        } catch (RuntimeException raced) {
            // Another server stored the issuer's key first (primary key); theirs is the one.
            inserted = false;
        }
        if (inserted) {
            LOG.info(() -> "Generated the Open Badges 3.0 signing key of issuer " + issuerId + ": " + multikey);
        }
    }

    private Optional<String[]> row(String issuerId) {
        return Sql.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("select key_id, public_key_multibase, private_key_sealed"
                    + " from manabi_badge_issuer_key where issuer_id = ?")) {
                ps.setString(1, issuerId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                            : Optional.<String[]>empty();
                }
            }
        });
    }

    /** An Ed25519 private key from its 32-byte seed. */
    static PrivateKey privateKey(byte[] seed) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(
                    new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("not an Ed25519 seed", e);
        }
    }

}
