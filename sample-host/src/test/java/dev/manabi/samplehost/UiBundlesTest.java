package dev.manabi.samplehost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.i18n.UiBundleCheck;
import dev.manabi.i18n.UiMessages;
import org.junit.jupiter.api.Test;

/** All UI texts the portal serves, its own and every SDK module's, complete in all four languages. */
class UiBundlesTest {

    @Test
    void everyKeyIsTranslated() {
        assertThat(UiBundleCheck.problems(UiMessages.get())).isEmpty();
    }
}
