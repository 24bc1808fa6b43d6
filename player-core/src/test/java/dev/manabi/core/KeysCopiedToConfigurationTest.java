package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Review 2 (issue 15, README "Keys kept outside the database"): the README tells operators of an installation whose
 * HMAC keys were generated into {@code manabi_setting} to "copy it out of manabi_setting into the configuration,
 * then delete the row". Doing exactly that must leave every pseudonym and every hashed xAPI account name as it was
 * ("a changed key changes every later pseudonym and hashed name (the learner's records would no longer be found
 * together)"). Fails on the merged code: the stored value is the Base64 of the key bytes and is decoded, while a
 * configured value is used as its UTF-8 bytes, so the copied value is a different key.
 */
class KeysCopiedToConfigurationTest {

    private static final LearnerContext MAIL_ID = new LearnerContext("kim@uni-a.example", "Kim", "kim@uni-a.example",
            new Tenant("uni-a", "University A"), Set.of(Role.LEARNER), null);

    @TempDir
    Path content;

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void thePseudonymKeyCopiedFromTheDatabaseKeepsThePseudonyms(DataSource ds) {
        CoreFixtures core = new CoreFixtures(ds, content);
        String before = core.pseudonyms.of("uni-a", "alice");

        Pseudonyms configured = new Pseudonyms();
        configured.database = core.database;
        configured.config = config(Map.of(Pseudonyms.KEY_PROPERTY, stored(ds, Pseudonyms.KEY_SETTING)));

        assertThat(configured.of("uni-a", "alice")).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void theActorKeyCopiedFromTheDatabaseKeepsTheHashedAccountNames(DataSource ds) {
        CoreFixtures core = new CoreFixtures(ds, content);
        String before = core.outbox.accountName(MAIL_ID);
        assertThat(before).as("precondition: a mail-like id is hashed").doesNotContain("kim");

        StatementOutbox configured = CoreFixtures.outbox(ds);
        configured.config = config(Map.of(StatementOutbox.ACTOR_KEY_PROPERTY, stored(ds, StatementOutbox.ACTOR_KEY_SETTING)));

        assertThat(configured.accountName(MAIL_ID)).isEqualTo(before);
    }

    private static String stored(DataSource ds, String setting) {
        return Sql.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("select setting_value from manabi_setting"
                    + " where setting_name = ?")) {
                ps.setString(1, setting);
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("generated key " + setting).isTrue();
                    return rs.getString(1);
                }
            }
        });
    }

    private static Config config(Map<String, String> values) {
        return (Config) Proxy.newProxyInstance(KeysCopiedToConfigurationTest.class.getClassLoader(),
                new Class<?>[] {Config.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getOptionalValue")) {
                        return Optional.ofNullable(values.get((String) args[0]));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
