package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 (review 2, A1): a configured HMAC key has the stored key's form, and a configured key that is not the
 * stored one is refused rather than silently starting a second set of pseudonyms.
 */
class HmacKeyTest {

    private static final String PROPERTY = "manabi.privacy.pseudonym-key";
    private static final String SETTING = "test.hmac-key";
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aConfiguredKeyThatDiffersFromTheStoredOneIsRefused(DataSource ds) {
        byte[] stored = HmacKey.resolve(Optional.empty(), PROPERTY, ds, SETTING, NOW);
        String other = Base64.getEncoder().encodeToString(new byte[32]);

        assertThatThrownBy(() -> HmacKey.resolve(Optional.of(other), PROPERTY, ds, SETTING, NOW))
                .isInstanceOfSatisfying(HmacKey.Misconfigured.class, e -> {
                    assertThat(e.reason()).isEqualTo(HmacKey.REASON_DIFFERS);
                    assertThat(e.getMessage()).contains(PROPERTY, SETTING);
                });
        assertThat(HmacKey.resolve(Optional.of(Base64.getEncoder().encodeToString(stored)), PROPERTY, ds, SETTING,
                NOW)).as("the stored value copied as it is").isEqualTo(stored);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aConfiguredKeyMustBeBase64OfThirtyTwoBytesOrMarkedAsText(DataSource ds) {
        for (String bad : new String[] {"not base64 at all!", Base64.getEncoder().encodeToString(new byte[16]),
                "text:short"}) {
            assertThatThrownBy(() -> HmacKey.resolve(Optional.of(bad), PROPERTY, ds, "test.text-key", NOW)).as(bad)
                    .isInstanceOfSatisfying(HmacKey.Misconfigured.class,
                            e -> assertThat(e.reason()).isEqualTo(HmacKey.REASON_MALFORMED));
        }
        String legacy = "a plain passphrase configured before keys were Base64";
        assertThat(HmacKey.resolve(Optional.of("text:" + legacy), PROPERTY, ds, "test.text-key", NOW))
                .isEqualTo(legacy.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aConfiguredKeyGeneratesNoRow(DataSource ds) {
        HmacKey.resolve(Optional.of(Base64.getEncoder().encodeToString(new byte[40])), PROPERTY, ds, "test.unused",
                NOW);

        assertThat(Sql.<Optional<String>>inTransaction(ds, c -> ContentOrigin.readSetting(c, "test.unused"))).isEmpty();
    }

    /**
     * The README's way of keeping a key out of the database ends with deleting the stored row; a configured key
     * changed after that is still refused, by the fingerprint of the key first used.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void aKeyChangedAfterTheStoredRowWasDeletedIsRefused(DataSource ds) {
        byte[] stored = HmacKey.resolve(Optional.empty(), PROPERTY, ds, "test.copied", NOW);
        String copied = Base64.getEncoder().encodeToString(stored);
        Sql.inTransaction(ds, c -> Sql.update(c, "delete from manabi_setting where setting_name = ?", "test.copied"));

        assertThat(HmacKey.resolve(Optional.of(copied), PROPERTY, ds, "test.copied", NOW)).isEqualTo(stored);
        String changed = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> HmacKey.resolve(Optional.of(changed), PROPERTY, ds, "test.copied", NOW))
                .isInstanceOfSatisfying(HmacKey.Misconfigured.class, e -> {
                    assertThat(e.reason()).isEqualTo(HmacKey.REASON_DIFFERS);
                    assertThat(e.getMessage()).contains("test.copied.fingerprint");
                });
        assertThat(Sql.<Optional<String>>inTransaction(ds, c -> ContentOrigin.readSetting(c,
                "test.copied.fingerprint"))).contains(HmacKey.fingerprint(stored)).get().asString().hasSize(16);
    }
}
