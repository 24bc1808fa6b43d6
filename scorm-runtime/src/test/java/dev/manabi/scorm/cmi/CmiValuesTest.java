package dev.manabi.scorm.cmi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The record bookkeeping that keeps SetValue's cost independent of how many values a SCO already stored. */
class CmiValuesTest {

    @Test
    void countsRecordsAsTheLowestIndexWithoutValues() {
        CmiValues v = new CmiValues(Map.of("cmi.interactions.0.id", "q0", "cmi.interactions.1.id", "q1",
                "cmi.interactions.1.objectives.0.id", "o", "cmi.interactions.3.id", "q3"));
        assertThat(v.count("cmi.interactions")).isEqualTo(2);
        assertThat(v.count("cmi.interactions.1.objectives")).isEqualTo(1);
        assertThat(v.count("cmi.interactions.0.objectives")).isZero();
        assertThat(v.count("cmi.objectives")).isZero();
        v.put("cmi.interactions.2.type", "choice");
        assertThat(v.count("cmi.interactions")).as("the gap closed").isEqualTo(4);
        v.remove("cmi.interactions.2.type");
        assertThat(v.count("cmi.interactions")).isEqualTo(2);
        v.put("cmi.interactions.1.id", null);
        assertThat(v.count("cmi.interactions")).as("index 1 still has objectives").isEqualTo(2);
        v.remove("cmi.interactions.1.objectives.0.id");
        assertThat(v.count("cmi.interactions")).isEqualTo(1);
        assertThat(v.count("cmi.interactions.1.objectives")).isZero();
    }

    @Test
    void overwritingAValueKeepsTheCount() {
        CmiValues v = new CmiValues();
        v.put("cmi.objectives.0.id", "a").put("cmi.objectives.0.id", "b").put("cmi.objectives.0.score.raw", "1");
        v.remove("cmi.objectives.0.score.raw");
        assertThat(v.count("cmi.objectives")).isEqualTo(1);
        assertThat(v.copy().count("cmi.objectives")).isEqualTo(1);
    }

    @Test
    void findsRecordsByKeyFieldAndFollowsChanges() {
        CmiValues v = new CmiValues();
        v.put("cmi.objectives.0.id", "a").put("cmi.objectives.1.id", "b");
        assertThat(v.recordsWith("cmi.objectives", "id", "b")).containsExactly(1);
        v.put("cmi.objectives.1.id", "c").put("cmi.objectives.2.id", "a");
        assertThat(v.recordsWith("cmi.objectives", "id", "b")).isEmpty();
        assertThat(v.recordsWith("cmi.objectives", "id", "c")).containsExactly(1);
        assertThat(v.recordsWith("cmi.objectives", "id", "a")).containsExactlyInAnyOrder(0, 2);
        v.remove("cmi.objectives.0.id");
        assertThat(v.recordsWith("cmi.objectives", "id", "a")).containsExactly(2);
        assertThat(v.recordsWith("cmi.interactions", "id", "a")).isEmpty();
    }

    @Test
    void bookkeepingKeysAndTargetsAreNotRecordsOfAnotherCollection() {
        CmiValues v = new CmiValues();
        v.put("adl.data.0.id", "urn:x").put("adl.data.0.store#access", "ro")
                .put("adl.nav.request_valid.choice.{target=sco.2}", "true");
        assertThat(v.count("adl.data")).isEqualTo(1);
        v.remove("adl.data.0.id");
        assertThat(v.count("adl.data")).as("the access key still belongs to record 0").isEqualTo(1);
    }
}
