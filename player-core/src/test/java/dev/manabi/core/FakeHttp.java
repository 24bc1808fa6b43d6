package dev.manabi.core;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Just enough of a servlet request and response for file delivery over HTTP (test-jar, for content modules too). */
public final class FakeHttp {

    public final Map<String, String> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    public final Map<String, String> responseHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    public final ByteArrayOutputStream body = new ByteArrayOutputStream();
    public String pathInfo;
    public String serverName = "localhost";
    public int serverPort = 80;
    public String contextPath = "";
    public String scheme = "http";
    public byte[] requestBody = new byte[0];
    public int status = 200;
    public String contentType;
    public long contentLength = -1;

    public FakeHttp header(String name, String value) {
        requestHeaders.put(name, value);
        return this;
    }

    public HttpServletRequest request() {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> requestHeaders.get((String) args[0]);
                    case "getPathInfo" -> pathInfo;
                    case "getServerName" -> serverName;
                    case "getServerPort" -> serverPort;
                    case "getContextPath" -> contextPath;
                    case "getScheme" -> scheme;
                    case "getRequestURI" -> contextPath + (pathInfo == null ? "" : pathInfo);
                    case "getInputStream" -> {
                        java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(requestBody);
                        yield new jakarta.servlet.ServletInputStream() {
                            @Override
                            public boolean isFinished() {
                                return in.available() == 0;
                            }

                            @Override
                            public boolean isReady() {
                                return true;
                            }

                            @Override
                            public void setReadListener(jakarta.servlet.ReadListener listener) {
                            }

                            @Override
                            public int read() {
                                return in.read();
                            }
                        };
                    }
                    case "getDateHeader" -> {
                        String v = requestHeaders.get((String) args[0]);
                        if (v == null) {
                            yield -1L;
                        }
                        try {
                            yield ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                                    .toEpochMilli();
                        } catch (DateTimeParseException e) {
                            throw new IllegalArgumentException(v);
                        }
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    public HttpServletResponse response() {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
            }

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        Map<String, Object> unused = new LinkedHashMap<>();
        return (HttpServletResponse) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "setHeader" -> responseHeaders.put((String) args[0], (String) args[1]);
                        case "setDateHeader" -> responseHeaders.put((String) args[0], DateTimeFormatter
                                .RFC_1123_DATE_TIME.format(java.time.Instant.ofEpochMilli((Long) args[1])
                                        .atZone(java.time.ZoneOffset.UTC)));
                        case "setStatus" -> status = (Integer) args[0];
                        case "setContentType" -> contentType = (String) args[0];
                        case "setContentLengthLong" -> contentLength = (Long) args[0];
                        case "setContentLength" -> contentLength = (Integer) args[0];
                        case "getOutputStream" -> {
                            return out;
                        }
                        case "isCommitted" -> {
                            return false;
                        }
                        case "reset" -> {
                            responseHeaders.clear();
                            body.reset();
                        }
                        default -> unused.put(method.getName(), args);
                    }
                    return null;
                });
    }
}
