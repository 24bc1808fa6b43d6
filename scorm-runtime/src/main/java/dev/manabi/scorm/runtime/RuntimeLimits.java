package dev.manabi.scorm.runtime;

import dev.manabi.scorm.cmi.DataModel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.Config;

/**
 * The host's configuration of what one SCO may store and send ({@code manabi.scorm.*}); every key left unset keeps
 * the data model definition's default ({@code limits} in {@code scorm12.json} / {@code scorm2004.json}, which the
 * browser model reads too, so the SCO gets the SCORM error code at SetValue time).
 *
 * <ul>
 *   <li>{@code manabi.scorm.max-value-chars}: longest value of any element (default 262144 characters)</li>
 *   <li>{@code manabi.scorm.max-sets-per-commit}: SetValue calls in one commit (default 10000)</li>
 *   <li>{@code manabi.scorm.max-commit-bytes}: bytes of one commit's request body (default 16 MiB); read no further,
 *       so a client cannot make the server buffer sets × value size (2.6 GB with the defaults above)</li>
 *   <li>{@code manabi.scorm.max-interactions}, {@code .max-objectives}, {@code .max-comments-from-learner},
 *       {@code .max-interaction-objectives}, {@code .max-correct-responses}: records of those collections (defaults
 *       1000, 1000, 1000, 100, 100)</li>
 * </ul>
 */
final class RuntimeLimits {

    /** Collection of the definitions to the key that configures its size. */
    static final Map<String, String> RECORD_KEYS = Map.of(
            "cmi.interactions", "manabi.scorm.max-interactions",
            "cmi.objectives", "manabi.scorm.max-objectives",
            "cmi.comments_from_learner", "manabi.scorm.max-comments-from-learner",
            "cmi.interactions.n.objectives", "manabi.scorm.max-interaction-objectives",
            "cmi.interactions.n.correct_responses", "manabi.scorm.max-correct-responses");

    /** Default of {@code manabi.scorm.max-commit-bytes}. */
    static final long DEFAULT_COMMIT_BYTES = 16L * 1024 * 1024;

    private RuntimeLimits() {
    }

    /** The configured most bytes of one commit body ({@code config} null: the default). */
    static long commitBytes(Config config) {
        return config == null ? DEFAULT_COMMIT_BYTES
                : config.getOptionalValue("manabi.scorm.max-commit-bytes", Long.class).orElse(DEFAULT_COMMIT_BYTES);
    }

    /** {@code model}'s definition with the configured limits ({@code config} null: the defaults). */
    static DataModel dataModel(String model, Config config) {
        DataModel defaults = DataModel.of(model);
        if (config == null) {
            return defaults;
        }
        DataModel.Limits d = defaults.limits();
        Map<String, Integer> records = new LinkedHashMap<>(d.records());
        records.replaceAll((collection, size) -> RECORD_KEYS.containsKey(collection)
                ? config.getOptionalValue(RECORD_KEYS.get(collection), Integer.class).orElse(size) : size);
        return defaults.withLimits(new DataModel.Limits(
                config.getOptionalValue("manabi.scorm.max-value-chars", Integer.class).orElse(d.valueChars()),
                config.getOptionalValue("manabi.scorm.max-sets-per-commit", Integer.class).orElse(d.setsPerCommit()),
                records));
    }
}
