package dev.manabi.lrs;

import static dev.manabi.lrs.ForwardingOutboxTest.caller;
import static dev.manabi.lrs.ForwardingOutboxTest.settings;
import static dev.manabi.lrs.ForwardingOutboxTest.statement;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.core.Sql;
import dev.manabi.core.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Forwarding endpoints' Basic secrets are sealed at rest (AES-GCM) and still authenticate the delivery. */
class ForwardingSecretsTest {

    /** Every column of the endpoint's row, as text. */
    private static List<String> row(DataSource ds, String id) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select * from manabi_lrs_forward_endpoint where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(String.valueOf(rs.getString(i)));
                }
            }
        }
        return values;
    }

    private static String sealed(DataSource ds, String id) {
        return Sql.inTransaction(ds, c -> {
            try (PreparedStatement ps = c.prepareStatement("select api_secret_sealed, api_secret"
                    + " from manabi_lrs_forward_endpoint where id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    assertThat(rs.getString(2)).as("the clear column").isNull();
                    return rs.getString(1);
                }
            }
        });
    }

    private static Optional<ForwardingOutbox.Target> target(TestLrs lrs, DataSource ds, String id) {
        return Sql.inTransaction(ds, c -> ForwardingEndpoints.target(c, id, lrs.secrets));
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_stored_row_never_holds_the_secret_and_the_delivery_opens_it(DataSource ds) throws Exception {
        TestLrs lrs = new TestLrs(ds);
        ForwardingEndpoints.Endpoint e = lrs.forwarding.create("univ-a", settings("https://lrs.example/xapi/", null,
                null), "admin-a");
        assertThat(e.secretSet()).isTrue();
        assertThat(String.join("|", row(ds, e.id()))).doesNotContain("fwd-secret")
                .doesNotContain(Base64.getEncoder().encodeToString("fwd-secret".getBytes(StandardCharsets.UTF_8)));
        String first = sealed(ds, e.id());
        assertThat(first).startsWith("v1:");
        assertThat(target(lrs, ds, e.id()).orElseThrow().secret()).isEqualTo("fwd-secret");

        // Sealing uses a fresh nonce: the same secret set again is stored differently, and still opens.
        lrs.forwarding.update("univ-a", e.id(), settings("https://lrs.example/xapi/", null, null));
        assertThat(sealed(ds, e.id())).isNotEqualTo(first);
        assertThat(target(lrs, ds, e.id()).orElseThrow().secret()).isEqualTo("fwd-secret");

        // Another server of the installation (same database, no configured key) uses the same generated key.
        TestLrs other = new TestLrs(ds);
        assertThat(target(other, ds, e.id()).orElseThrow().secret()).isEqualTo("fwd-secret");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void secrets_stored_in_clear_before_sealing_are_sealed_once_and_still_authenticate(DataSource ds)
            throws Exception {
        TestLrs lrs = new TestLrs(ds);
        // A row as V2 stored it: the secret in api_secret, nothing sealed.
        String id = "3c1d3f0e-0000-4000-8000-000000000001";
        ForwardingDeliveryTest.TargetLrs external = new ForwardingDeliveryTest.TargetLrs();
        try {
            Sql.inTransaction(ds, c -> Sql.update(c, "insert into manabi_lrs_forward_endpoint (id, tenant_id, label,"
                    + " url, api_key, api_secret, xapi_version, enabled, jitter_seed, created_by, created_at)"
                    + " values (?,?,?,?,?,?,?,?,?,?,?)", id, "univ-a", "Old", external.url() + "/", "fwd-key",
                    "fwd-secret", "2.0.0", true, 7L, "admin-a", Timestamp.from(lrs.clock.instant())));
            assertThat(lrs.forwarding.get("univ-a", id).secretSet()).isTrue();
            lrs.ledger.store(caller(lrs, "univ-a"), List.of(statement(null, "ada", "experienced",
                    "https://manabi.example/video/1")), List.of());

            // The delivery pass seals it first, then authenticates with it (the target answers 401 otherwise).
            assertThat(lrs.delivery.deliverDue()).isEqualTo(1);
            assertThat(external.byLearner()).containsOnlyKeys("ada");
            assertThat(String.join("|", row(ds, id))).doesNotContain("fwd-secret");
            assertThat(target(lrs, ds, id).orElseThrow().secret()).isEqualTo("fwd-secret");
        } finally {
            external.close();
        }
    }

    @Test
    void a_sealed_secret_opens_only_for_its_endpoint_and_under_its_key() throws Exception {
        DataSource ds = TestDatabases.h2();
        TestLrs lrs = new TestLrs(ds);
        String a = lrs.forwarding.create("univ-a", settings("https://a.example/xapi/", null, null), "x").id();
        String b = lrs.forwarding.create("univ-a", settings("https://b.example/xapi/", null, null), "x").id();

        // Copied onto another endpoint's row, it does not open (the endpoint id is the associated data).
        Sql.inTransaction(ds, c -> Sql.update(c, "update manabi_lrs_forward_endpoint set api_secret_sealed = ?"
                + " where id = ?", sealed(ds, a), b));
        assertThatThrownBy(() -> target(lrs, ds, b)).isInstanceOf(ForwardingSecrets.Unreadable.class)
                .hasMessageContaining("does not open");

        // A server configured with another key says so instead of sending a wrong secret.
        TestLrs configured = new TestLrs(ds);
        configured.secrets.configuredKey = Optional.of(Base64.getEncoder().encodeToString(new byte[32]));
        assertThatThrownBy(() -> target(configured, ds, a)).isInstanceOf(ForwardingSecrets.Unreadable.class)
                .hasMessageContaining("another key");
        // With the configured key, what it seals it opens.
        String c = configured.forwarding.create("univ-a", settings("https://c.example/xapi/", null, null), "x").id();
        assertThat(target(configured, ds, c).orElseThrow().secret()).isEqualTo("fwd-secret");

        TestLrs tooShort = new TestLrs(ds);
        tooShort.secrets.configuredKey = Optional.of("c2hvcnQ=");
        assertThatThrownBy(() -> tooShort.forwarding.create("univ-a", settings("https://d.example/xapi/", null, null),
                "x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("manabi.lrs.forwarding.key");
    }
}
