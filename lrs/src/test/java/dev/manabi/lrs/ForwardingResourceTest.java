package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.PlayerException;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.core.AuditLog;
import dev.manabi.core.CoreFixtures;
import dev.manabi.core.CurrentLearner;
import dev.manabi.core.TestDatabases;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * {@code /manabi/api/lrs/forwarding}: institution admins manage their own institution's endpoints, the platform admin
 * any; everyone else gets 403 or 404 and learns nothing about other institutions' endpoints.
 */
class ForwardingResourceTest {

    private final javax.sql.DataSource ds = TestDatabases.h2();
    private final TestLrs lrs = new TestLrs(ds);
    private final AuditLog audit = new CoreFixtures(ds, java.nio.file.Path.of("target", "forwarding-resource-test"))
            .audit;

    private ForwardingResource as(String learner, String tenant, Role... roles) {
        LearnerContext who = new LearnerContext(learner, learner, null, new Tenant(tenant, tenant), Set.of(roles),
                null);
        ForwardingResource r = new ForwardingResource();
        r.current = new CurrentLearner() {
            @Override
            public Optional<LearnerContext> optional() {
                return Optional.of(who);
            }
        };
        r.endpoints = lrs.forwarding;
        r.audit = audit;
        return r;
    }

    private static ForwardingEndpoints.Settings settings(String label) {
        return new ForwardingEndpoints.Settings(label, "https://lrs.example/xapi/", "k", "s3cret", "2.0.0", null,
                null, null);
    }

    private static void status(int expected, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(PlayerException.class,
                e -> assertThat(e.status()).isEqualTo(expected));
    }

    @Test
    void institution_admins_manage_their_own_institution_only() {
        ForwardingResource adminA = as("admin-a", "univ-a", Role.INSTITUTION_ADMIN);
        ForwardingResource adminB = as("admin-b", "univ-b", Role.INSTITUTION_ADMIN);
        ForwardingResource learnerA = as("ada", "univ-a", Role.LEARNER);
        ForwardingEndpoints.Endpoint a = adminA.create(null, settings("A's consortium"));
        ForwardingEndpoints.Endpoint b = adminB.create(null, settings("B's consortium"));
        assertThat(a.tenantId()).isEqualTo("univ-a");
        assertThat(a.createdBy()).isEqualTo("admin-a");

        assertThat(adminA.list(null)).extracting(ForwardingEndpoints.Endpoint::id).containsExactly(a.id());
        // Naming another institution: 403 whether or not it has endpoints.
        status(403, () -> adminA.list("univ-b"));
        status(403, () -> adminA.list("univ-nowhere"));
        status(403, () -> adminA.create("univ-b", settings("sneaky")));
        status(403, () -> adminA.get(b.id(), "univ-b"));
        status(403, () -> adminA.replay(b.id(), "univ-b", null));
        // Another institution's endpoint by id: 404, exactly as an id that does not exist.
        for (String id : List.of(b.id(), "00000000-0000-0000-0000-000000000000")) {
            status(404, () -> adminA.get(id, null));
            status(404, () -> adminA.update(id, null, settings("taken over")));
            status(404, () -> adminA.delete(id, null));
            status(404, () -> adminA.deadLetters(id, null));
            status(404, () -> adminA.replay(id, null, new ForwardingResource.Replay(List.of())));
        }
        assertThat(adminB.get(b.id(), null).label()).isEqualTo("B's consortium");
        // Learners may do nothing here.
        status(403, () -> learnerA.list(null));
        status(403, () -> learnerA.get(a.id(), null));
        status(403, () -> learnerA.create(null, settings("mine")));

        adminA.update(a.id(), null, new ForwardingEndpoints.Settings("Renamed", "https://lrs.example/xapi/", "k",
                null, "1.0.3", null, null, false));
        assertThat(adminA.get(a.id(), null)).satisfies(e -> {
            assertThat(e.label()).isEqualTo("Renamed");
            assertThat(e.enabled()).isFalse();
        });
        assertThat(adminA.replay(a.id(), null, null)).containsEntry("replayed", 0);
        adminA.delete(a.id(), null);
        assertThat(adminA.list(null)).isEmpty();
        assertThat(adminB.list(null)).hasSize(1);

        // Issue 15 (review 2, A5): forwarding shares records with another system; every change is audited, never
        // the key or secret, and refused calls leave no entry.
        List<AuditLog.Entry> log = audit.entries("univ-a", null, null, 0, 50).entries();
        assertThat(log).extracting(AuditLog.Entry::action).containsExactly(AuditLog.Action.LRS_FORWARDING_DELETED,
                AuditLog.Action.LRS_FORWARDING_REPLAYED, AuditLog.Action.LRS_FORWARDING_CHANGED,
                AuditLog.Action.LRS_FORWARDING_CREATED);
        assertThat(log).allMatch(e -> e.actorId().equals("admin-a") && e.target().equals(a.id()));
        assertThat(log.get(3).detail().get("url").asText()).isEqualTo("https://lrs.example/xapi/");
        assertThat(log.get(3).detail().toString()).doesNotContain("s3cret");
    }

    @Test
    void the_platform_admin_manages_every_institution() {
        ForwardingResource platform = as("root", "operator", Role.PLATFORM_ADMIN);
        ForwardingEndpoints.Endpoint b = as("admin-b", "univ-b", Role.INSTITUTION_ADMIN).create(null,
                settings("B's consortium"));
        ForwardingEndpoints.Endpoint c = platform.create("univ-c", settings("C's consortium"));
        assertThat(c.tenantId()).isEqualTo("univ-c");
        assertThat(platform.list(null)).extracting(ForwardingEndpoints.Endpoint::id).containsExactlyInAnyOrder(b.id(),
                c.id());
        assertThat(platform.list("univ-b")).extracting(ForwardingEndpoints.Endpoint::id).containsExactly(b.id());
        assertThat(platform.deadLetters(b.id(), "univ-b")).isEmpty();
        status(404, () -> platform.get(b.id(), "univ-c"));
        platform.delete(b.id(), "univ-b");
        assertThat(platform.list(null)).extracting(ForwardingEndpoints.Endpoint::id).containsExactly(c.id());
    }
}
