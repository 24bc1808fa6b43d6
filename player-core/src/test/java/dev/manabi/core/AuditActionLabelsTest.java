package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.manabi.i18n.UiLanguage;
import dev.manabi.i18n.UiMessages;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every audit action code (AuditLog.Action) is offered by the admin UI's filter and has a label in all five UI
 * languages, so an admin never reads a raw code. Issue 15 (review 2, A5) added codes; fails when one is missing.
 */
class AuditActionLabelsTest {

    @Test
    void everyActionIsOfferedAndLabelledInEveryLanguage() throws IOException, IllegalAccessException {
        List<String> codes = new ArrayList<>();
        for (Field f : AuditLog.Action.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                codes.add((String) f.get(null));
            }
        }
        String panel;
        try (InputStream in = getClass().getResourceAsStream(
                "/META-INF/resources/manabi/assets/core/manabi-admin-audit.js")) {
            panel = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String code : codes) {
            assertThat(panel).as("the admin panel offers " + code).contains("'" + code + "'");
            for (UiLanguage language : UiLanguage.values()) {
                assertThat(UiMessages.get().bundle(language)).as(language + " label of " + code)
                        .containsKey("admin.audit.action." + code);
            }
        }
    }
}
