package dev.manabi.cmi5;

import dev.manabi.api.ProgressFact;
import dev.manabi.cmi5.CourseStructure.Au;
import dev.manabi.cmi5.CourseStructure.Block;
import dev.manabi.cmi5.CourseStructure.Node;
import dev.manabi.core.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Where one registration stands in a cmi5 course (issue 14): per AU what its session tokens stated (completed,
 * passed or failed with the score, cmi5 Quartz 9.3.3 - 9.3.5, 9.5.1) and what the LMS decided (waived 9.3.7,
 * satisfied by moveOn, section 10 "moveOn"), per block and for the course whether they are satisfied (9.3.9). One
 * derivation for the progress facts ({@link Cmi5Progress}) and the player's table of contents ({@code GET
 * /cmi5/courses/{courseId}}), so both always agree.
 *
 * <p>The progress facts it answers ({@link #facts()}):
 * <ul>
 *   <li>{@code cmi5-au}, ref {@code <line id>/<AU id>} (the publisher's AU IRI, 13.1.4, stable across package
 *       versions; {@code <line id>/#<40 hex of its SHA-256>} when longer than the ledger's 128 characters):
 *       completed when the AU stated {@code completed}; passed true after {@code passed}, false after
 *       {@code failed} (the latest judgment), null before; the score of that judgment (raw of max, else
 *       scaled × 100 of 100). Only for AUs the registration did something in (a status or a judgment).</li>
 *   <li>{@code cmi5-au-satisfied}, same ref: completed when the AU's moveOn holds or it is waived (NotApplicable
 *       AUs from the registration on, 9.6.1).</li>
 *   <li>{@code cmi5-block}, ref {@code <line id>/<block id>}: completed when every AU in it (nested blocks
 *       included) is satisfied.</li>
 *   <li>{@code cmi5}, ref {@code <line id>}: the course component's own fact, which the course list and
 *       {@code progress/me} read: completed when the course is satisfied (all AUs); passed as
 *       {@link #coursePassed()}; the score the mean percentage of the AUs that have one.</li>
 * </ul>
 */
final class Cmi5Standing {

    /** Fact kind of an AU's own results. */
    static final String AU_KIND = "cmi5-au";
    /** Fact kind of an AU's satisfaction (moveOn or waiver). */
    static final String AU_SATISFIED_KIND = "cmi5-au-satisfied";
    /** Fact kind of a block's satisfaction. */
    static final String BLOCK_KIND = "cmi5-block";
    /** The ledger's longest ref. */
    static final int MAX_REF = 128;

    /** The latest {@code passed} / {@code failed} of an AU in a registration, with its score (or nulls). */
    record Judgment(boolean success, Double score, Double maxScore) {
    }

    /**
     * One AU's standing.
     *
     * @param attempted the registration has a status or a judgment for it (so it has a {@code cmi5-au} fact)
     */
    record AuStanding(Au au, String ref, boolean attempted, boolean completed, Boolean passed, boolean waived,
                      boolean satisfied, Double score, Double maxScore) {

        /** The score as a percentage of its maximum, if both are known. */
        OptionalDouble percent() {
            return score == null || maxScore == null || maxScore <= 0 ? OptionalDouble.empty()
                    : OptionalDouble.of(score * 100.0 / maxScore);
        }
    }

    /** One block's standing; {@code attempted} when an AU in it was attempted. */
    record BlockStanding(Block block, String ref, boolean attempted, boolean satisfied) {
    }

    private final String lineId;
    private final Map<String, AuStanding> aus = new LinkedHashMap<>();
    private final Map<String, BlockStanding> blocks = new LinkedHashMap<>();
    private final boolean courseSatisfied;

    private Cmi5Standing(CourseVersions.CourseVersion version, boolean registered,
                         Map<String, Satisfaction.AuStatus> statuses, Map<String, Judgment> judgments) {
        this.lineId = version.lineId();
        for (Au au : version.structure().aus()) {
            Satisfaction.AuStatus s = statuses.getOrDefault(au.id(), Satisfaction.AuStatus.NONE);
            Judgment j = judgments.get(au.id());
            // A passed AU from before judgments were kept has no row: its passed_at still says passed.
            Boolean passed = j != null ? Boolean.valueOf(j.success()) : s.passedAt() != null ? Boolean.TRUE : null;
            aus.put(au.id(), new AuStanding(au, ref(lineId, au.id()), statuses.containsKey(au.id()) || j != null,
                    s.completedAt() != null, passed, s.waivedAt() != null,
                    registered && Satisfaction.satisfied(au, s), j == null ? null : j.score(),
                    j == null ? null : j.maxScore()));
        }
        for (Node n : version.structure().children()) {
            collect(n);
        }
        courseSatisfied = registered && aus.values().stream().allMatch(AuStanding::satisfied);
    }

    /** The standing of a registration from its rows; {@code registration} null: the learner has none yet. */
    static Cmi5Standing of(Connection c, CourseVersions.CourseVersion version, String registration)
            throws SQLException {
        return registration == null ? new Cmi5Standing(version, false, Map.of(), Map.of())
                : new Cmi5Standing(version, true, Satisfaction.statuses(c, registration),
                        Store.judgments(c, registration));
    }

    /** A registration's standing from rows read elsewhere (tests; the learning records read a page of them at once). */
    static Cmi5Standing of(CourseVersions.CourseVersion version, Map<String, Satisfaction.AuStatus> statuses,
                           Map<String, Judgment> judgments) {
        return new Cmi5Standing(version, true, statuses, judgments);
    }

    /** Post-order, as {@link Satisfaction}: a block is satisfied when all AUs below it are. */
    private boolean[] collect(Node n) {
        if (n instanceof Au au) {
            AuStanding s = aus.get(au.id());
            return new boolean[] {s.satisfied(), s.attempted()};
        }
        Block block = (Block) n;
        boolean all = true;
        boolean any = false;
        for (Node child : block.children()) {
            boolean[] r = collect(child);
            all &= r[0];
            any |= r[1];
        }
        blocks.put(block.id(), new BlockStanding(block, ref(lineId, block.id()), any, all));
        return new boolean[] {all, any};
    }

    AuStanding au(String auId) {
        return aus.get(auId);
    }

    BlockStanding block(String blockId) {
        return blocks.get(blockId);
    }

    boolean courseSatisfied() {
        return courseSatisfied;
    }

    /**
     * The course fact's {@code passed}. cmi5 knows no course-level pass or fail: the course is satisfied once every
     * AU's moveOn holds or the AU is waived (9.3.9, 13.1.4 moveOn), and a learner who failed an AU can still pass
     * it in a later session. So: null until the course is satisfied (one passed AU of five is not a passed course,
     * nor is a failed AU a failed course); once satisfied, no AU is left unsatisfied with a failed judgment, and it
     * is true when the course asked for a pass (an AU with moveOn {@code Passed} or {@code CompletedAndPassed},
     * which being satisfied passed or was waived) or an AU's latest judgment is passed; null otherwise (a course
     * of completion only, or whose only judgments were failed AUs satisfied by completion). Never false.
     */
    Boolean coursePassed() {
        if (!courseSatisfied) {
            return null;
        }
        return aus.values().stream().anyMatch(a -> Boolean.TRUE.equals(a.passed())
                || a.au().moveOn() == CourseStructure.MoveOn.Passed
                || a.au().moveOn() == CourseStructure.MoveOn.CompletedAndPassed) ? Boolean.TRUE : null;
    }

    /** The mean percentage of the AUs with a score, or null. */
    Double courseScore() {
        OptionalDouble mean = aus.values().stream().map(AuStanding::percent).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).average();
        return mean.isPresent() ? mean.getAsDouble() : null;
    }

    /** The registration's progress facts (see the class comment), AUs and blocks in document order, course last. */
    List<ProgressFact> facts() {
        List<ProgressFact> out = new ArrayList<>();
        for (AuStanding a : aus.values()) {
            if (a.attempted()) {
                out.add(new ProgressFact(AU_KIND, a.ref(), a.completed(), a.passed(), a.score(), a.maxScore()));
            }
            if (a.attempted() || a.satisfied()) {
                out.add(new ProgressFact(AU_SATISFIED_KIND, a.ref(), a.satisfied(), null, null, null));
            }
        }
        for (BlockStanding b : blocks.values()) {
            if (b.attempted() || b.satisfied()) {
                out.add(new ProgressFact(BLOCK_KIND, b.ref(), b.satisfied(), null, null, null));
            }
        }
        Double score = courseScore();
        out.add(new ProgressFact(Cmi5PackageFormat.KIND, lineId, courseSatisfied, coursePassed(), score,
                score == null ? null : 100.0));
        return out;
    }

    /**
     * A fact ref of an AU or block: {@code <line id>/<publisher id>}, or {@code <line id>/#<40 hex of the id's
     * SHA-256>} when that is longer than the ledger's refs (as the SCORM run-time's SCO refs).
     */
    static String ref(String lineId, String id) {
        String ref = lineId + "/" + id;
        return ref.length() <= MAX_REF ? ref : lineId + "/#" + Secrets.sha256(id).substring(0, 40);
    }

    /**
     * The score of a judging statement's {@code result.score} (9.5.1) as points of a maximum: {@code raw} of
     * {@code max} (both less {@code min}, 0 when absent) when the AU gave both, else {@code scaled} × 100 of 100
     * (shifted in decimal: 0.29 is 29), else {@code raw} without a maximum; nulls without a score.
     */
    static Judgment judgment(boolean success, com.fasterxml.jackson.databind.JsonNode score) {
        if (score.path("raw").isNumber() && score.path("max").isNumber()) {
            double min = score.path("min").asDouble(0);
            return new Judgment(success, score.path("raw").asDouble() - min, score.path("max").asDouble() - min);
        }
        if (score.path("scaled").isNumber()) {
            return new Judgment(success, score.path("scaled").decimalValue().movePointRight(2).doubleValue(), 100.0);
        }
        if (score.path("raw").isNumber()) {
            return new Judgment(success, score.path("raw").asDouble() - score.path("min").asDouble(0), null);
        }
        return new Judgment(success, null, null);
    }

    /** The SQL of {@code manabi_cmi5_au_result}. */
    static final class Store {

        private Store() {
        }

        /** Replaces the AU's judgment in the registration (update, else insert). */
        static void judge(Connection c, String registration, String auId, Judgment j, Instant at)
                throws SQLException {
            if (Sql.update(c, "update manabi_cmi5_au_result set success = ?, score = ?, max_score = ?, judged_at = ?"
                    + " where registration = ? and au_id = ?", j.success(), j.score(), j.maxScore(),
                    Timestamp.from(at), registration, auId) == 0) {
                Sql.update(c, "insert into manabi_cmi5_au_result (success, score, max_score, judged_at, registration,"
                        + " au_id) values (?,?,?,?,?,?)", j.success(), j.score(), j.maxScore(), Timestamp.from(at),
                        registration, auId);
            }
        }

        static Map<String, Judgment> judgments(Connection c, String registration) throws SQLException {
            Map<String, Judgment> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select au_id, success, score, max_score"
                    + " from manabi_cmi5_au_result where registration = ?")) {
                ps.setString(1, registration);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), new Judgment(rs.getBoolean(2), (Double) rs.getObject(3),
                                (Double) rs.getObject(4)));
                    }
                }
            }
            return out;
        }
    }
}
