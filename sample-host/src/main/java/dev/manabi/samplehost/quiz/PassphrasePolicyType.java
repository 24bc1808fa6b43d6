package dev.manabi.samplehost.quiz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.manabi.core.spi.Problems;
import dev.manabi.quiz.Question;
import dev.manabi.quiz.QuestionType;
import dev.manabi.quiz.Score;
import dev.manabi.quiz.View;
import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The portal's own question type, written against the SDK's public {@code QuestionType} SPI only: the learner makes
 * up a passphrase that must satisfy the institution's password policy, and the server checks each rule. Found by the
 * quiz engine as a CDI bean of this WAR; its browser renderer is {@code /quiz-types/passphrase-policy.js}.
 *
 * <pre>{@code
 * {"id": "q5", "type": "passphrase-policy", "prompt": {...},
 *  "minLength": 12, "require": ["lowercase", "uppercase", "digit"], "forbid": ["password", "univ"]}
 * }</pre>
 * Every rule (the length, each required character class, not containing any forbidden word) is worth the same share
 * of the points. Passphrases are compared after NFKC, so full-width letters typed with a Japanese IME count as
 * letters; the response is stored like any quiz response, which is why the prompt asks for a made-up passphrase.
 */
@ApplicationScoped
public class PassphrasePolicyType implements QuestionType {

    static final Set<String> CLASSES = Set.of("lowercase", "uppercase", "digit", "symbol");
    static final int MAX_LENGTH = 200;

    @Override
    public String id() {
        return "passphrase-policy";
    }

    @Override
    public Optional<Set<String>> members() {
        return Optional.of(Set.of("minLength", "require", "forbid"));
    }

    @Override
    public void validate(ObjectNode question, Problems problems) {
        Optional<Double> min = problems.requireNumber(question, "minLength");
        if (min.isPresent() && (min.get() < 1 || min.get() > MAX_LENGTH || min.get() != Math.rint(min.get()))) {
            problems.add("minLength", "must be a whole number from 1 to " + MAX_LENGTH);
        }
        JsonNode require = question.path("require");
        if (!question.has("require") || !require.isArray()) {
            problems.add("require", "must be an array of " + CLASSES.stream().sorted().toList());
        } else {
            for (int i = 0; i < require.size(); i++) {
                if (!CLASSES.contains(require.get(i).asText())) {
                    problems.at("require").add(i, "must be one of " + CLASSES.stream().sorted().toList());
                }
            }
        }
        JsonNode forbid = question.path("forbid");
        if (question.has("forbid") && !forbid.isArray()) {
            problems.add("forbid", "must be an array of words");
        }
        for (int i = 0; forbid.isArray() && i < forbid.size(); i++) {
            if (!forbid.get(i).isTextual() || forbid.get(i).asText().isBlank()) {
                problems.at("forbid").add(i, "must be a non-blank word");
            }
        }
    }

    @Override
    public Score score(Question question, JsonNode response) {
        if (!response.isTextual() || response.asText().length() > MAX_LENGTH) {
            return Score.zero(question);
        }
        String passphrase = Normalizer.normalize(response.asText(), Normalizer.Form.NFKC);
        List<Boolean> rules = new ArrayList<>();
        rules.add(passphrase.codePointCount(0, passphrase.length()) >= question.definition().get("minLength").asInt());
        for (JsonNode required : question.definition().get("require")) {
            rules.add(passphrase.codePoints().anyMatch(cp -> switch (required.asText()) {
                case "lowercase" -> Character.isLowerCase(cp);
                case "uppercase" -> Character.isUpperCase(cp);
                case "digit" -> Character.isDigit(cp);
                default -> !Character.isLetterOrDigit(cp) && !Character.isWhitespace(cp);
            }));
        }
        JsonNode forbid = question.definition().path("forbid");
        if (forbid.isArray() && !forbid.isEmpty()) {
            String lower = passphrase.toLowerCase(Locale.ROOT);
            boolean clean = true;
            for (JsonNode word : forbid) {
                clean &= !lower.contains(Normalizer.normalize(word.asText(), Normalizer.Form.NFKC)
                        .toLowerCase(Locale.ROOT));
            }
            rules.add(clean);
        }
        long met = rules.stream().filter(Boolean::booleanValue).count();
        return Score.fraction(question, met / (double) rules.size());
    }

    /** The policy is stated in the prompt; the view adds only what the counter needs, never a checker. */
    @Override
    public ObjectNode clientView(Question question, View view) {
        return view.object().put("minLength", question.definition().get("minLength").asInt())
                .put("maxLength", MAX_LENGTH);
    }

    @Override
    public String rendererModule() {
        return "/quiz-types/passphrase-policy.js";
    }
}
