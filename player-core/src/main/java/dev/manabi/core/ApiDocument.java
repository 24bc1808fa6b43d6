package dev.manabi.core;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.UUID;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASModelReader;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The SDK's OpenAPI document, generated from its JAX-RS resources (every module's {@link RestComponents}) when the
 * server asks for it, so that {@code /openapi} documents the SDK the same way on every server.
 *
 * <p>MicroProfile OpenAPI 3.1 section 5.1 runs a model reader ({@code mp.openapi.model.reader}, set in the SDK's
 * {@code META-INF/microprofile-config.properties}) before it scans annotations; the SDK's packages are left out of the
 * scan ({@code mp.openapi.scan.exclude.packages}), because servers scan JARs in {@code WEB-INF/lib} differently:
 * Payara not at all without a vendor key, WildFly under the host's application path when the host's own
 * {@code Application} lists no classes. The host's own resources are still scanned and merged by the server.
 *
 * <p>The document holds, per resource method: its path (the SDK's {@code @ApplicationPath}, the class's and the
 * method's {@code @Path}, a template's regular expression removed as OpenAPI 3.0.3 section 4.7.8.1 writes templates),
 * its verb, the {@code @Operation} summary and {@code @Tag}s, path/query/header/cookie parameters, the request body's
 * media types and schema, and the answer's media types and schema derived from the Java types the way the SDK's
 * Jackson binding writes them (records as objects of their components); errors as {@link ApiError}.
 */
public class ApiDocument implements OASModelReader {

    /** A documented operation: verb and path as OpenAPI writes them, and the Java method that serves it. */
    record ApiOperation(String verb, String path, Method method) {
    }

    /**
     * Sets a schema's type on MicroProfile OpenAPI 3 ({@code type(SchemaType)}, OpenAPI 3.0) and 4
     * ({@code addType(SchemaType)}, OpenAPI 3.1, where {@code type} takes a list): servers ship either, and the SDK is
     * compiled against 3.1 (Jakarta EE 10, MicroProfile 6.1), so the method is looked up once at run time.
     */
    private static final Method SET_TYPE = typeSetter();

    private static Method typeSetter() {
        try {
            return Schema.class.getMethod("addType", Schema.SchemaType.class);
        } catch (NoSuchMethodException openApi3) {
            try {
                return Schema.class.getMethod("type", Schema.SchemaType.class);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("MicroProfile OpenAPI's Schema has neither addType nor type", e);
            }
        }
    }

    static Schema typed(Schema.SchemaType type) {
        Schema schema = OASFactory.createSchema();
        try {
            SET_TYPE.invoke(schema, type);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot set an OpenAPI schema's type", e);
        }
        return schema;
    }

    private static final List<String> VERBS = List.of("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH",
            "TRACE");

    @Override
    public OpenAPI buildModel() {
        Collection<Class<?>> classes = new ArrayList<>();
        ServiceLoader.load(RestComponents.class, ApiDocument.class.getClassLoader())
                .forEach(module -> classes.addAll(module.classes()));
        return new Builder().document(operations(classes));
    }

    /**
     * Every resource method of these classes, sorted by path and verb: the classes with {@code @Path}, their public
     * methods carrying an HTTP method annotation (JAX-RS 3.1 section 3.3). The SDK has no sub-resource locators.
     */
    static List<ApiOperation> operations(Collection<Class<?>> classes) {
        String base = Optional.ofNullable(ManabiApplication.class.getAnnotation(ApplicationPath.class))
                .map(ApplicationPath::value).orElse("/");
        List<ApiOperation> operations = new ArrayList<>();
        for (Class<?> type : classes) {
            Path root = type.getAnnotation(Path.class);
            if (root == null) {
                continue; // a provider
            }
            for (Method method : type.getMethods()) {
                String verb = verb(method);
                if (verb == null || method.isBridge()) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                operations.add(new ApiOperation(verb, path(base, root.value(), sub == null ? "" : sub.value()),
                        method));
            }
        }
        operations.sort(Comparator.comparing(ApiOperation::path)
                .thenComparing(o -> VERBS.indexOf(o.verb())));
        return operations;
    }

    /** The method's HTTP verb: the annotation that is itself annotated {@code @HttpMethod}. */
    static String verb(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** Joins path segments with single slashes, no trailing slash, templates without their regular expression. */
    static String path(String... parts) {
        String joined = "/" + String.join("/", parts);
        joined = joined.replaceAll("\\{\\s*(\\w[\\w.-]*)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    /** Builds one document; named schemas of records are collected as they are met. */
    static final class Builder {

        private final Map<String, Schema> schemas = new TreeMap<>();
        private final Map<Class<?>, String> schemaNames = new HashMap<>();

        OpenAPI document(List<ApiOperation> operations) {
            var paths = OASFactory.createPaths();
            Map<String, PathItem> items = new TreeMap<>();
            Map<String, Integer> operationIds = new HashMap<>();
            for (ApiOperation operation : operations) {
                PathItem item = items.computeIfAbsent(operation.path(), p -> OASFactory.createPathItem());
                item.setOperation(PathItem.HttpMethod.valueOf(operation.verb()),
                        operation(operation, operationIds));
            }
            items.forEach(paths::addPathItem);
            schemas.put("ApiError", typed(Schema.SchemaType.OBJECT)
                    .description("The body of every error of the SDK's API")
                    .addProperty("status", typed(Schema.SchemaType.INTEGER).format("int32"))
                    .addProperty("code", typed(Schema.SchemaType.STRING)
                            .description("Stable machine-readable code"))
                    .addProperty("message", typed(Schema.SchemaType.STRING))
                    .addProperty("details", typed(Schema.SchemaType.OBJECT)
                            .description("Code-specific details"))
                    .addRequired("status").addRequired("code").addRequired("message"));
            Components components = OASFactory.createComponents();
            schemas.forEach(components::addSchema);
            OpenAPIDefinition definition = ManabiApplication.class.getAnnotation(OpenAPIDefinition.class);
            return OASFactory.createOpenAPI()
                    .info(OASFactory.createInfo().title(definition.info().title())
                            .version(definition.info().version()).description(definition.info().description()))
                    .paths(paths).components(components);
        }

        private org.eclipse.microprofile.openapi.models.Operation operation(ApiOperation op,
                                                                             Map<String, Integer> operationIds) {
            Method method = op.method();
            var operation = OASFactory.createOperation();
            // Unique, stable ids: the Java method's name, numbered when two resources use the same one.
            int seen = operationIds.merge(method.getName(), 1, Integer::sum);
            operation.operationId(seen == 1 ? method.getName() : method.getName() + seen);
            var summary = method.getAnnotation(org.eclipse.microprofile.openapi.annotations.Operation.class);
            if (summary != null) {
                if (!summary.summary().isEmpty()) {
                    operation.summary(summary.summary());
                }
                if (!summary.description().isEmpty()) {
                    operation.description(summary.description());
                }
            }
            List<String> tags = new ArrayList<>();
            for (Tag tag : method.getDeclaringClass().getAnnotationsByType(Tag.class)) {
                tags.add(tag.name());
            }
            for (Tag tag : method.getAnnotationsByType(Tag.class)) {
                tags.add(tag.name());
            }
            if (!tags.isEmpty()) {
                operation.tags(tags);
            }
            Type body = null;
            java.lang.reflect.Parameter[] parameters = method.getParameters();
            for (java.lang.reflect.Parameter p : parameters) {
                Parameter parameter = parameter(p);
                if (parameter != null) {
                    operation.addParameter(parameter);
                } else if (p.getAnnotation(Context.class) == null && !p.isAnnotationPresent(
                        jakarta.ws.rs.container.Suspended.class) && !p.isAnnotationPresent(
                        jakarta.ws.rs.BeanParam.class) && !p.isAnnotationPresent(jakarta.ws.rs.FormParam.class)) {
                    body = p.getParameterizedType(); // the entity parameter (JAX-RS 3.1 section 3.3.2.1)
                }
            }
            if (body != null) {
                operation.requestBody(OASFactory.createRequestBody().required(true)
                        .content(content(mediaTypes(method, Consumes.class), body)));
            }
            operation.responses(responses(method));
            return operation;
        }

        private Parameter parameter(java.lang.reflect.Parameter p) {
            Parameter.In in;
            String name;
            if (p.isAnnotationPresent(PathParam.class)) {
                in = Parameter.In.PATH;
                name = p.getAnnotation(PathParam.class).value();
            } else if (p.isAnnotationPresent(QueryParam.class)) {
                in = Parameter.In.QUERY;
                name = p.getAnnotation(QueryParam.class).value();
            } else if (p.isAnnotationPresent(HeaderParam.class)) {
                in = Parameter.In.HEADER;
                name = p.getAnnotation(HeaderParam.class).value();
            } else if (p.isAnnotationPresent(CookieParam.class)) {
                in = Parameter.In.COOKIE;
                name = p.getAnnotation(CookieParam.class).value();
            } else if (p.isAnnotationPresent(MatrixParam.class)) {
                return null; // not used by the SDK; OpenAPI 3.0 has no matrix parameters outside path styles
            } else {
                return null;
            }
            Schema schema = schema(p.getParameterizedType());
            DefaultValue defaultValue = p.getAnnotation(DefaultValue.class);
            if (defaultValue != null) {
                schema.defaultValue(defaultValue.value());
            }
            return OASFactory.createParameter().name(name).in(in).required(in == Parameter.In.PATH).schema(schema);
        }

        private APIResponses responses(Method method) {
            APIResponses responses = OASFactory.createAPIResponses();
            Class<?> returned = method.getReturnType();
            if (returned == void.class) {
                responses.addAPIResponse("204", OASFactory.createAPIResponse().description("Done, nothing to return"));
            } else if (returned == jakarta.ws.rs.core.Response.class) {
                // The status and entity are chosen at run time (201 with the created resource, a file, a redirect).
                responses.addAPIResponse("2XX", OASFactory.createAPIResponse().description("Success")
                        .content(content(mediaTypes(method, Produces.class), null)));
            } else {
                responses.addAPIResponse("200", OASFactory.createAPIResponse().description("OK")
                        .content(content(mediaTypes(method, Produces.class), method.getGenericReturnType())));
            }
            Content error = OASFactory.createContent().addMediaType(MediaType.APPLICATION_JSON,
                    OASFactory.createMediaType().schema(OASFactory.createSchema().ref("ApiError")));
            responses.defaultValue(OASFactory.createAPIResponse()
                    .description("An error: HTTP status and the SDK's error body").content(error));
            return responses;
        }

        private static List<String> mediaTypes(Method method, Class<? extends Annotation> which) {
            Annotation on = method.getAnnotation(which);
            if (on == null) {
                on = method.getDeclaringClass().getAnnotation(which);
            }
            String[] values = on == null ? new String[] {"*/*"}
                    : on instanceof Produces p ? p.value() : ((Consumes) on).value();
            return Arrays.stream(values).flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).toList();
        }

        private Content content(List<String> mediaTypes, Type type) {
            Content content = OASFactory.createContent();
            for (String mediaType : mediaTypes) {
                var media = OASFactory.createMediaType();
                if (type != null) {
                    media.schema(mediaType.startsWith("application/json") ? schema(type) : binaryOr(type));
                }
                content.addMediaType(mediaType, media);
            }
            return content;
        }

        /** Bodies that are not JSON: a stream or bytes (a zip, a file), a form (multipart parts), text. */
        private Schema binaryOr(Type type) {
            Class<?> raw = raw(type);
            if (raw == String.class) {
                return typed(Schema.SchemaType.STRING);
            }
            if (InputStream.class.isAssignableFrom(raw) || raw == byte[].class) {
                return typed(Schema.SchemaType.STRING).format("binary");
            }
            return typed(Schema.SchemaType.OBJECT);
        }

        /** The JSON schema of a Java type as the SDK's Jackson binding writes it. */
        Schema schema(Type type) {
            Class<?> raw = raw(type);
            if (raw == Optional.class) {
                return schema(argument(type, 0));
            }
            if (raw == String.class || raw == char.class || raw == Character.class || raw == Locale.class
                    || CharSequence.class.isAssignableFrom(raw)) {
                return typed(Schema.SchemaType.STRING);
            }
            if (raw == UUID.class) {
                return typed(Schema.SchemaType.STRING).format("uuid");
            }
            if (raw == boolean.class || raw == Boolean.class) {
                return typed(Schema.SchemaType.BOOLEAN);
            }
            if (raw == int.class || raw == Integer.class || raw == short.class || raw == Short.class
                    || raw == byte.class || raw == Byte.class) {
                return typed(Schema.SchemaType.INTEGER).format("int32");
            }
            if (raw == long.class || raw == Long.class || raw == BigInteger.class) {
                return typed(Schema.SchemaType.INTEGER).format("int64");
            }
            if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class
                    || raw == BigDecimal.class || Number.class.isAssignableFrom(raw)) {
                return typed(Schema.SchemaType.NUMBER);
            }
            if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class) {
                return typed(Schema.SchemaType.STRING).format("date-time");
            }
            if (raw == LocalDate.class) {
                return typed(Schema.SchemaType.STRING).format("date");
            }
            if (raw == Duration.class) {
                return typed(Schema.SchemaType.STRING).format("duration");
            }
            if (raw.isEnum()) {
                List<Object> names = new ArrayList<>();
                for (Object constant : raw.getEnumConstants()) {
                    names.add(((Enum<?>) constant).name());
                }
                return typed(Schema.SchemaType.STRING).enumeration(names);
            }
            if (raw == byte[].class) {
                return typed(Schema.SchemaType.STRING).format("byte");
            }
            if (raw.isArray()) {
                return typed(Schema.SchemaType.ARRAY).items(schema(raw.getComponentType()));
            }
            if (Collection.class.isAssignableFrom(raw)) {
                return typed(Schema.SchemaType.ARRAY).items(schema(argument(type, 0)));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return typed(Schema.SchemaType.OBJECT)
                        .additionalPropertiesSchema(schema(argument(type, 1)));
            }
            if (raw.isRecord()) {
                return OASFactory.createSchema().ref(named(raw));
            }
            // JsonNode, Object and other free-form bodies (quiz definitions, completion rules).
            return typed(Schema.SchemaType.OBJECT)
                    .description(JsonNode.class.isAssignableFrom(raw) ? "Free-form JSON" : null);
        }

        /**
         * A record as a named schema of its components; primitives are required. (Other properties may be null, which
         * is not marked: OpenAPI 3.0's {@code nullable} is gone from MicroProfile OpenAPI 4, which WildFly and Payara
         * run, and 3.1's {@code type: [.., "null"]} is missing from MicroProfile OpenAPI 3, which Open Liberty runs.)
         */
        private String named(Class<?> record) {
            String known = schemaNames.get(record);
            if (known != null) {
                return known;
            }
            String name = record.getSimpleName();
            if (schemas.containsKey(name) || schemaNames.containsValue(name)) {
                name = record.getEnclosingClass() == null ? record.getName().replace('.', '_')
                        : record.getEnclosingClass().getSimpleName() + "." + record.getSimpleName();
            }
            schemaNames.put(record, name);
            Schema schema = typed(Schema.SchemaType.OBJECT);
            schemas.put(name, schema); // before the components, so a recursive record refers to itself
            for (RecordComponent component : record.getRecordComponents()) {
                Schema property = schema(component.getGenericType());
                schema.addProperty(component.getName(), property);
                if (component.getType().isPrimitive()) {
                    schema.addRequired(component.getName());
                }
            }
            return name;
        }

        private static Class<?> raw(Type type) {
            if (type instanceof Class<?> c) {
                return c;
            }
            if (type instanceof ParameterizedType p) {
                return (Class<?>) p.getRawType();
            }
            if (type instanceof WildcardType w) {
                return raw(w.getUpperBounds()[0]);
            }
            if (type instanceof java.lang.reflect.GenericArrayType g) {
                return java.lang.reflect.Array.newInstance(raw(g.getGenericComponentType()), 0).getClass();
            }
            return Object.class; // a type variable
        }

        private static Type argument(Type type, int index) {
            return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
                    ? p.getActualTypeArguments()[index] : Object.class;
        }
    }
}
