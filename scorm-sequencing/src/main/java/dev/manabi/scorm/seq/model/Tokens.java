package dev.manabi.scorm.seq.model;

import java.util.function.Function;

/** Looks up the enum constant of a manifest vocabulary token (IMS SS / ADL vocabularies are case-sensitive). */
final class Tokens {
    private Tokens() {
    }

    static <E> E parse(E[] values, Function<E, String> token, String value, String what) {
        for (E e : values) {
            if (token.apply(e).equals(value)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + value + "'");
    }
}
