package dev.manabi.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A mail address for learners whose identity provider releases none. It is stable per learner (so records line up)
 * but reveals nothing and can never be delivered: {@code .invalid} is reserved for exactly that by RFC 2606 section 2.
 */
final class PlaceholderMail {

    static final String DOMAIN = "manabi.invalid";

    private PlaceholderMail() {
    }

    static String forLearner(String learnerId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(learnerId.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return "learner-" + HexFormat.of().formatHex(digest, 0, 10) + "@" + DOMAIN;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
