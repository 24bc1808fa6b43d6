package dev.manabi.scorm.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The SCORM 1.2 aicc_script prerequisites grammar (AICC CMI001 prerequisites, SCORM 1.2 CAM 2.3.4). */
class PrerequisitesTest {

    /** A passed, B completed, C failed, D incomplete, E not attempted (no status at all). */
    private static final Function<String, String> STATUS = Map.of("A", "passed", "B", "completed", "C", "failed",
            "D", "incomplete")::get;

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "A;true", "B;true", "C;false", "D;false", "E;false",
            "~C;true", "~A;false", "~~A;true",
            "A&B;true", "A&C;false", "A | C;true", "C|D;false",
            "C|A&B;true", "(C|A)&D;false", "~(C|D);true", "~C&~D&~E;true",
            "2*{A,B,C};true", "3*{A,B,C};false", "1*{C,D,E};false", "2*{A,~C,D};true", "0*{C};true",
            "A=passed;true", "A=p;true", "B=c;true", "A<>passed;false", "C=failed;true", "C=F;true",
            "E=not attempted;true", "E<>n;false", "D=incomplete & A;true",
            "  A  &  ( B | C )  ;true"})
    void evaluates_identifiers_operators_sets_and_statuses(String expression, boolean holds) {
        assertThat(Prerequisites.parse(expression).holds(STATUS)).as(expression).isEqualTo(holds);
    }

    @Test
    void and_binds_tighter_than_or_and_not_tightest() {
        Prerequisites p = Prerequisites.parse("A|B&~C");
        assertThat(p.op()).isEqualTo(Prerequisites.Op.OR);
        assertThat(p.operands().get(1).op()).isEqualTo(Prerequisites.Op.AND);
        assertThat(p.operands().get(1).operands().get(1).op()).isEqualTo(Prerequisites.Op.NOT);
        assertThat(p.identifiers()).containsExactly("A", "B", "C");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "A&", "&A", "(A", "A)", "A B", "2*A", "2*{A,B", "2*{}", "A=", "A=maybe",
            "A<passed", "A||B", "~", "{A}"})
    void a_malformed_expression_is_refused_with_where_and_what(String expression) {
        assertThatThrownBy(() -> Prerequisites.parse(expression)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected");
    }

    @Test
    void deep_nesting_is_refused_not_a_stack_overflow() {
        String deep = "(".repeat(10_000) + "A" + ")".repeat(10_000);
        assertThatThrownBy(() -> Prerequisites.parse(deep)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nested");
    }

    /** Items a..d and x; each case is "item:expression" pairs separated by ';', then the cyclic items expected. */
    @ParameterizedTest
    @CsvSource(delimiter = '/', value = {
            "a:a / a", "a:~a / ''", "a:a=passed / a", "a:a<>passed / ''", "a:a=not attempted / ''",
            "a:b;b:a / a,b", "a:b;b:c;c:a / a,b,c", "a:b;b:a;c:a / a,b", "a:b|d;b:a / ''",
            "a:b&d;b:a / a,b", "a:2*{a,b,c} / ''", "a:3*{a,b,c} / a", "a:ghost / ''", "a:~b;b:a / ''",
            "a:b;b:~a / ''"})
    void finds_prerequisites_that_wait_on_their_own_item(String expressions, String expected) {
        Map<String, Prerequisites> byItem = new java.util.LinkedHashMap<>();
        for (String pair : expressions.split(";")) {
            String[] kv = pair.strip().split(":", 2);
            byItem.put(kv[0], Prerequisites.parse(kv[1]));
        }
        java.util.Set<String> cyclic = Prerequisites.cyclic(java.util.Set.of("a", "b", "c", "d", "x"), byItem);
        assertThat(cyclic).as(expressions).containsExactlyInAnyOrder(
                expected.isBlank() ? new String[0] : expected.strip().split(","));
    }
}
