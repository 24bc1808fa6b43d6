package dev.manabi.core;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Just enough of a servlet request for identity providers: principal, roles, attributes, headers. */
final class FakeRequest {

    Principal principal;
    final Set<String> roles = new HashSet<>();
    final Map<String, Object> attributes = new HashMap<>();
    final Map<String, String> headers = new HashMap<>();

    FakeRequest user(String name) {
        principal = () -> name;
        return this;
    }

    FakeRequest role(String role) {
        roles.add(role);
        return this;
    }

    FakeRequest attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    FakeRequest header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    HttpServletRequest build() {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getUserPrincipal" -> principal;
                    case "isUserInRole" -> principal != null && roles.contains((String) args[0]);
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "getHeader" -> headers.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
