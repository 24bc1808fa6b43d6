package dev.manabi.scorm.cmi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every element of both models: its access and type as transcribed by hand from the specs (so a wrong JSON entry
 * fails here), then table-driven from the JSON: read-only refuses SetValue, write-only refuses GetValue, every
 * vocabulary value is accepted and a foreign word refused, with the model's error codes.
 */
class DataModelDefinitionTest {

    /** SCORM 1.2 RTE 3.4.2 (element, access, type). */
    static final Map<String, String> SCORM_12 = table(
            "cmi._version ro -", "cmi.core._children ro -", "cmi.core.student_id ro CMIIdentifier",
            "cmi.core.student_name ro CMIString255", "cmi.core.lesson_location rw CMIString255",
            "cmi.core.credit ro CMIVocabulary", "cmi.core.lesson_status rw CMIVocabulary",
            "cmi.core.entry ro CMIVocabulary", "cmi.core.score._children ro -",
            "cmi.core.score.raw rw CMIBlankDecimal", "cmi.core.score.min rw CMIBlankDecimal",
            "cmi.core.score.max rw CMIBlankDecimal", "cmi.core.total_time ro CMITimespan",
            "cmi.core.lesson_mode ro CMIVocabulary", "cmi.core.exit wo CMIVocabulary",
            "cmi.core.session_time wo CMITimespan", "cmi.suspend_data rw CMIString4096",
            "cmi.launch_data ro CMIString4096", "cmi.comments rw CMIString4096",
            "cmi.comments_from_lms ro CMIString4096", "cmi.objectives._children ro -", "cmi.objectives._count ro -",
            "cmi.objectives.n.id rw CMIIdentifier", "cmi.objectives.n.score._children ro -",
            "cmi.objectives.n.score.raw rw CMIBlankDecimal", "cmi.objectives.n.score.min rw CMIBlankDecimal",
            "cmi.objectives.n.score.max rw CMIBlankDecimal", "cmi.objectives.n.status rw CMIVocabulary",
            "cmi.student_data._children ro -", "cmi.student_data.mastery_score ro CMIDecimal",
            "cmi.student_data.max_time_allowed ro CMITimespan", "cmi.student_data.time_limit_action ro CMIVocabulary",
            "cmi.student_preference._children ro -", "cmi.student_preference.audio rw CMISInteger",
            "cmi.student_preference.language rw CMIString255", "cmi.student_preference.speed rw CMISInteger",
            "cmi.student_preference.text rw CMISInteger", "cmi.interactions._children ro -",
            "cmi.interactions._count ro -", "cmi.interactions.n.id wo CMIIdentifier",
            "cmi.interactions.n.objectives._count ro -", "cmi.interactions.n.objectives.n.id wo CMIIdentifier",
            "cmi.interactions.n.time wo CMITime", "cmi.interactions.n.type wo CMIVocabulary",
            "cmi.interactions.n.correct_responses._count ro -",
            "cmi.interactions.n.correct_responses.n.pattern wo CMIFeedback",
            "cmi.interactions.n.weighting wo CMIDecimal", "cmi.interactions.n.student_response wo CMIFeedback",
            "cmi.interactions.n.result wo CMIVocabulary", "cmi.interactions.n.latency wo CMITimespan");

    /** SCORM 2004 RTE 4.2 (element, access, type); 4th Edition adl.data and adl.nav included. */
    static final Map<String, String> SCORM_2004 = table(
            "cmi._version ro -", "cmi.comments_from_learner._children ro -", "cmi.comments_from_learner._count ro -",
            "cmi.comments_from_learner.n.comment rw localized_string_type",
            "cmi.comments_from_learner.n.location rw characterstring", "cmi.comments_from_learner.n.timestamp rw time",
            "cmi.comments_from_lms._children ro -", "cmi.comments_from_lms._count ro -",
            "cmi.comments_from_lms.n.comment ro localized_string_type",
            "cmi.comments_from_lms.n.location ro characterstring", "cmi.comments_from_lms.n.timestamp ro time",
            "cmi.completion_status rw state", "cmi.completion_threshold ro real", "cmi.credit ro state",
            "cmi.entry ro state", "cmi.exit wo state", "cmi.interactions._children ro -",
            "cmi.interactions._count ro -", "cmi.interactions.n.id rw long_identifier_type",
            "cmi.interactions.n.type rw state", "cmi.interactions.n.objectives._count ro -",
            "cmi.interactions.n.objectives.n.id rw long_identifier_type", "cmi.interactions.n.timestamp rw time",
            "cmi.interactions.n.correct_responses._count ro -",
            "cmi.interactions.n.correct_responses.n.pattern rw response", "cmi.interactions.n.weighting rw real",
            "cmi.interactions.n.learner_response rw response", "cmi.interactions.n.result rw state",
            "cmi.interactions.n.latency rw timeinterval", "cmi.interactions.n.description rw localized_string_type",
            "cmi.launch_data ro characterstring", "cmi.learner_id ro long_identifier_type",
            "cmi.learner_name ro localized_string_type", "cmi.learner_preference._children ro -",
            "cmi.learner_preference.audio_level rw real", "cmi.learner_preference.language rw language_type",
            "cmi.learner_preference.delivery_speed rw real", "cmi.learner_preference.audio_captioning rw state",
            "cmi.location rw characterstring", "cmi.max_time_allowed ro timeinterval", "cmi.mode ro state",
            "cmi.objectives._children ro -", "cmi.objectives._count ro -", "cmi.objectives.n.id rw long_identifier_type",
            "cmi.objectives.n.score._children ro -", "cmi.objectives.n.score.scaled rw real",
            "cmi.objectives.n.score.raw rw real", "cmi.objectives.n.score.min rw real",
            "cmi.objectives.n.score.max rw real", "cmi.objectives.n.success_status rw state",
            "cmi.objectives.n.completion_status rw state", "cmi.objectives.n.progress_measure rw real",
            "cmi.objectives.n.description rw localized_string_type", "cmi.progress_measure rw real",
            "cmi.scaled_passing_score ro real", "cmi.score._children ro -", "cmi.score.scaled rw real",
            "cmi.score.raw rw real", "cmi.score.min rw real", "cmi.score.max rw real", "cmi.session_time wo timeinterval",
            "cmi.success_status rw state", "cmi.suspend_data rw characterstring", "cmi.time_limit_action ro state",
            "cmi.total_time ro timeinterval", "adl.nav.request rw nav_request",
            "adl.nav.request_valid.continue ro state", "adl.nav.request_valid.previous ro state",
            "adl.nav.request_valid.choice.{target} ro state", "adl.nav.request_valid.jump.{target} ro state",
            "adl.data._children ro -", "adl.data._count ro -", "adl.data.n.id ro long_identifier_type",
            "adl.data.n.store rw characterstring");

    /** Vocabularies from the specs (SCORM 2004 RTE 4.2.x, SCORM 1.2 RTE 3.4.2). */
    static final Map<String, List<String>> VOCABULARIES = Map.of(
            "2004 cmi.completion_status", List.of("completed", "incomplete", "not attempted", "unknown"),
            "2004 cmi.success_status", List.of("passed", "failed", "unknown"),
            "2004 cmi.exit", List.of("time-out", "suspend", "logout", "normal", ""),
            "2004 cmi.interactions.n.type", List.of("true-false", "choice", "fill-in", "long-fill-in", "likert",
                    "matching", "performance", "sequencing", "numeric", "other"),
            "2004 cmi.interactions.n.result", List.of("correct", "incorrect", "unanticipated", "neutral"),
            "1.2 cmi.core.lesson_status", List.of("passed", "completed", "failed", "incomplete", "browsed",
                    "not attempted"),
            "1.2 cmi.core.exit", List.of("time-out", "suspend", "logout", ""),
            "1.2 cmi.interactions.n.type", List.of("true-false", "choice", "fill-in", "matching", "performance",
                    "sequencing", "likert", "numeric"),
            "1.2 cmi.interactions.n.result", List.of("correct", "wrong", "unanticipated", "neutral"));

    private static Map<String, String> table(String... rows) {
        Map<String, String> out = new TreeMap<>();
        for (String row : rows) {
            String[] p = row.split(" ");
            out.put(p[0], p[1] + " " + p[2]);
        }
        return out;
    }

    private static Map<String, String> fromJson(DataModel dm) {
        return dm.elements().stream().collect(Collectors.toMap(Element::name,
                e -> e.access().name().toLowerCase() + " " + (e.type() == null ? "-" : e.type()), (a, b) -> a,
                TreeMap::new));
    }

    @Test
    void scorm12ElementsAreThoseOfTheSpec() {
        assertThat(fromJson(DataModel.scorm12())).isEqualTo(SCORM_12);
    }

    @Test
    void scorm2004ElementsAreThoseOfTheSpec() {
        assertThat(fromJson(DataModel.scorm2004())).isEqualTo(SCORM_2004);
    }

    @Test
    void vocabulariesAreThoseOfTheSpec() {
        VOCABULARIES.forEach((key, expected) -> {
            String[] k = key.split(" ");
            Element e = DataModel.of(k[0]).elements().stream().filter(x -> x.name().equals(k[1])).findFirst()
                    .orElseThrow();
            assertThat(e.vocabulary()).as(key).containsExactlyInAnyOrderElementsOf(expected);
        });
    }

    @Test
    void errorCodesAreThoseOfTheSpec() {
        assertThat(DataModel.scorm2004().errorCodes()).containsExactlyInAnyOrder(0, 101, 102, 103, 104, 111, 112,
                113, 122, 123, 132, 133, 142, 143, 201, 301, 351, 391, 401, 402, 403, 404, 405, 406, 407, 408);
        assertThat(DataModel.scorm12().errorCodes()).containsExactlyInAnyOrder(0, 101, 201, 202, 203, 301, 401,
                402, 403, 404, 405);
        assertThat(DataModel.scorm2004().errorString(408)).isEqualTo("Data Model Dependency Not Established");
        assertThat(DataModel.scorm12().errorString(203)).isEqualTo("Element not an array - cannot have count");
    }

    /**
     * SCORM 2004 RTE 4.1.1 / 4.2: the SPMs are what an LMS must at least keep; the default limits are above every one
     * of them (characters of each element; records of each collection), and SCORM 1.2 keeps as much.
     */
    @Test
    void defaultLimitsAreAboveTheSmallestPermittedMaximums() {
        for (DataModel dm : List.of(DataModel.scorm12(), DataModel.scorm2004())) {
            for (Element e : dm.elements()) {
                if (e.spm() != null) {
                    assertThat(dm.limits().valueChars()).as(e.name()).isGreaterThan(e.spm());
                }
            }
            assertThat(dm.limits().valueChars()).isGreaterThanOrEqualTo(4 * 64_000);
            assertThat(dm.limits().records()).containsEntry("cmi.interactions", 1000)
                    .containsEntry("cmi.objectives", 1000).containsEntry("cmi.interactions.n.objectives", 100)
                    .containsEntry("cmi.interactions.n.correct_responses", 100);
        }
        Map<String, Integer> spm2004 = Map.of("cmi.interactions", 250, "cmi.objectives", 100,
                "cmi.comments_from_learner", 250, "cmi.interactions.n.objectives", 10,
                "cmi.interactions.n.correct_responses", 10);
        spm2004.forEach((collection, spm) -> assertThat(DataModel.scorm2004().limits().records().get(collection))
                .as(collection).isGreaterThanOrEqualTo(4 * spm));
        assertThat(DataModel.scorm2004().limits().setsPerCommit()).isEqualTo(10_000);
    }

    @Test
    void configuredLimitsAreServedToTheBrowserToo() throws Exception {
        DataModel dm = DataModel.scorm2004().withLimits(new DataModel.Limits(500, 20,
                Map.of("cmi.interactions", 3)));
        assertThat(dm.limits().records()).containsExactly(Map.entry("cmi.interactions", 3));
        var served = dev.manabi.core.Json.mapper().readTree(dm.json()).get("limits");
        assertThat(served.get("valueChars").asInt()).isEqualTo(500);
        assertThat(served.get("setsPerCommit").asInt()).isEqualTo(20);
        assertThat(served.get("records").get("cmi.interactions").asInt()).isEqualTo(3);
        assertThat(served.get("records").has("cmi.objectives")).isFalse();
        assertThat(DataModel.scorm2004().limits().valueChars()).as("the shared default is unchanged")
                .isEqualTo(262_144);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DataModel.scorm2004().withLimits(
                new DataModel.Limits(0, 1, Map.of()))).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<Arguments> everyElement() {
        return Stream.of(DataModel.scorm12(), DataModel.scorm2004())
                .flatMap(dm -> dm.elements().stream().map(e -> Arguments.of(dm.model(), e.name())));
    }

    /** Values making every enclosing record exist, so an element's own rules are what is tested. */
    private static CmiValues withRecords(DataModel dm, String concrete) {
        CmiValues v = new CmiValues();
        String[] parts = concrete.split("\\.");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].equals("0") && i + 1 < parts.length) {
                String record = prefix + "0";
                boolean adl = record.startsWith("adl.data");
                v.put(record + ".id", adl ? "urn:bucket" : "rec" + i);
                if (record.equals("cmi.interactions.0")) {
                    v.put(record + ".type", "other");
                }
                if (record.startsWith("cmi.comments_from_lms") || record.endsWith("correct_responses.0")) {
                    v.remove(record + ".id");
                    v.put(record + (record.endsWith("correct_responses.0") ? ".pattern" : ".comment"), "x");
                }
            }
            prefix.append(parts[i]).append('.');
        }
        return v;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyElement")
    void accessAndVocabularyAreEnforced(String model, String name) {
        DataModel dm = DataModel.of(model);
        Element e = dm.elements().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        String concrete = name.replace(".n.", ".0.").replace("{target}", "{target=sco1}");
        boolean v12 = model.equals("1.2");
        CmiValues v = withRecords(dm, concrete);
        if (!e.access().readable()) {
            assertThat(dm.getValue(v, concrete).error()).isEqualTo(v12 ? 404 : 405);
        } else {
            int error = dm.getValue(v, concrete).error();
            assertThat(error).as("readable").isIn(0, 403);
        }
        if (e.isKeyword()) {
            assertThat(dm.setValue(v, concrete, "x")).isEqualTo(v12 ? 402 : 404);
            return;
        }
        if (!e.access().writable()) {
            CmiValues before = v.copy();
            assertThat(dm.setValue(v, concrete, "x")).isEqualTo(v12 ? 403 : 404);
            assertThat(v.asMap()).isEqualTo(before.asMap());
            return;
        }
        for (String word : e.settable()) {
            assertThat(dm.setValue(v, concrete, word)).as(word).isZero();
        }
        if (!e.vocabulary().isEmpty()) {
            assertThat(dm.setValue(v, concrete, "no-such-word")).isEqualTo(v12 ? 405 : 406);
        }
    }
}
