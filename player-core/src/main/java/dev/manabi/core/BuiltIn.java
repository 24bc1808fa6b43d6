package dev.manabi.core;

import jakarta.enterprise.util.AnnotationLiteral;
import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the SDK's own {@link dev.manabi.api.LearnerContextProvider}s. Being qualified, they never satisfy a
 * {@code @Default} injection point, so a host's unqualified provider bean wins without any configuration.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@interface BuiltIn {

    /** The name used in {@code manabi.identity.provider}. */
    String value();

    final class Literal extends AnnotationLiteral<BuiltIn> implements BuiltIn {
        private static final long serialVersionUID = 1L;
        private final String value;

        Literal(String value) {
            this.value = value;
        }

        @Override
        public String value() {
            return value;
        }
    }
}
