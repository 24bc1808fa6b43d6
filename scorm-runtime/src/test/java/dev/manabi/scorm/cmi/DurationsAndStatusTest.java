package dev.manabi.scorm.cmi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsAndStatusTest {

    @ParameterizedTest
    @CsvSource({"0000:00:00.00,0", "00:00:01,100", "0001:02:03.5,372350", "9999:59:59.99,3599999999",
        "12:00:00.05,4320005", "00:60:00,-1", "1:00:00,-1", "PT1H,-1"})
    void scorm12Timespans(String text, long hundredths) {
        assertThat(Durations.parseTimespan(text)).isEqualTo(hundredths);
    }

    @ParameterizedTest
    @CsvSource({"PT0S,0", "PT1H2M3.5S,372350", "PT0.01S,1", "PT90M,540000", "P1D,8640000", "P1DT1S,8640100",
        "PT1.005S,101", "P1Y,3153600000", "P1M,259200000", "PT,-1", "P,-1", "1H,-1", "PT1.5M,-1"})
    void scorm2004Durations(String text, long hundredths) {
        assertThat(Durations.parseIso(text)).isEqualTo(hundredths);
    }

    @Test
    void formatsRoundTrip() {
        assertThat(Durations.formatTimespan(372350)).isEqualTo("0001:02:03.50");
        assertThat(Durations.formatTimespan(0)).isEqualTo("0000:00:00.00");
        assertThat(Durations.formatTimespan(Long.MAX_VALUE)).isEqualTo("9999:59:59.99");
        assertThat(Durations.formatIso(372350)).isEqualTo("PT1H2M3.5S");
        assertThat(Durations.formatIso(372301)).isEqualTo("PT1H2M3.01S");
        assertThat(Durations.formatIso(0)).isEqualTo("PT0H0M0S");
        for (long cs : new long[] {0, 1, 99, 100, 6001, 372350, 8640100}) {
            assertThat(Durations.parseIso(Durations.formatIso(cs))).isEqualTo(cs);
            assertThat(Durations.parseTimespan(Durations.formatTimespan(cs))).isEqualTo(cs);
        }
    }

    @Test
    void totalTimeAccumulatesAcrossFormats() {
        long total = Durations.parse("1.2", "00:10:30") + Durations.parse("1.2", "0000:00:45.25");
        assertThat(Durations.format("1.2", total)).isEqualTo("0000:11:15.25");
        long t2004 = Durations.parse("2004", "PT10M30S") + Durations.parse("2004", "PT45.25S");
        assertThat(Durations.format("2004", t2004)).isEqualTo("PT0H11M15.25S");
    }

    @Test
    void hugeDurationsSaturateInsteadOfFailing() {
        // Both patterns accept any number of digits (SCORM 2004 RTE 4.1.1.4 timeinterval, a SetValue the data model
        // accepts): parsing never throws and never wraps around to a negative or small time.
        long max = Durations.MAX;
        assertThat(Durations.parseIso("P99999999999999999999Y")).isEqualTo(max);
        assertThat(Durations.parseIso("PT9999999999999999H")).isEqualTo(max);
        assertThat(Durations.parseIso("PT99999999999999999999.5S")).isEqualTo(max);
        assertThat(Durations.parseIso("P100000Y")).isEqualTo(100000 * Durations.YEAR);
        assertThat(Durations.add(max, Durations.parseIso("PT1S"))).isEqualTo(max);
        assertThat(Durations.add(Long.MAX_VALUE - 1, 2)).isEqualTo(max);
        assertThat(Durations.add(100, 250)).isEqualTo(350);
        assertThat(Durations.formatIso(max)).matches("PT\\d+H\\d+M\\d+(\\.\\d{1,2})?S");
        assertThat(Durations.parseIso(Durations.formatIso(max))).isEqualTo(max);
    }

    @Test
    void completionThreshold() {
        // SCORM 2004 RTE 4.2.4.1
        assertThat(StatusEvaluation.completion(null, null, null)).isEqualTo("unknown");
        assertThat(StatusEvaluation.completion("incomplete", null, 1.0)).isEqualTo("incomplete");
        assertThat(StatusEvaluation.completion("incomplete", 0.8, 0.8)).isEqualTo("completed");
        assertThat(StatusEvaluation.completion("completed", 0.8, 0.79)).isEqualTo("incomplete");
        assertThat(StatusEvaluation.completion("completed", 0.8, null))
                .as("a threshold without a progress measure: unknown, whatever the SCO set").isEqualTo("unknown");
        assertThat(StatusEvaluation.completion("completed", null, null)).isEqualTo("completed");
    }

    @Test
    void scaledPassingScore() {
        // SCORM 2004 RTE 4.2.21.1
        assertThat(StatusEvaluation.success(null, null, 0.9)).isEqualTo("unknown");
        assertThat(StatusEvaluation.success("failed", null, 0.9)).isEqualTo("failed");
        assertThat(StatusEvaluation.success("failed", 0.6, 0.6)).isEqualTo("passed");
        assertThat(StatusEvaluation.success("passed", 0.6, 0.59)).isEqualTo("failed");
        assertThat(StatusEvaluation.success("passed", 0.6, null)).isEqualTo("unknown");
        assertThat(StatusEvaluation.success(null, -0.5, -0.5)).isEqualTo("passed");
    }

    @Test
    void masteryScore() {
        // SCORM 1.2 RTE 3.4.4 lesson_status and mastery_score
        assertThat(StatusEvaluation.lessonStatus12("completed", "credit", "normal", 80.0, 80.0, false))
                .isEqualTo("passed");
        assertThat(StatusEvaluation.lessonStatus12("passed", "credit", "normal", 80.0, 79.5, false))
                .isEqualTo("failed");
        assertThat(StatusEvaluation.lessonStatus12("completed", "no-credit", "normal", 80.0, 10.0, false))
                .isEqualTo("completed");
        assertThat(StatusEvaluation.lessonStatus12("incomplete", "credit", "normal", null, 10.0, true))
                .isEqualTo("incomplete");
        assertThat(StatusEvaluation.lessonStatus12(null, "credit", "normal", null, null, true)).isEqualTo("completed");
        assertThat(StatusEvaluation.lessonStatus12(null, "no-credit", "browse", null, null, false))
                .isEqualTo("browsed");
        assertThat(StatusEvaluation.lessonStatus12(null, "credit", "normal", 50.0, null, false))
                .isEqualTo("not attempted");
    }
}
