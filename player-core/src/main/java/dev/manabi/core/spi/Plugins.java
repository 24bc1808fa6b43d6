package dev.manabi.core.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Plug-ins of one SPI by id (the quiz engine's question types, the completion rules' condition kinds). Silently
 * replacing how an existing quiz is scored or a rule is judged would change learners' results, so which plug-in
 * owns an id never depends on chance. Tiers, in this order:
 * <ol>
 *   <li>the module's <b>built-ins</b>;</li>
 *   <li><b>reserved ids</b>: ids the SDK's own modules own, each with the one class allowed to have it (the quiz
 *       engine's {@code quiz} condition kind). A module declares them in a resource it ships,
 *       {@value #RESERVED_IDS}{@code <SPI class name>}, one {@code id=class name} per line ({@code #} starts a
 *       comment), read from the SDK's and the application's class loaders, so the module owning the SPI names no
 *       other module (issue 15, review 3). That class is used wherever it is found (bean or service); any other
 *       class with a reserved id is ignored, so stored data of that id is never judged by a stranger. A
 *       reservation lasts while its module's jar is installed;</li>
 *   <li>CDI <b>beans</b>;</li>
 *   <li>{@link ServiceLoader} <b>services</b> (the SDK's class loader, then the application's).</li>
 * </ol>
 * An id taken in an earlier tier is kept; a later plug-in with it is ignored with a warning naming both classes.
 * Two <b>different classes</b> claiming one id <b>within one tier</b> (two beans, two services) have no defined
 * order (CDI's {@code Instance} and the class path give none), so <b>neither</b> is used: the id is reported by
 * {@link #conflicts()} (modules turn it into a readiness reason) and logged as an error. One class found several
 * times (a bean also listed as a service, a service seen by both class loaders, a CDI client proxy of the bean) is
 * one plug-in: classes are compared by name, proxies by the bean class they stand for. Ids are lower-case letters,
 * digits and {@code -} (at most 64); a plug-in with another id is ignored with a warning.
 */
public final class Plugins<T> {

    private static final Logger LOG = Logger.getLogger(Plugins.class.getName());

    /** Where SDK modules declare the ids they reserve for their classes: this prefix and the SPI's class name. */
    public static final String RESERVED_IDS = "META-INF/manabi/reserved-ids/";

    private final Map<String, T> byId;
    private final Map<String, List<String>> conflicts;

    private Plugins(Map<String, T> byId, Map<String, List<String>> conflicts) {
        this.byId = Map.copyOf(byId);
        this.conflicts = Map.copyOf(conflicts);
    }

    /**
     * @param id       a plug-in's id
     * @param builtIns the module's own, first
     * @param beans    the CDI beans of the SPI ({@code @Any Instance<T>}), or an empty list without CDI
     * @param spi      the SPI, whose {@code META-INF/services} entries are loaded last
     */
    public static <T> Plugins<T> of(Function<T, String> id, Collection<? extends T> builtIns,
                                    Iterable<? extends T> beans, Class<T> spi) {
        return of(id, builtIns, Map.of(), beans, spi);
    }

    /**
     * @param given ids owned by the SDK's other modules, each with the name of the one class allowed to have it,
     *              besides those the modules declare ({@link #RESERVED_IDS})
     */
    public static <T> Plugins<T> of(Function<T, String> id, Collection<? extends T> builtIns,
                                    Map<String, String> given, Iterable<? extends T> beans, Class<T> spi) {
        Map<String, String> reserved = new LinkedHashMap<>(declaredReservations(spi));
        reserved.putAll(given);
        List<T> beanList = new ArrayList<>();
        beans.forEach(beanList::add);
        List<T> services = serviceLoaded(spi);
        Map<String, T> byId = new LinkedHashMap<>();
        for (T builtIn : builtIns) {
            byId.put(id.apply(builtIn), builtIn);
        }
        List<T> candidates = new ArrayList<>(beanList);
        candidates.addAll(services);
        reserved.forEach((key, owner) -> {
            if (!byId.containsKey(key)) {
                candidates.stream().filter(p -> owner.equals(className(p)) && key.equals(id.apply(p))).findFirst()
                        .ifPresent(p -> byId.put(key, p));
            }
        });
        Map<String, List<String>> conflicts = new TreeMap<>();
        for (List<T> tier : List.of(beanList, services)) {
            Map<String, List<T>> claims = new LinkedHashMap<>();
            for (T plugin : tier) {
                String key = id.apply(plugin);
                if (key == null || !key.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                    LOG.warning(() -> "Ignoring " + spi.getSimpleName() + " " + className(plugin)
                            + ": id '" + key + "' must be lower-case letters, digits and '-'");
                    continue;
                }
                claims.computeIfAbsent(key, k -> new ArrayList<>()).add(plugin);
            }
            claims.forEach((key, claimants) -> {
                Set<String> classes = new LinkedHashSet<>(claimants.stream().map(Plugins::className).toList());
                T first = byId.get(key);
                if (conflicts.containsKey(key)) {
                    conflicts.get(key).addAll(classes.stream().filter(c -> !conflicts.get(key).contains(c)).toList());
                } else if (first != null) {
                    classes.remove(className(first));
                    classes.forEach(c -> LOG.warning(() -> "Ignoring " + spi.getSimpleName() + " " + c + ": id '"
                            + key + "' already belongs to " + className(first)));
                } else if (reserved.containsKey(key)) {
                    classes.forEach(c -> LOG.warning(() -> "Ignoring " + spi.getSimpleName() + " " + c + ": id '"
                            + key + "' is reserved for " + reserved.get(key) + " (not installed)"));
                } else if (classes.size() > 1) {
                    conflicts.put(key, new ArrayList<>(classes));
                    LOG.severe(() -> spi.getSimpleName() + " id '" + key + "' is claimed by " + classes + " at"
                            + " the same priority; none of them is used until only one is installed");
                } else {
                    byId.put(key, claimants.get(0));
                }
            });
        }
        return new Plugins<>(byId, conflicts);
    }

    /**
     * The class a plug-in stands for: CDI client proxies (Weld's {@code Foo$Proxy$_$$_WeldClientProxy},
     * OpenWebBeans' {@code Foo$$OwbNormalScopeProxy0}) extend the bean class, whose name is taken instead.
     */
    static String className(Object plugin) {
        Class<?> c = plugin.getClass();
        while (c.getSuperclass() != null && c.getSuperclass() != Object.class
                && (c.isSynthetic() || c.getName().contains("$Proxy$") || c.getName().contains("$$"))) {
            c = c.getSuperclass();
        }
        return c.getName();
    }

    /**
     * The ids SDK modules reserve for their classes of {@code spi} ({@link #RESERVED_IDS}), from the SDK's and the
     * application's class loaders. Two modules reserving one id for different classes: the first found is kept and
     * the other logged (the SDK's own modules never do).
     */
    public static Map<String, String> declaredReservations(Class<?> spi) {
        Map<String, String> out = new TreeMap<>();
        Set<java.net.URL> seen = new LinkedHashSet<>();
        for (ClassLoader loader : new ClassLoader[] {Plugins.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                for (java.net.URL url : java.util.Collections.list(loader.getResources(RESERVED_IDS + spi.getName()))) {
                    if (seen.add(url)) {
                        read(url, out);
                    }
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Reserved " + spi.getSimpleName() + " ids unreadable", e);
            }
        }
        return out;
    }

    private static void read(java.net.URL url, Map<String, String> into) throws java.io.IOException {
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(url.openStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String entry = line.strip();
                int eq = entry.indexOf('=');
                if (entry.isEmpty() || entry.startsWith("#") || eq < 1) {
                    continue;
                }
                String key = entry.substring(0, eq).strip();
                String owner = entry.substring(eq + 1).strip();
                String earlier = into.putIfAbsent(key, owner);
                if (earlier != null && !earlier.equals(owner)) {
                    LOG.warning(() -> "Id '" + key + "' is reserved for " + earlier + " already; " + url
                            + " reserves it for " + owner + ", ignored");
                }
            }
        }
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

    /**
     * Ids claimed by different classes at the same priority, none of which is used, each with those classes' names;
     * empty when every id has one owner. Sorted by id.
     */
    public Map<String, List<String>> conflicts() {
        return conflicts;
    }
}
