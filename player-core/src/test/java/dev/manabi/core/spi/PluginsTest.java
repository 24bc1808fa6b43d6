package dev.manabi.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which plug-in owns an id never depends on chance (issue 15 review, B-1 and B-2): built-ins, then ids reserved for
 * the SDK's modules, then beans, then services; two classes claiming one id at the same priority are both refused
 * and reported; one bean seen through its CDI client proxy is one plug-in.
 */
class PluginsTest {

    /** The SPI of these tests; no {@code META-INF/services} file lists it, so the services tier is empty. */
    interface Kind {
        String id();
    }

    static class Named implements Kind {
        private final String id;

        Named(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }
    }

    static final class OtherNamed extends Named {
        OtherNamed(String id) {
            super(id);
        }
    }

    static final class Owner extends Named {
        Owner() {
            super("owned");
        }
    }

    /** Named as Weld names a client proxy of the bean class {@link Named}, which it extends. */
    static final class Named$Proxy$_$$_WeldClientProxy extends Named {
        Named$Proxy$_$$_WeldClientProxy(String id) {
            super(id);
        }
    }

    private static final Function<Kind, String> ID = Kind::id;
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger(Plugins.class.getName()).addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger(Plugins.class.getName()).removeHandler(handler);
    }

    @Test
    void twoClassesWithOneIdAtTheSamePriorityAreBothRefusedAndReported() {
        Plugins<Kind> kinds = Plugins.of(ID, List.of(), List.of(new Named("stars"), new OtherNamed("stars"),
                new Named("hearts")), Kind.class);

        assertThat(kinds.find("stars")).as("neither wins by the order CDI happens to list them").isEmpty();
        assertThat(kinds.ids()).containsExactly("hearts");
        assertThat(kinds.conflicts()).containsOnlyKeys("stars");
        assertThat(kinds.conflicts().get("stars")).containsExactlyInAnyOrder(Named.class.getName(),
                OtherNamed.class.getName());
        assertThat(logged).extracting(LogRecord::getLevel).containsExactly(Level.SEVERE);
    }

    @Test
    void aBeanSeenThroughItsClientProxyIsOnePluginWithoutWarning() {
        Plugins<Kind> kinds = Plugins.of(ID, List.of(new Named("fact")),
                List.of(new Named$Proxy$_$$_WeldClientProxy("fact"), new Named$Proxy$_$$_WeldClientProxy("stars"),
                        new Named("stars")), Kind.class);

        assertThat(kinds.find("stars")).isPresent();
        assertThat(kinds.conflicts()).isEmpty();
        assertThat(logged).as("the proxy stands for the bean class, which is no conflict").isEmpty();
        assertThat(Plugins.className(new Named$Proxy$_$$_WeldClientProxy("x"))).isEqualTo(Named.class.getName());
    }

    @Test
    void aLaterTierNeverReplacesAnEarlierOne() {
        Plugins<Kind> kinds = Plugins.of(ID, List.of(new Named("fact")), List.of(new OtherNamed("fact")),
                Kind.class);

        assertThat(kinds.find("fact")).get().isExactlyInstanceOf(Named.class);
        assertThat(kinds.conflicts()).isEmpty();
        assertThat(logged).singleElement().satisfies(r -> {
            assertThat(r.getLevel()).isEqualTo(Level.WARNING);
            assertThat(r.getMessage()).contains(OtherNamed.class.getName(), Named.class.getName());
        });
    }

    @Test
    void aReservedIdGoesToItsOwnerWhereverItIsFoundAndToNoOneElse() {
        Map<String, String> reserved = Map.of("owned", Owner.class.getName());

        Plugins<Kind> withOwner = Plugins.of(ID, List.of(), reserved, List.of(new Named("owned"), new Owner()),
                Kind.class);
        assertThat(withOwner.find("owned")).as("the owner, although the stranger came first")
                .get().isExactlyInstanceOf(Owner.class);
        assertThat(withOwner.conflicts()).isEmpty();

        Plugins<Kind> withoutOwner = Plugins.of(ID, List.of(), reserved, List.of(new Named("owned")), Kind.class);
        assertThat(withoutOwner.find("owned")).as("stored data of the id is never judged by a stranger").isEmpty();
        assertThat(logged).extracting(LogRecord::getMessage).allMatch(m -> m.contains("owned"));
    }

    @Test
    void twoServicesWithOneIdAreBothRefusedAndABeanOfTheIdStillComesFirst() {
        Plugins<ServiceKind> services = Plugins.of(ServiceKind::id, List.of(), List.of(), ServiceKind.class);
        assertThat(services.ids()).containsExactly("single");
        assertThat(services.conflicts().get("twin")).containsExactlyInAnyOrder(ServiceKind.TwinA.class.getName(),
                ServiceKind.TwinB.class.getName());

        ServiceKind bean = () -> "twin";
        Plugins<ServiceKind> withBean = Plugins.of(ServiceKind::id, List.of(), List.of(bean), ServiceKind.class);
        assertThat(withBean.find("twin")).as("the bean's tier is earlier; the services cannot contest it")
                .containsSame(bean);
        assertThat(withBean.conflicts()).isEmpty();
    }
}
