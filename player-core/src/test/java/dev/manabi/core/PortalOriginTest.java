package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.manabi.api.PlayerException;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ContentOrigin#portalOrigin}: the origin a SCORM/cmi5 launch names as the one allowed to frame the content. */
class PortalOriginTest {

    /** A request with the given headers, scheme, server name and port (nothing else is asked of it). */
    private static HttpServletRequest request(Map<String, String> headers, String scheme, String serverName, int port) {
        return (HttpServletRequest) Proxy.newProxyInstance(PortalOriginTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getScheme" -> scheme;
                    case "getServerName" -> serverName;
                    case "getServerPort" -> port;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theOriginHeaderWins() {
        assertThat(ContentOrigin.portalOrigin(request(
                Map.of("Origin", "https://portal.example.ac.jp", "Host", "other:8443"), "https", "other", 8443)))
                .isEqualTo("https://portal.example.ac.jp");
    }

    @Test
    void withoutOriginTheHostHeaderKeepsItsPort() {
        assertThat(ContentOrigin.portalOrigin(request(Map.of("Host", "localhost:9080"), "http", "localhost", 9080)))
                .isEqualTo("http://localhost:9080");
    }

    /** HTTP/2 sends :authority, not Host: the server name alone would lose the port and name another origin. */
    @Test
    void withoutHostTheServerNameAndItsNonDefaultPortStandIn() {
        assertThat(ContentOrigin.portalOrigin(request(Map.of(), "https", "portal.example.ac.jp", 8443)))
                .isEqualTo("https://portal.example.ac.jp:8443");
        assertThat(ContentOrigin.portalOrigin(request(Map.of(), "https", "portal.example.ac.jp", 443)))
                .isEqualTo("https://portal.example.ac.jp");
        assertThat(ContentOrigin.portalOrigin(request(Map.of(), "http", "localhost", 80)))
                .isEqualTo("http://localhost");
    }

    @Test
    void aHostThatIsNoOriginIsRefused() {
        assertThatThrownBy(() -> ContentOrigin.portalOrigin(request(Map.of("Host", "bad host/x"), "http", "x", 80)))
                .isInstanceOf(PlayerException.class);
    }
}
