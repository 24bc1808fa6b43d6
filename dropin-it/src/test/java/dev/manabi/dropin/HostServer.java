package dev.manabi.dropin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * One of the Jakarta EE servers the drop-in test runs on, started as its own process from the build
 * ({@code target/servers}, prepared by the Maven build from the Maven repository) with the host WAR deployed the way
 * that server's users deploy a file: Open Liberty's {@code dropins}, Payara Micro's {@code --deploy}, WildFly's
 * {@code deployments} folder. Each adds to the WAR what its users add: the DataSource as that server defines one.
 *
 * <p>The portal is {@code http://localhost:<port>}, package content {@code http://127.0.0.1:<port>}
 * ({@code manabi.content.origin}, README "Content origin"): another host name for the same server.
 */
abstract class HostServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    final String name;
    final int httpPort;
    final Path home;
    private Process process;

    HostServer(String name, int httpPort, Path home) {
        this.name = name;
        this.httpPort = httpPort;
        this.home = home;
    }

    /**
     * The server named by {@code dropin.server} (liberty, payara, wildfly), installed at {@code dropin.server.home}
     * (Payara Micro: the folder holding {@code payara-micro.jar}), listening on {@code dropin.server.http.port}.
     */
    static HostServer fromSystemProperties() {
        String which = System.getProperty("dropin.server", "liberty").toLowerCase(Locale.ROOT);
        Path home = Path.of(System.getProperty("dropin.server.home")).toAbsolutePath();
        int port = Integer.parseInt(System.getProperty("dropin.server.http.port"));
        return switch (which) {
            case "liberty" -> new Liberty(port, home);
            case "payara" -> new Payara(port, home);
            case "wildfly" -> new WildFly(port, home);
            default -> throw new IllegalArgumentException("dropin.server must be liberty, payara or wildfly: " + which);
        };
    }

    /** The portal's base URL, e.g. {@code http://localhost:9581/dropin-host}. */
    URI base() {
        return URI.create("http://localhost:" + httpPort + "/dropin-host");
    }

    /** The content origin (README "Content origin"): the same server under another host name. */
    String contentOrigin() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** MicroProfile Health's readiness endpoint. */
    URI readiness() {
        return URI.create("http://localhost:" + httpPort + "/health/ready");
    }

    /** MicroProfile OpenAPI's document. */
    URI openApi() {
        return URI.create("http://localhost:" + httpPort + "/openapi");
    }

    /** Adds what this server's users add to a WAR (DataSource definition, role mapping). */
    abstract void customize(WebArchive war);

    /** The realm named in the WAR's {@code login-config}: where this server keeps the host's users. */
    abstract String realm();

    /** This server's lines of the WAR's {@code META-INF/microprofile-config.properties}. */
    String configuration() {
        return "";
    }

    /** The test's users, as {@code DropInIT} names them: user to groups (Liberty, Payara) or roles (WildFly). */
    static final Map<String, List<String>> USERS = Map.of("j-learner", List.of(), "j-author", List.of("authors"),
            "j-admin", List.of("admins"));
    /** The SDK's role names (the defaults of {@code manabi.identity.role.*}) for the groups above. */
    static final Map<String, String> ROLE_OF_GROUP = Map.of("authors", "content-author", "admins",
            "institution-admin");

    /** Puts the WAR where this server deploys it from and returns the command that runs the server. */
    abstract List<String> deployAndCommand(Path war) throws IOException;

    /** Environment for the server process. */
    Map<String, String> environment() {
        return Map.of();
    }

    /** System properties every server gets: where content is stored and served from. */
    List<String> systemProperties() {
        // The hosted badges' public base (README "Badges"): never taken from a request's Host header.
        return List.of("-Dmanabi.content.origin=" + contentOrigin(),
                "-Dmanabi.content.dir=" + home.resolveSibling(name + "-content"),
                "-Dmanabi.badges.public-url=" + base() + "/manabi/api/");
    }

    void start(WebArchive war) throws Exception {
        customize(war);
        war.addAsResource(new org.jboss.shrinkwrap.api.asset.StringAsset(DropInIT.HOST_CONFIGURATION + configuration()),
                "META-INF/microprofile-config.properties");
        Path file = Files.createDirectories(home.resolveSibling("wars")).resolve(name + "-dropin-host.war");
        war.as(org.jboss.shrinkwrap.api.exporter.ZipExporter.class).exportTo(file.toFile(), true);
        ProcessBuilder builder = new ProcessBuilder(deployAndCommand(file))
                .redirectErrorStream(true).redirectOutput(home.resolveSibling(name + ".log").toFile());
        builder.environment().putAll(environment());
        Instant started = Instant.now();
        process = builder.start();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop));
        awaitDeployed(started);
    }

    /**
     * Deployed when the SDK's public bundle endpoint and the readiness check both answer 200, as an orchestrator
     * waits for a host (Payara answers its health endpoint with 500 for a moment after the application is served).
     */
    private void awaitDeployed(Instant started) throws Exception {
        while (Duration.between(started, Instant.now()).compareTo(START_TIMEOUT) < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see "
                        + home.resolveSibling(name + ".log"));
            }
            try {
                if (answers200(URI.create(base() + "/manabi/api/i18n/en")) && answers200(readiness())) {
                    System.out.printf("%s: deployed after %d ms%n", name,
                            Duration.between(started, Instant.now()).toMillis());
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " did not deploy the host WAR within " + START_TIMEOUT);
    }

    private static boolean answers200(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    void stop() {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    static String javaHome(String property) {
        String configured = System.getProperty(property, "");
        return configured.isBlank() ? System.getProperty("java.home") : configured;
    }

    /**
     * The JDK Payara Micro 7 runs on (it needs Java 21 or later): {@code dropin.payara.java.home} when set, else this
     * JDK when it is 21+, else the newest 21+ JDK installed under {@code /usr/lib/jvm} (read from its {@code release}
     * file), so the README's one test command works on a machine whose default Java is 17.
     */
    static String payaraJavaHome() {
        String configured = System.getProperty("dropin.payara.java.home", "");
        if (!configured.isBlank()) {
            return configured;
        }
        if (Runtime.version().feature() >= 21) {
            return System.getProperty("java.home");
        }
        try (Stream<Path> jdks = Files.isDirectory(Path.of("/usr/lib/jvm")) ? Files.list(Path.of("/usr/lib/jvm"))
                : Stream.empty()) {
            return jdks.filter(j -> feature(j) >= 21).max(java.util.Comparator.comparingInt(HostServer::feature))
                    .map(Path::toString).orElseThrow(() -> new IllegalStateException("Payara Micro 7 needs Java 21"
                            + " or later and none was found in /usr/lib/jvm: set -Ddropin.payara.java.home=<JDK 21+>"
                            + " or skip it with -Ddropin.payara.skip=true"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The feature release of the JDK at {@code home} from its {@code release} file, 0 if it is none. */
    private static int feature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.+-]")[0]);
                }
            }
        } catch (IOException | RuntimeException notAJdk) {
            return 0;
        }
        return 0;
    }

    /**
     * Open Liberty 26, as created by the liberty-maven-plugin from {@code src/test/liberty/config/server.xml}:
     * the DataSource at server level ({@code jdbc/manabi} in {@code server.xml}), the way Liberty's users define one.
     */
    static final class Liberty extends HostServer {
        Liberty(int port, Path wlp) {
            super("liberty", port, wlp);
        }

        @Override
        void customize(WebArchive war) {
            // server.xml holds the DataSource at the SDK's default name, the users and the role mapping.
        }

        @Override
        String realm() {
            return "dropin"; // the basicRegistry's realm in server.xml
        }

        @Override
        List<String> deployAndCommand(Path war) throws IOException {
            Path server = home.resolve("usr/servers/dropin");
            // In apps, named by server.xml's <webApplication>: Liberty binds roles only for applications it
            // declares (<application-bnd>), not for those in dropins.
            Path apps = Files.createDirectories(server.resolve("apps"));
            Files.deleteIfExists(server.resolve("dropins/dropin-host.war"));
            Files.copy(war, apps.resolve("dropin-host.war"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(server.resolve("jvm.options"), String.join("\n", systemProperties()) + "\n");
            return List.of(home.resolve("bin/server").toString(), "run", "dropin");
        }
    }

    /**
     * Payara Micro 7 (Java 21 or later: {@code dropin.payara.java.home}): the DataSource defined by the application
     * itself with {@code @DataSourceDefinition} at {@code java:app/jdbc/manabi}, the H2 driver in the WAR, and
     * {@code manabi.datasource} in the WAR's {@code microprofile-config.properties}.
     */
    static final class Payara extends HostServer {
        Payara(int port, Path dir) {
            super("payara", port, dir);
        }

        @Override
        void customize(WebArchive war) {
            StringBuilder mapping = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<!DOCTYPE glassfish-web-app PUBLIC \"-//GlassFish.org//DTD GlassFish Application Server 3.1"
                    + " Servlet 3.0//EN\" \"http://glassfish.org/dtds/glassfish-web-app_3_0-1.dtd\">\n"
                    + "<glassfish-web-app>\n");
            ROLE_OF_GROUP.forEach((group, role) -> mapping.append("  <security-role-mapping><role-name>").append(role)
                    .append("</role-name><group-name>").append(group).append("</group-name></security-role-mapping>\n"));
            war.addClass(PayaraDataSource.class)
                    .addAsLibraries(Path.of(System.getProperty("dropin.h2.jar")).toFile())
                    .addAsWebInfResource(new org.jboss.shrinkwrap.api.asset.StringAsset(
                            mapping.append("</glassfish-web-app>\n").toString()), "glassfish-web.xml");
        }

        @Override
        String configuration() {
            return "manabi.datasource=java:app/jdbc/manabi\n";
        }

        @Override
        String realm() {
            return "file";
        }

        /**
         * The file realm's users, written as {@code create-file-user} writes them (Payara Micro cannot run that
         * command at boot: it refuses passwords in a command file): {@code user;{SSHA256}hash;groups}, the hash
         * being SHA-256 of password and salt, digested 100 times, Base64 with the salt appended.
         */
        private void writeKeyfile(Path keyfile) throws IOException {
            StringBuilder lines = new StringBuilder();
            java.security.SecureRandom random = new java.security.SecureRandom();
            for (var user : new java.util.TreeMap<>(USERS).entrySet()) {
                byte[] salt = new byte[8];
                random.nextBytes(salt);
                byte[] password = DropInIT.PASSWORD.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                try {
                    var sha = java.security.MessageDigest.getInstance("SHA-256");
                    byte[] hash = sha.digest(concat(password, salt));
                    for (int i = 2; i <= 100; i++) {
                        sha.reset();
                        hash = sha.digest(hash);
                    }
                    lines.append(user.getKey()).append(";{SSHA256}")
                            .append(java.util.Base64.getEncoder().encodeToString(concat(hash, salt))).append(';')
                            .append(String.join(",", user.getValue())).append('\n');
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
            Files.createDirectories(keyfile.getParent());
            Files.writeString(keyfile, lines);
        }

        private static byte[] concat(byte[] a, byte[] b) {
            byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        }

        @Override
        List<String> deployAndCommand(Path war) throws IOException {
            deleteTree(home.resolve("root")); // Payara Micro keeps deployed applications in its root directory
            writeKeyfile(home.resolve("root/config/keyfile")); // the "file" realm's keyfile, kept by Payara Micro
            List<String> command = new ArrayList<>();
            command.add(Path.of(payaraJavaHome(), "bin", "java").toString());
            command.addAll(systemProperties());
            command.addAll(List.of("-jar", home.resolve("payara-micro.jar").toString(), "--nocluster",
                    "--port", String.valueOf(httpPort), "--rootdir", home.resolve("root").toString(),
                    "--deploy", war.toString(), "--contextroot", "dropin-host"));
            return command;
        }
    }

    /**
     * WildFly 39 with its MicroProfile configuration ({@code standalone-microprofile.xml}): the DataSource deployed
     * with the application ({@code WEB-INF/manabi-ds.xml} on WildFly's own H2 driver) at
     * {@code java:jboss/datasources/manabi}, and {@code manabi.datasource} in the WAR's configuration; authentication
     * only where a constraint asks for it ({@code WEB-INF/jboss-web.xml}), which leaves the LRS's Basic header alone.
     * Its sockets are moved by a port offset so they stay clear of other servers; health is on the management port.
     */
    static final class WildFly extends HostServer {
        WildFly(int port, Path dir) {
            super("wildfly", port, dir);
        }

        private int offset() {
            return httpPort - 8080;
        }

        @Override
        URI readiness() {
            return URI.create("http://localhost:" + (9990 + offset()) + "/health/ready");
        }

        @Override
        void customize(WebArchive war) {
            war.addAsWebInfResource(new org.jboss.shrinkwrap.api.asset.StringAsset("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <datasources xmlns="urn:jboss:domain:datasources:7.0">
                      <datasource jndi-name="java:jboss/datasources/manabi" pool-name="manabi">
                        <connection-url>jdbc:h2:mem:manabi-dropin;DB_CLOSE_DELAY=-1</connection-url>
                        <driver>h2</driver>
                        <security user-name="sa" password=""/>
                      </datasource>
                    </datasources>
                    """), "manabi-ds.xml")
                    // Undertow authenticates every request that carries credentials by default ("proactive"), so an
                    // LRS key in the Basic header of /manabi/xapi/* (under no constraint) got WildFly's own 401: only
                    // where a constraint asks for it (jboss-web_15_1.xsd, proactive-authentication).
                    .addAsWebInfResource(new org.jboss.shrinkwrap.api.asset.StringAsset("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <jboss-web xmlns="urn:jboss:jakartaee:1.0" version="15.1">
                      <proactive-authentication>false</proactive-authentication>
                    </jboss-web>
                    """), "jboss-web.xml");
        }

        @Override
        String configuration() {
            return "manabi.datasource=java:jboss/datasources/manabi\n";
        }

        @Override
        String realm() {
            return "ApplicationRealm";
        }

        /**
         * Elytron's {@code ApplicationRealm} (the default {@code other} application security domain): users in
         * {@code application-users.properties} as {@code user=HEX(MD5(user:ApplicationRealm:password))}, as
         * {@code add-user.sh -a} writes them, and their roles in {@code application-roles.properties}.
         */
        private void writeUsers() throws IOException {
            Path config = home.resolve("standalone/configuration");
            StringBuilder users = new StringBuilder("#$REALM_NAME=ApplicationRealm$\n");
            StringBuilder roles = new StringBuilder();
            for (var user : new java.util.TreeMap<>(USERS).entrySet()) {
                try {
                    byte[] digest = java.security.MessageDigest.getInstance("MD5").digest((user.getKey()
                            + ":ApplicationRealm:" + DropInIT.PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    users.append(user.getKey()).append('=').append(java.util.HexFormat.of().formatHex(digest))
                            .append('\n');
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
                roles.append(user.getKey()).append('=').append(String.join(",",
                        user.getValue().stream().map(ROLE_OF_GROUP::get).toList())).append('\n');
            }
            Files.writeString(config.resolve("application-users.properties"), users);
            Files.writeString(config.resolve("application-roles.properties"), roles);
        }

        @Override
        List<String> deployAndCommand(Path war) throws IOException {
            Path deployments = home.resolve("standalone/deployments");
            try (var old = Files.list(deployments)) {
                for (Path p : old.filter(p -> p.getFileName().toString().startsWith("dropin-host.war")).toList()) {
                    Files.delete(p);
                }
            }
            Files.copy(war, deployments.resolve("dropin-host.war"), StandardCopyOption.REPLACE_EXISTING);
            writeUsers();
            List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
                    "-c", "standalone-microprofile.xml", "-Djboss.socket.binding.port-offset=" + offset()));
            command.addAll(systemProperties());
            return command;
        }

        @Override
        Map<String, String> environment() {
            return Map.of("JAVA_HOME", javaHome("dropin.wildfly.java.home"), "LAUNCH_JBOSS_IN_BACKGROUND", "true");
        }
    }
}
