package dev.manabi.scorm.pkg;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A SCORM 1.2 {@code adlcp:prerequisites} expression of {@code type="aicc_script"} (SCORM 1.2 CAM 2.3.4 item
 * elements; the script language is AICC CMI001 "prerequisites"), parsed once at import and stored with the item.
 * One node type, so it stores as plain JSON:
 *
 * <ul>
 *   <li>{@code ITEM identifier}: true when that item's lesson_status is {@code passed} or {@code completed}
 *       (AICC CMI001: "~A35" holds while A35's status is incomplete, failed or not attempted);</li>
 *   <li>{@code STATUS identifier = status} / {@code identifier <> status} (AICC: {@code A33=Passed},
 *       {@code A35<>Passed}; statuses written in full or as their AICC initial letter: p, c, f, i, b, n);</li>
 *   <li>{@code NOT} ({@code ~}), {@code AND} ({@code &}), {@code OR} ({@code |}), parentheses;</li>
 *   <li>{@code AT_LEAST n*{a,b,c}}: at least {@code n} of the set hold.</li>
 * </ul>
 * Precedence: {@code ~} binds tightest, then {@code &}, then {@code |} (AICC evaluates {@code &} before {@code |}).
 *
 * @param op         what this node is
 * @param identifier the item identifier ({@code ITEM}, {@code STATUS}), else null
 * @param status     the lesson_status compared ({@code STATUS}), else null
 * @param equal      {@code STATUS}: {@code =} (true) or {@code <>} (false)
 * @param atLeast    {@code AT_LEAST}: how many of the operands must hold
 * @param operands   the operands of {@code NOT}, {@code AND}, {@code OR}, {@code AT_LEAST}
 */
public record Prerequisites(Op op, String identifier, String status, boolean equal, int atLeast,
                            List<Prerequisites> operands) {

    /** The kinds of node. */
    public enum Op { ITEM, STATUS, NOT, AND, OR, AT_LEAST }

    /** SCORM 1.2 RTE 3.4.4 cmi.core.lesson_status vocabulary, by the AICC initial letters it may be written as. */
    private static final Map<String, String> STATUSES = Map.of("p", "passed", "c", "completed", "f", "failed",
            "i", "incomplete", "b", "browsed", "n", "not attempted");

    public Prerequisites {
        operands = operands == null ? List.of() : List.copyOf(operands);
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException naming the position and what was expected, for a malformed expression
     */
    public static Prerequisites parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("expected an expression, the text is empty");
        }
        Parser p = new Parser(expression);
        Prerequisites e = p.or();
        p.skipSpace();
        if (p.at < expression.length()) {
            throw p.error("an operator (&, |) or the end");
        }
        return e;
    }

    /**
     * Whether the expression holds, given each item's lesson_status ({@code statusOf} answers {@code
     * "not attempted"} or null for an item without one).
     */
    public boolean holds(Function<String, String> statusOf) {
        return switch (op) {
            case ITEM -> {
                String s = statusOf.apply(identifier);
                yield "passed".equals(s) || "completed".equals(s);
            }
            case STATUS -> {
                String s = statusOf.apply(identifier);
                yield equal == status.equals(s == null ? "not attempted" : s);
            }
            case NOT -> !operands.get(0).holds(statusOf);
            case AND -> operands.stream().allMatch(o -> o.holds(statusOf));
            case OR -> operands.stream().anyMatch(o -> o.holds(statusOf));
            case AT_LEAST -> operands.stream().filter(o -> o.holds(statusOf)).count() >= atLeast;
        };
    }

    /** The item identifiers the expression names. */
    public Set<String> identifiers() {
        Set<String> out = new LinkedHashSet<>();
        if (identifier != null) {
            out.add(identifier);
        }
        operands.forEach(o -> out.addAll(o.identifiers()));
        return out;
    }

    /**
     * The items whose prerequisites can never hold because they depend on the item itself, directly ({@code A}
     * needs {@code A}) or through other items' prerequisites ({@code A} needs {@code B}, {@code B} needs {@code A}):
     * none of them can be launched first, so no status they wait for can ever be reached. An expression that only
     * names itself negated ({@code ~A} on {@code A}: "until A is completed") can hold and is not among them.
     *
     * <p>Found as a fixpoint: an item is launchable some day when its expression may hold while the items already
     * known launchable may have any status and every other item stays "not attempted" (three-valued, so {@code ~}
     * and {@code <>} are judged soundly). The items left over that reach themselves through the identifiers their
     * expressions name are the cyclic ones (an item that only waits on one of them is freed once theirs are
     * ignored).
     *
     * @param items  every item identifier of the organization
     * @param byItem each item's prerequisites (items without any left out)
     */
    public static Set<String> cyclic(Set<String> items, Map<String, Prerequisites> byItem) {
        Set<String> launchable = new HashSet<>(items);
        launchable.removeAll(byItem.keySet());
        boolean grown;
        do {
            grown = false;
            for (var e : byItem.entrySet()) {
                if (!launchable.contains(e.getKey()) && !Boolean.FALSE.equals(e.getValue().mayHold(launchable))) {
                    launchable.add(e.getKey());
                    grown = true;
                }
            }
        } while (grown);
        Set<String> cyclic = new LinkedHashSet<>();
        for (String item : byItem.keySet()) {
            if (!launchable.contains(item) && reaches(item, item, byItem, launchable, new HashSet<>())) {
                cyclic.add(item);
            }
        }
        return cyclic;
    }

    /** Whether {@code target} is named, through never-launchable items' expressions, from {@code from}'s. */
    private static boolean reaches(String from, String target, Map<String, Prerequisites> byItem,
                                   Set<String> launchable, Set<String> seen) {
        Prerequisites p = byItem.get(from);
        if (p == null || !seen.add(from)) {
            return false;
        }
        for (String named : p.identifiers()) {
            if (named.equals(target) || (!launchable.contains(named)
                    && reaches(named, target, byItem, launchable, seen))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the expression may hold (Kleene logic: null is "depends on what the learner does") when the items in
     * {@code launchable} may have any status and every other item stays "not attempted".
     */
    Boolean mayHold(Set<String> launchable) {
        return switch (op) {
            case ITEM -> launchable.contains(identifier) ? null : Boolean.FALSE;
            case STATUS -> launchable.contains(identifier) ? null : equal == "not attempted".equals(status);
            case NOT -> {
                Boolean v = operands.get(0).mayHold(launchable);
                yield v == null ? null : !v;
            }
            case AND, OR, AT_LEAST -> {
                int holding = 0;
                int unknown = 0;
                for (Prerequisites o : operands) {
                    Boolean v = o.mayHold(launchable);
                    if (v == null) {
                        unknown++;
                    } else if (v) {
                        holding++;
                    }
                }
                int needed = op == Op.AND ? operands.size() : op == Op.OR ? 1 : atLeast;
                yield holding >= needed ? Boolean.TRUE : holding + unknown < needed ? Boolean.FALSE : null;
            }
        };
    }

    private static Prerequisites node(Op op, List<Prerequisites> operands) {
        return new Prerequisites(op, null, null, false, 0, operands);
    }

    /** Recursive descent over: or := and ('|' and)*; and := unary ('&' unary)*; unary := '~' unary | primary. */
    private static final class Parser {
        private static final int MAX_DEPTH = 64;
        private final String text;
        private int at;
        private int depth;

        Parser(String text) {
            this.text = text;
        }

        Prerequisites or() {
            List<Prerequisites> terms = new ArrayList<>(List.of(and()));
            while (accept('|')) {
                terms.add(and());
            }
            return terms.size() == 1 ? terms.get(0) : node(Op.OR, terms);
        }

        Prerequisites and() {
            List<Prerequisites> terms = new ArrayList<>(List.of(unary()));
            while (accept('&')) {
                terms.add(unary());
            }
            return terms.size() == 1 ? terms.get(0) : node(Op.AND, terms);
        }

        Prerequisites unary() {
            if (++depth > MAX_DEPTH) {
                throw error("an expression nested less than " + MAX_DEPTH + " deep");
            }
            try {
                if (accept('~')) {
                    return node(Op.NOT, List.of(unary()));
                }
                if (accept('(')) {
                    Prerequisites inner = or();
                    expect(')');
                    return inner;
                }
                skipSpace();
                int start = at;
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                if (at > start && peek('*')) {
                    int n = Integer.parseInt(text.substring(start, Math.min(at, start + 9)));
                    expect('*');
                    expect('{');
                    List<Prerequisites> set = new ArrayList<>(List.of(unary()));
                    while (accept(',')) {
                        set.add(unary());
                    }
                    expect('}');
                    return new Prerequisites(Op.AT_LEAST, null, null, false, n, set);
                }
                at = start;
                String id = identifier();
                if (accept('=')) {
                    return new Prerequisites(Op.STATUS, id, status(), true, 0, List.of());
                }
                if (accept('<')) {
                    expect('>');
                    return new Prerequisites(Op.STATUS, id, status(), false, 0, List.of());
                }
                return new Prerequisites(Op.ITEM, id, null, false, 0, List.of());
            } finally {
                depth--;
            }
        }

        /** An item identifier: XML ID characters, up to an operator, a separator or a space. */
        private String identifier() {
            skipSpace();
            int start = at;
            while (at < text.length() && "&|~(){},*=<> \t\r\n".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            if (at == start) {
                throw error("an item identifier");
            }
            return text.substring(start, at);
        }

        private String status() {
            String word;
            skipSpace();
            int start = at;
            while (at < text.length() && (Character.isLetter(text.charAt(at)) || text.charAt(at) == ' ')
                    && "&|)}".indexOf(text.charAt(at)) < 0) {
                at++;
            }
            word = text.substring(start, at).strip().toLowerCase(Locale.ROOT);
            String full = word.length() == 1 ? STATUSES.get(word) : STATUSES.containsValue(word) ? word : null;
            if (full == null) {
                at = start;
                throw error("a lesson_status (passed, completed, failed, incomplete, browsed, not attempted)");
            }
            return full;
        }

        void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }

        private boolean peek(char c) {
            skipSpace();
            return at < text.length() && text.charAt(at) == c;
        }

        private boolean accept(char c) {
            if (peek(c)) {
                at++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!accept(c)) {
                throw error("'" + c + "'");
            }
        }

        IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("expected " + expected + " at position " + (at + 1) + " of '"
                    + (text.length() > 200 ? text.substring(0, 200) + "…" : text) + "'");
        }
    }
}
