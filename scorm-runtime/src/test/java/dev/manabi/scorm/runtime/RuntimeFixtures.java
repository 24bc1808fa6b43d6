package dev.manabi.scorm.runtime;

import dev.manabi.api.LearnerContext;
import dev.manabi.api.Role;
import dev.manabi.api.Tenant;
import dev.manabi.i18n.LocalizedText;
import dev.manabi.scorm.pkg.AdlData;
import dev.manabi.scorm.pkg.Item;
import dev.manabi.scorm.pkg.Organization;
import dev.manabi.scorm.pkg.ScormEdition;
import dev.manabi.scorm.pkg.ScormPackage;
import dev.manabi.scorm.pkg.TestPlatform;
import java.time.Instant;
import java.util.List;
import java.util.Set;

final class RuntimeFixtures {

    private RuntimeFixtures() {
    }

    static LearnerContext alice() {
        return new LearnerContext("alice", "Alice Example", null, tenant(), Set.of(Role.LEARNER), null);
    }

    static Tenant tenant() {
        return new Tenant("uni-a", "University A");
    }

    static Item sco(String id, String href) {
        return new Item(id, LocalizedText.untagged(id), "res-" + id, href, true, true, null, null, null, null, null,
                null, null, List.of(), null, List.of());
    }

    /** A SCO with isvisible="false": not offered for choice. */
    static Item hiddenSco(String id, String href) {
        return new Item(id, LocalizedText.untagged(id), "res-" + id, href, true, false, null, null, null, null, null,
                null, null, List.of(), null, List.of());
    }

    static Item sco(String id, Double mastery, Double threshold, Double passing, String seqXml, List<AdlData> data) {
        return new Item(id, LocalizedText.untagged(id), "res-" + id, id + "/index.html", true, true, null, mastery,
                "launch-" + id, null, "exit,message", threshold, passing, List.of(), seqXml, data);
    }

    static Item cluster(String id, boolean visible, Item... children) {
        return new Item(id, LocalizedText.untagged(id), null, null, false, visible, null, null, null, null, null,
                null, null, List.of(children), null, List.of());
    }

    static ScormPackage pkg(ScormEdition edition, Item... items) {
        return new ScormPackage("pkg-1", "line-1", "course-1", "uni-a", "manifest-1", 1, edition,
                LocalizedText.untagged("Golf"), "org", List.of(new Organization("org", LocalizedText.untagged("Org"),
                List.of(items), null, true)), Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** The run-time wired to the platform's beans, as CDI does in the server. */
    static ScormRuntime runtime(TestPlatform platform) {
        ScormRuntime runtime = new ScormRuntime();
        runtime.database = platform.database;
        runtime.catalog = platform.catalog;
        runtime.packages = platform.repository;
        runtime.ledger = platform.core.ledger;
        runtime.outbox = platform.core.outbox;
        return runtime;
    }
}
