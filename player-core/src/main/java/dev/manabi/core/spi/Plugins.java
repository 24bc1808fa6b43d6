package dev.manabi.core.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Plug-ins of one SPI by id (the quiz engine's question types, the completion rules' condition kinds), looked up in
 * this priority order: the module's built-ins, then CDI beans, then {@link ServiceLoader} services (the SDK's class
 * loader before the application's). The first plug-in with an id wins; a later one with the same id is ignored
 * with a warning naming both classes (the same class found twice, e.g. as a bean and as a service, is no conflict).
 * Silently replacing how an existing quiz is scored or a rule is judged would change learners' results, so a
 * plug-in can never override a built-in. Ids are lower-case letters, digits and {@code -} (at most 64); a plug-in
 * with another id is ignored with a warning.
 */
public final class Plugins<T> {

    private static final Logger LOG = Logger.getLogger(Plugins.class.getName());

    private final Map<String, T> byId;

    private Plugins(Map<String, T> byId) {
        this.byId = Map.copyOf(byId);
    }

    /**
     * @param id       a plug-in's id
     * @param builtIns the module's own, first
     * @param beans    the CDI beans of the SPI ({@code @Any Instance<T>}), or an empty list without CDI
     * @param spi      the SPI, whose {@code META-INF/services} entries are loaded last
     */
    public static <T> Plugins<T> of(Function<T, String> id, Collection<? extends T> builtIns,
                                    Iterable<? extends T> beans, Class<T> spi) {
        Map<String, T> byId = new LinkedHashMap<>();
        List<T> all = new ArrayList<>(builtIns);
        beans.forEach(all::add);
        all.addAll(serviceLoaded(spi));
        for (T plugin : all) {
            String key = id.apply(plugin);
            if (key == null || !key.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                LOG.warning(() -> "Ignoring " + spi.getSimpleName() + " " + plugin.getClass().getName()
                        + ": id '" + key + "' must be lower-case letters, digits and '-'");
                continue;
            }
            T first = byId.putIfAbsent(key, plugin);
            if (first != null && first.getClass() != plugin.getClass()) {
                LOG.warning(() -> "Ignoring " + spi.getSimpleName() + " " + plugin.getClass().getName() + ": id '"
                        + key + "' already belongs to " + first.getClass().getName());
            }
        }
        return new Plugins<>(byId);
    }

    /** Services visible to the SDK's class loader and to the application's (context) class loader. */
    public static <T> List<T> serviceLoaded(Class<T> spi) {
        List<T> found = new ArrayList<>();
        ServiceLoader.load(spi, Plugins.class.getClassLoader()).forEach(found::add);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != Plugins.class.getClassLoader()) {
            ServiceLoader.load(spi, context).forEach(found::add);
        }
        return found;
    }

    /** The plug-in with this id, if one is installed. */
    public Optional<T> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every installed id, sorted (for error messages that list what is known). */
    public List<String> ids() {
        return byId.keySet().stream().sorted().toList();
    }
}
