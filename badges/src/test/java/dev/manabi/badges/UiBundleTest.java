package dev.manabi.badges;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.i18n.UiBundleCheck;
import dev.manabi.i18n.UiLanguage;
import dev.manabi.i18n.UiMessages;
import org.junit.jupiter.api.Test;

class UiBundleTest {

    @Test
    void everyKeyInEveryLanguage() {
        assertThat(UiBundleCheck.problems(UiMessages.get())).isEmpty();
        for (UiLanguage language : UiLanguage.all()) {
            assertThat(UiMessages.get().bundle(language)).containsKeys("badges.criteria.course-completed",
                    "badges.criteria.course-passed", "badges.criteria.unit", "badges.region", "badges.none",
                    "badges.issuedOn", "badges.revoked", "badges.download", "badges.downloadLabel", "badges.verify",
                    "badges.noMail", "badges.ob3", "badges.ob3Kind");
        }
    }
}
