package dev.manabi.scorm.seq.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A learning objective of an activity (SN 3.10; {@code <imsss:primaryObjective>} / {@code <imsss:objective>}).
 *
 * @param id                   {@code objectiveID}; may be null only for the primary objective
 * @param primary              the activity's primary objective (the one rollup and the SCO's success status use)
 * @param satisfiedByMeasure   satisfaction is decided by the measure (default false)
 * @param minNormalizedMeasure the passing measure when satisfied by measure (-1..1, default 1.0)
 * @param maps                 reads and writes of global objectives
 */
public record ObjectiveDefinition(String id, boolean primary, boolean satisfiedByMeasure,
                                  double minNormalizedMeasure, List<ObjectiveMap> maps) {

    public ObjectiveDefinition {
        maps = List.copyOf(maps);
    }

    /** The implicit primary objective of an activity that declares none (SN 3.10: every activity has one). */
    public static final ObjectiveDefinition IMPLICIT_PRIMARY =
            new ObjectiveDefinition(null, true, false, 1.0, List.of());

    /** Key of this objective in an activity's tracking state: its id, or {@code ""} for an anonymous primary. */
    public String key() {
        return id == null ? "" : id;
    }

    /**
     * An objective identifier as the sequencer compares it, the one normalisation for the manifest's ids (the
     * import's {@code objectiveID}, {@code referencedObjective}, {@code targetObjectiveID}) and the run-time's
     * ({@code cmi.objectives.n.id}, RTE 4.2.17: a long_identifier_type, i.e. a URI). They are URIs (xs:anyURI, whose
     * whitespace is collapsed), so percent-encoded octets are decoded (UTF-8; a malformed escape is kept as
     * written) and runs of whitespace then collapsed and trimmed; case is kept. The ADL conformance package OB-12a
     * names one objective {@code " ob%20j%201 "} in its definition, {@code "    ob%20%20%20j%20%201  "} and
     * {@code "ob%20j%201"} in its rules and {@code "ob j 1"} in its SCO.
     *
     * @return the normalised id; {@code ""} for null or blank
     */
    public static String normalizeId(String raw) {
        String s = raw == null ? "" : raw;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int high = c == '%' && i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
            int low = high < 0 ? -1 : Character.digit(s.charAt(i + 2), 16);
            if (low >= 0) {
                bytes.write(high * 16 + low);
                i += 2;
                continue;
            }
            if (bytes.size() > 0) {
                out.append(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
            }
            out.append(c);
        }
        out.append(bytes.toString(StandardCharsets.UTF_8));
        return out.toString().strip().replaceAll("\\s+", " ");
    }
}
