package dev.manabi.book;

import dev.manabi.core.RestComponents;
import java.util.Set;

/** Adds the book resources to the SDK's JAX-RS application (listed in META-INF/services). */
public final class BookRestComponents implements RestComponents {

    @Override
    public Set<Class<?>> classes() {
        return Set.of(BooksResource.class);
    }
}
