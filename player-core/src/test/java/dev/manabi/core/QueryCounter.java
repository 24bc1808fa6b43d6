package dev.manabi.core;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A DataSource that counts the statements prepared on its connections, for tests of the SPI rules that bound a bulk
 * read to a fixed number of queries whatever the number of learners (e.g. {@code LearningRecords}). Core test-jar
 * only.
 */
public final class QueryCounter {

    private final AtomicInteger prepared = new AtomicInteger();
    private final DataSource counting;

    public QueryCounter(DataSource ds) {
        counting = (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(ds, method, args);
                    return result instanceof Connection c ? counted(c) : result;
                });
    }

    /** The counting DataSource. */
    public DataSource dataSource() {
        return counting;
    }

    /** Statements prepared so far. */
    public int prepared() {
        return prepared.get();
    }

    private Connection counted(Connection c) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") || method.getName().equals("createStatement")) {
                        prepared.incrementAndGet();
                    }
                    return invoke(c, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
