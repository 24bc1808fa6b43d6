package dev.manabi.quiz;

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
 * Plug-ins of one SPI by id: the built-ins, then CDI beans, then {@link ServiceLoader} services. The first plug-in
 * with an id wins; a second one is ignored with a warning, because silently replacing how an existing quiz is scored
 * would change learners' results.
 */
final class Registry<T> {

    private static final Logger LOG = Logger.getLogger(Registry.class.getName());

    private final Map<String, T> byId;

    private Registry(Map<String, T> byId) {
        this.byId = Map.copyOf(byId);
    }

    static <T> Registry<T> of(Function<T, String> id, Collection<? extends T> builtIns, Iterable<? extends T> beans,
                              Class<T> spi) {
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
        return new Registry<>(byId);
    }

    /** Services visible to the SDK's class loader and to the application's (context) class loader. */
    static <T> List<T> serviceLoaded(Class<T> spi) {
        List<T> found = new ArrayList<>();
        ServiceLoader.load(spi, Registry.class.getClassLoader()).forEach(found::add);
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != Registry.class.getClassLoader()) {
            ServiceLoader.load(spi, context).forEach(found::add);
        }
        return found;
    }

    Optional<T> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    List<String> ids() {
        return byId.keySet().stream().sorted().toList();
    }

    static Registry<QuestionType> questionTypes(Iterable<? extends QuestionType> beans) {
        return of(QuestionType::id, List.of(new SingleChoice(), new MultipleChoice(), new TrueFalse(),
                new NumericAnswer(), new ShortText(), new Ordering(), new Matching()), beans, QuestionType.class);
    }

    static Registry<ConditionKind> conditionKinds(Iterable<? extends ConditionKind> beans) {
        return of(ConditionKind::id, List.of(new Conditions.FactCondition(), new Conditions.QuizCondition()), beans,
                ConditionKind.class);
    }
}
