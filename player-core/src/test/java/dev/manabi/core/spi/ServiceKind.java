package dev.manabi.core.spi;

/**
 * The SPI of {@link PluginsTest}'s services tier: {@code META-INF/services/dev.manabi.core.spi.ServiceKind} (test
 * resources) lists two classes claiming the id {@code twin} and one claiming {@code single}.
 */
public interface ServiceKind {

    String id();

    /** One of the two services with the id {@code twin}. */
    final class TwinA implements ServiceKind {
        public TwinA() {
        }

        @Override
        public String id() {
            return "twin";
        }
    }

    /** The other service with the id {@code twin}. */
    final class TwinB implements ServiceKind {
        public TwinB() {
        }

        @Override
        public String id() {
            return "twin";
        }
    }

    /** The only service with the id {@code single}. */
    final class Single implements ServiceKind {
        public Single() {
        }

        @Override
        public String id() {
            return "single";
        }
    }
}
