package dev.manabi.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.i18n.UiBundleCheck;
import dev.manabi.i18n.UiLanguage;
import dev.manabi.i18n.UiMessages;
import org.junit.jupiter.api.Test;

class UiBundleTest {

    @Test
    void quizTextsAreCompleteInEveryLanguage() {
        assertThat(UiBundleCheck.problems(UiMessages.get())).isEmpty();
        for (UiLanguage language : UiLanguage.all()) {
            assertThat(UiMessages.get().bundle(language)).containsKeys("quiz.submit", "quiz.timeLeft",
                    "quiz.report.column.score");
        }
    }
}
