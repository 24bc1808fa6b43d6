package dev.manabi.quiz;

import dev.manabi.core.spi.Plugins;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

final class Fixtures {

    static final Plugins<QuestionType> TYPES = QuizEngine.questionTypes(List.of());

    private Fixtures() {
    }

    static ObjectNode json(String json) {
        return (ObjectNode) node(json);
    }

    static JsonNode node(String json) {
        try {
            return Json.mapper().readTree(json.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode resource(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/quizzes/" + name)) {
            return (ObjectNode) Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name) {
        return resource(name).toString();
    }

    /** A one-question quiz around {@code question} (single quotes for readability), parsed and validated. */
    static Question question(String question) {
        ObjectNode quiz = json("{'id': 'q', 'title': {'en': 'T'}, 'settings': {'passThreshold': {'percent': 50}}}");
        quiz.putArray("questions").add(json(question));
        return new DefinitionParser(TYPES).parse(quiz).questions().get(0);
    }

    static QuestionType type(Question q) {
        return TYPES.find(q.type()).orElseThrow();
    }

    static Score score(Question q, JsonNode response) {
        return type(q).score(q, response);
    }
}
