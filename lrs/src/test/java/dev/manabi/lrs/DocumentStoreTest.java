package dev.manabi.lrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.xapi.XapiException;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DocumentStoreTest {

    private static final DocumentStore.Scope STATE = new DocumentStore.Scope(DocumentStore.Kind.STATE,
            "http://x.example/a", "mbox=mailto:ada@example.org", null);
    private static final DocumentStore.Preconditions NONE = new DocumentStore.Preconditions(null, null);

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static int status(Runnable r) {
        try {
            r.run();
            return 204;
        } catch (XapiException e) {
            return e.status();
        }
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void etags_guard_writes_and_json_merges(DataSource ds) {
        TestLrs lrs = new TestLrs(ds);
        DocumentStore docs = lrs.documents;
        DocumentStore.Document first = docs.put("univ-a", STATE, "s1", "application/json", bytes("{\"a\":1}"), false,
                NONE, true);
        // Exists, no precondition: 409; wrong ETag: 412; If-None-Match *: 412; right ETag: written.
        assertThat(status(() -> docs.put("univ-a", STATE, "s1", "application/json", bytes("{}"), false, NONE, true)))
                .isEqualTo(409);
        assertThat(status(() -> docs.put("univ-a", STATE, "s1", "application/json", bytes("{}"), false,
                new DocumentStore.Preconditions("\"nope\"", null), true))).isEqualTo(412);
        assertThat(status(() -> docs.put("univ-a", STATE, "s1", "application/json", bytes("{}"), false,
                new DocumentStore.Preconditions(null, "*"), true))).isEqualTo(412);
        docs.put("univ-a", STATE, "s1", "application/json", bytes("{\"b\":2}"), true,
                new DocumentStore.Preconditions("\"" + first.etag() + "\"", null), true);
        assertThat(new String(docs.get("univ-a", STATE, "s1").orElseThrow().content(), StandardCharsets.UTF_8))
                .isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(status(() -> docs.put("univ-a", STATE, "s1", "text/plain", bytes("x"), true, NONE, true)))
                .isEqualTo(400);
        assertThat(docs.get("univ-b", STATE, "s1")).isEmpty();
        assertThat(docs.ids("univ-a", STATE, null)).containsExactly("s1");
        docs.delete("univ-a", STATE, null, NONE);
        assertThat(docs.ids("univ-a", STATE, null)).isEmpty();
        assertThatThrownBy(() -> docs.delete("univ-a", STATE, "s1", new DocumentStore.Preconditions("\"x\"", null)))
                .isInstanceOf(XapiException.class);
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void a_delete_of_all_keeps_the_documents_named_kept(DataSource ds) {
        // cmi5 section 10 protects LMS.LaunchData only: a cmi5 session's delete of all its state keeps it
        TestLrs lrs = new TestLrs(ds);
        DocumentStore docs = lrs.documents;
        for (String id : new String[] {"LMS.LaunchData", "bookmark", "answers"}) {
            docs.put("univ-a", STATE, id, "application/json", bytes("{}"), false, NONE, true);
        }
        docs.put("univ-b", STATE, "bookmark", "application/json", bytes("{}"), false, NONE, true);
        docs.delete("univ-a", STATE, null, NONE, java.util.Set.of("LMS.LaunchData"));
        assertThat(docs.ids("univ-a", STATE, null)).containsExactly("LMS.LaunchData");
        assertThat(docs.ids("univ-b", STATE, null)).containsExactly("bookmark");
    }

    @ParameterizedTest
    @MethodSource("dev.manabi.core.TestDatabases#both")
    void credentials_authenticate_until_revoked(DataSource ds) {
        TestLrs lrs = new TestLrs(ds);
        LrsCredentials.Issued issued = lrs.credentials.issue("univ-a", "grader", new LrsCredentials.Scope(true, false, true),
                "admin-a");
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (issued.credential().key() + ":" + issued.secret()).getBytes(StandardCharsets.UTF_8));
        LrsCaller caller = lrs.credentials.authenticate(basic);
        assertThat(caller.tenantId()).isEqualTo("univ-a");
        assertThat(caller.mayWrite()).isFalse();
        assertThat(status(() -> lrs.credentials.authenticate("Basic " + java.util.Base64.getEncoder().encodeToString(
                (issued.credential().key() + ":wrong").getBytes(StandardCharsets.UTF_8))))).isEqualTo(401);
        assertThat(status(() -> lrs.credentials.revoke("univ-b", issued.credential().id()))).isEqualTo(404);
        lrs.credentials.revoke("univ-a", issued.credential().id());
        assertThat(status(() -> lrs.credentials.authenticate(basic))).isEqualTo(401);
        assertThat(lrs.credentials.list("univ-a")).singleElement().extracting(LrsCredentials.Credential::revokedAt)
                .isNotNull();
    }
}
