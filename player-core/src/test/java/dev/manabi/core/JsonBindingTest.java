package dev.manabi.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.MessageBodyWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.jsonb.JsonBindingFeature;
import org.glassfish.jersey.jsonb.internal.JsonBindingProvider;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SDK's JSON binding wins over a server's JSON-B provider for the SDK's resources, through a real Jakarta REST
 * runtime (Jersey, as in Payara) in which both are registered, in either order: the JSON-B provider registered as
 * an application provider (Payara's auto-discovered JSON-B feature) or directly, and ranked just ahead of the
 * default priority, as a server may rank its own (without the SDK's {@code @Priority} JSON-B then wins). Had JSON-B answered, the null field
 * would be missing and the {@code JsonNode} would come out as a bean ({@code {"array":false,...}}).
 */
class JsonBindingTest {

    /** A value with a null field, as {@code /me} has {@code chosenLanguage} before the learner chose one. */
    public record Learner(String learnerId, String chosenLanguage, int visits) {
    }

    @Path("/probe")
    public static class Probe {
        @GET
        @Path("/record")
        @Produces(MediaType.APPLICATION_JSON)
        public Learner record() {
            return new Learner("yuki", null, 3);
        }

        @GET
        @Path("/node")
        @Produces(MediaType.APPLICATION_JSON)
        public JsonNode node() {
            return Json.mapper().createObjectNode().put("kind", "quiz").set("units", Json.mapper().createArrayNode()
                    .add(Json.mapper().createObjectNode().putNull("weight")));
        }

        /** Reads with the SDK's mapper: an unknown property is refused, where JSON-B would ignore it. */
        @POST
        @Path("/echo")
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        public Learner echo(Learner learner) {
            return learner;
        }
    }

    static Stream<Arguments> serverJsonB() {
        return Stream.of(
                Arguments.of("JSON-B feature, then the SDK", true, true),
                Arguments.of("the SDK, then the JSON-B feature", true, false),
                Arguments.of("JSON-B provider, then the SDK", false, true),
                Arguments.of("the SDK, then the JSON-B provider", false, false));
    }

    /**
     * The SDK's entity and error providers exactly as its application lists them, beside a test resource (its
     * resources and request filters need CDI and MicroProfile Config, which play no part in choosing a provider).
     */
    private static ApplicationHandler runtime(boolean asFeature, boolean jsonBFirst) {
        List<Class<?>> sdkProviders = new ArrayList<>(new CoreRestComponents().classes().stream()
                .filter(c -> MessageBodyWriter.class.isAssignableFrom(c) || MessageBodyReader.class.isAssignableFrom(c)
                        || ContextResolver.class.isAssignableFrom(c) || ExceptionMapper.class.isAssignableFrom(c))
                .toList());
        assertThat(sdkProviders).contains(JsonProvider.class);
        sdkProviders.sort((a, b) -> a.getName().compareTo(b.getName()));
        Class<?> jsonB = asFeature ? JsonBindingFeature.class : JsonBindingProvider.class;
        ResourceConfig config = new ResourceConfig();
        if (jsonBFirst) {
            config.register(jsonB, Priorities.USER - 1);
        }
        sdkProviders.forEach(config::register);
        if (!jsonBFirst) {
            config.register(jsonB, Priorities.USER - 1);
        }
        return new ApplicationHandler(config.register(Probe.class));
    }

    private static String call(ApplicationHandler app, String method, String path, String body) throws Exception {
        ContainerRequest request = new ContainerRequest(URI.create("http://localhost/"),
                URI.create("http://localhost" + path), method, null, new MapPropertiesDelegate(),
                app.getConfiguration());
        request.header("Accept", MediaType.APPLICATION_JSON);
        if (body != null) {
            request.header("Content-Type", MediaType.APPLICATION_JSON);
            request.setEntityStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        request.setWriter(new org.glassfish.jersey.server.spi.ContainerResponseWriter() {
            @Override
            public java.io.OutputStream writeResponseStatusAndHeaders(long length, ContainerResponse response) {
                return out;
            }

            @Override
            public boolean suspend(long timeOut, java.util.concurrent.TimeUnit unit, TimeoutHandler handler) {
                return false;
            }

            @Override
            public void setSuspendTimeout(long timeOut, java.util.concurrent.TimeUnit unit) {
            }

            @Override
            public void commit() {
            }

            @Override
            public void failure(Throwable error) {
                throw new AssertionError(error);
            }

            @Override
            public boolean enableResponseBuffering() {
                return false;
            }
        });
        ContainerResponse response = app.apply(request, out).get();
        return response.getStatus() + " " + out.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverJsonB")
    void theSdksJacksonBindingAnswersForItsResources(String order, boolean asFeature, boolean jsonBFirst)
            throws Exception {
        ApplicationHandler app = runtime(asFeature, jsonBFirst);

        assertThat(call(app, "GET", "/probe/record", null))
                .isEqualTo("200 {\"learnerId\":\"yuki\",\"chosenLanguage\":null,\"visits\":3}");
        assertThat(call(app, "GET", "/probe/node", null))
                .isEqualTo("200 {\"kind\":\"quiz\",\"units\":[{\"weight\":null}]}");
        assertThat(call(app, "POST", "/probe/echo", "{\"learnerId\":\"yuki\",\"visits\":1,\"evil\":true}"))
                .as("unknown properties are refused by the SDK's mapper (JSON-B would drop them)")
                .startsWith("400 ");
    }
}
