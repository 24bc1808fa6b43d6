package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SecretSealerTest {

    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

    private static SecretSealer key(char fill) {
        return SecretSealer.ofKey(String.valueOf(fill).repeat(32).getBytes(StandardCharsets.US_ASCII));
    }

    /** README "Keys kept outside the database": a key generated into the database it protects is warned about. */
    @Test
    void aKeyKeptInTheDatabaseItProtectsIsWarnedAbout() {
        assertThat(SecretSealer.keptInDatabaseWarning(Optional.empty(), "manabi.privacy.pseudonym-key",
                "makes the pseudonyms")).hasValueSatisfying(w -> assertThat(w)
                .contains("manabi.privacy.pseudonym-key", "manabi_setting", "Keys kept outside the database"));
        assertThat(SecretSealer.keptInDatabaseWarning(Optional.of("  "), "k", "x")).isPresent();
        assertThat(SecretSealer.keptInDatabaseWarning(Optional.of("c2VjcmV0"), "k", "x")).isEmpty();
    }

    @Test
    void opensOnlyForTheSameKeyAndAssociatedData() throws Exception {
        SecretSealer sealer = key('a');
        String sealed = sealer.seal("row-1", "secret");
        assertThat(sealed).startsWith("v1:" + sealer.keyId() + ":").doesNotContain("secret");
        assertThat(sealer.seal("row-1", "secret")).as("a fresh nonce each time").isNotEqualTo(sealed);
        assertThat(sealer.open("row-1", sealed)).isEqualTo("secret");

        assertThatThrownBy(() -> sealer.open("row-2", sealed)).isInstanceOf(SecretSealer.Unreadable.class)
                .satisfies(e -> assertThat(((SecretSealer.Unreadable) e).reason())
                        .isEqualTo(SecretSealer.Reason.DOES_NOT_OPEN));
        assertThatThrownBy(() -> key('b').open("row-1", sealed)).satisfies(e -> assertThat(
                ((SecretSealer.Unreadable) e).reason()).isEqualTo(SecretSealer.Reason.OTHER_KEY));
        assertThatThrownBy(() -> sealer.open("row-1", "secret")).satisfies(e -> assertThat(
                ((SecretSealer.Unreadable) e).reason()).isEqualTo(SecretSealer.Reason.NOT_SEALED));
        byte[] body = Base64.getDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));
        body[body.length - 1] ^= 1;
        String altered = sealed.substring(0, sealed.lastIndexOf(':') + 1) + Base64.getEncoder().encodeToString(body);
        assertThatThrownBy(() -> sealer.open("row-1", altered)).satisfies(e -> assertThat(
                ((SecretSealer.Unreadable) e).reason()).isEqualTo(SecretSealer.Reason.DOES_NOT_OPEN));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theGeneratedKeyIsKeptSoEveryServerAgrees(DataSource ds) throws Exception {
        SecretSealer first = SecretSealer.open(Optional.empty(), "test.key", ds, "test.sealing-key", NOW);
        SecretSealer second = SecretSealer.open(Optional.of(" "), "test.key", ds, "test.sealing-key", NOW);
        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.open("x", first.seal("x", "shared"))).isEqualTo("shared");
        SecretSealer other = SecretSealer.open(Optional.empty(), "test.key", ds, "test.other-key", NOW);
        assertThat(other.keyId()).isNotEqualTo(first.keyId());

        String configured = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(SecretSealer.open(Optional.of(configured), "test.key", ds, "test.sealing-key", NOW).keyId())
                .isEqualTo(SecretSealer.ofKey(new byte[32]).keyId());
        assertThatThrownBy(() -> SecretSealer.open(Optional.of("c2hvcnQ="), "test.key", ds, "test.sealing-key", NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("test.key must be the Base64 of 32");
    }
}
