package dev.manabi.scorm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.scorm.cmi.DataModel;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/** {@code manabi.scorm.*} configuration of the data model limits, server and browser alike. */
class RuntimeLimitsTest {

    /** A MicroProfile Config holding only {@code values}. */
    static Config config(Map<String, String> values) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getOptionalValue")) {
                        String v = values.get((String) args[0]);
                        return v == null ? Optional.empty()
                                : Optional.of(args[1] == Long.class ? (Object) Long.valueOf(v) : Integer.valueOf(v));
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void unsetKeysKeepTheDefinitionsDefaults() {
        assertThat(RuntimeLimits.dataModel("2004", config(Map.of())).limits())
                .isEqualTo(DataModel.scorm2004().limits());
        assertThat(RuntimeLimits.dataModel("1.2", null)).isSameAs(DataModel.scorm12());
    }

    @Test
    void everyKeyOverridesItsLimit() {
        Config c = config(Map.of("manabi.scorm.max-value-chars", "1000", "manabi.scorm.max-sets-per-commit", "50",
                "manabi.scorm.max-interactions", "5", "manabi.scorm.max-objectives", "6",
                "manabi.scorm.max-comments-from-learner", "7", "manabi.scorm.max-interaction-objectives", "8",
                "manabi.scorm.max-correct-responses", "9"));
        DataModel.Limits l = RuntimeLimits.dataModel("2004", c).limits();
        assertThat(l.valueChars()).isEqualTo(1000);
        assertThat(l.setsPerCommit()).isEqualTo(50);
        assertThat(l.records()).isEqualTo(Map.of("cmi.interactions", 5, "cmi.objectives", 6,
                "cmi.comments_from_learner", 7, "cmi.interactions.n.objectives", 8,
                "cmi.interactions.n.correct_responses", 9));
        assertThat(RuntimeLimits.dataModel("1.2", c).limits().records()).doesNotContainKey(
                "cmi.comments_from_learner").containsEntry("cmi.interactions", 5);
    }

    @Test
    void theRuntimeServesAndEnforcesTheConfiguredModel() {
        ScormRuntime runtime = new ScormRuntime();
        runtime.config = config(Map.of("manabi.scorm.max-interactions", "2"));
        DataModel dm = runtime.dataModel("2004");
        assertThat(dm.json()).contains("\"cmi.interactions\":2");
        dev.manabi.scorm.cmi.CmiValues v = new dev.manabi.scorm.cmi.CmiValues();
        assertThat(dm.setValue(v, "cmi.interactions.0.id", "a")).isZero();
        assertThat(dm.setValue(v, "cmi.interactions.1.id", "b")).isZero();
        assertThat(dm.setValue(v, "cmi.interactions.2.id", "c")).isEqualTo(351);
        assertThat(runtime.dataModel("2004")).isSameAs(dm);
    }
}
