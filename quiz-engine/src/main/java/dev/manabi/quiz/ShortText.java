package dev.manabi.quiz;

import dev.manabi.core.spi.Problems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code short-text}: the {@code accepted} answers (one or more) and {@code caseSensitive} (default false).
 * Response: a string. Both sides are NFKC-normalized (so full-width "ＰＩＮ" and half-width "ｶﾅ" match "PIN"
 * and "カナ"), trimmed, inner white space collapsed, and case-folded unless the question is case-sensitive.
 */
final class ShortText implements QuestionType {

    static final int MAX_LENGTH = 500;

    @Override
    public String id() {
        return "short-text";
    }

    @Override
    public Optional<Set<String>> members() {
        return Optional.of(Set.of("accepted", "caseSensitive"));
    }

    @Override
    public void validate(ObjectNode question, Problems problems) {
        Optional<JsonNode> accepted = problems.requireArray(question, "accepted", 1);
        problems.optionalBoolean(question, "caseSensitive");
        if (accepted.isPresent()) {
            for (int i = 0; i < accepted.get().size(); i++) {
                JsonNode a = accepted.get().get(i);
                if (!a.isTextual() || normalize(a.asText(), true).isEmpty()) {
                    problems.at("accepted").add(i, "must be a non-blank string");
                } else if (a.asText().length() > MAX_LENGTH) {
                    problems.at("accepted").add(i, "must be at most " + MAX_LENGTH + " characters");
                }
            }
        }
    }

    @Override
    public Score score(Question question, JsonNode response) {
        if (!response.isTextual() || response.asText().length() > MAX_LENGTH) {
            return Score.zero(question);
        }
        boolean caseSensitive = question.definition().path("caseSensitive").asBoolean(false);
        String given = normalize(response.asText(), caseSensitive);
        if (given.isEmpty()) {
            return Score.zero(question);
        }
        for (JsonNode accepted : question.definition().get("accepted")) {
            if (normalize(accepted.asText(), caseSensitive).equals(given)) {
                return Score.full(question);
            }
        }
        return Score.zero(question);
    }

    /** NFKC, trimmed, inner white space (including the ideographic space) collapsed, optionally case-folded. */
    static String normalize(String text, boolean caseSensitive) {
        String n = Normalizer.normalize(text, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
        // Case folding after NFKC: full-width letters are ASCII by now; ROOT avoids the Turkish dotless-i surprise.
        return caseSensitive ? n : n.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    @Override
    public ObjectNode clientView(Question question, View view) {
        ObjectNode out = view.object();
        out.put("maxLength", MAX_LENGTH);
        if (view.revealAnswers()) {
            out.set("accepted", question.definition().get("accepted").deepCopy());
        }
        return out;
    }

    @Override
    public String rendererModule() {
        return "quiz/types/short-text.js";
    }
}
