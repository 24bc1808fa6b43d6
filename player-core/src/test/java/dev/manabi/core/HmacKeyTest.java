package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15 (review 2, A1): a configured HMAC key has the stored key's form, and a configured key that is not the
 * stored one is refused rather than silently starting a second set of pseudonyms; generated keys are dated by the
 * injected clock.
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

    /**
     * Second review: the pseudonym key and the xAPI actor key, generated on first use, and their fingerprints are
     * dated by the bean's injected clock (DEVELOPING "time from an injected Clock"), not the machine's.
     */
    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void generatedKeysAreDatedByTheInjectedClock(DataSource ds, @TempDir Path content) {
        Instant then = Instant.parse("2021-04-05T06:07:08Z");
        Clock fixed = Clock.fixed(then, ZoneOffset.UTC);
        CoreFixtures core = new CoreFixtures(ds, content);
        core.pseudonyms.clock = fixed;
        core.outbox.clock = fixed;

        core.pseudonyms.of("a", "alice");
        core.outbox.accountName(new LearnerContext("alice@example.org", "Alice", "alice@example.org",
                new Tenant("a", "A"), Set.of(Role.LEARNER), null));

        List<String> names = List.of(Pseudonyms.KEY_SETTING, Pseudonyms.KEY_SETTING + HmacKey.FINGERPRINT_SUFFIX,
                StatementOutbox.ACTOR_KEY_SETTING, StatementOutbox.ACTOR_KEY_SETTING + HmacKey.FINGERPRINT_SUFFIX);
        Map<String, Instant> created = Sql.inTransaction(ds, c -> {
            Map<String, Instant> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("select setting_name, created_at from manabi_setting");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                }
            }
            return out;
        });
        assertThat(created).containsKeys(names.toArray(String[]::new));
        assertThat(names).allSatisfy(n -> assertThat(created.get(n)).as(n).isEqualTo(then));
    }
}
