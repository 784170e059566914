package dev.supportdesk.e2e.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where the build runs, so docker-compose.yml is checked by reading it: every
 * service of the platform is in it, built from its own module, configured only through variables that
 * service really reads, with its Dockerfile copying the jar the module builds and exposing the port the
 * compose file gives it; no secret is written in it, and .env.example names what must be supplied.
 */
class DockerComposeTest {

    /** The platform's services, each a Maven module of the same name, and the variable holding its port. */
    private static final Map<String, String> PORT_VARIABLE = Map.of(
            "ticket-command", "COMMAND_PORT",
            "ticket-query", "QUERY_PORT",
            "sla-monitor", "SLA_PORT",
            "edge", "EDGE_PORT");

    private static final List<String> INFRASTRUCTURE = List.of("postgres", "kafka");

    /** Read by Spring Boot and the JVM themselves rather than by any placeholder of ours. */
    private static final Set<String> READ_BY_EVERY_SERVICE = Set.of("SPRING_PROFILES_ACTIVE", "JAVA_TOOL_OPTIONS");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern STRING_CONSTANT = Pattern.compile("\\b(\\w+)\\s*=\\s*\"([A-Z][A-Z0-9_]*)\"");
    /** {@code System.getenv("X")}, or an environment lookup {@code getProperty("X")}, by literal or constant. */
    private static final Pattern ENVIRONMENT_LOOKUP =
            Pattern.compile("\\b(?:getenv|getProperty)\\(\\s*(?:\"([A-Z][A-Z0-9_]*)\"|(\\w+)\\s*[,)])");

    /** A variable whose value is a secret: it must come from the environment, never from this file. */
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|CREDENTIAL|HASH|_KEY)$");
    /** {@code ${NAME:?message}} or {@code ${NAME?message}}: compose refuses to start without NAME. */
    private static final Pattern REQUIRED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):?\\?[^}]*}");

    private static final Pattern DEFAULTED = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):?-([^}]*)}");
    private static final String USERS_FILE_IN_CONTAINER = "/run/secrets/";

    private static Path root;
    private static String composeText;
    private static Map<String, Object> compose;
    private static Map<String, Object> services;

    @BeforeAll
    static void readComposeFile() throws IOException {
        root = repositoryRoot();
        composeText = Files.readString(root.resolve("docker-compose.yml"));
        try (Reader reader = Files.newBufferedReader(root.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
            services = map(compose.get("services"), "services");
        }
    }

    @Test
    void runsEveryServiceOfThePlatformEachBuiltFromItsModulesDockerfile() {
        assertThat(services)
                .as("services in docker-compose.yml")
                .containsKeys(PORT_VARIABLE.keySet().toArray(String[]::new))
                .containsKeys(INFRASTRUCTURE.toArray(String[]::new));
        assertThat(image("postgres")).startsWith("postgres:17");
        assertThat(image("kafka")).startsWith("apache/kafka:");

        for (String service : PORT_VARIABLE.keySet()) {
            Map<String, Object> build = map(service(service).get("build"), service + ".build");
            Path context = root.resolve(String.valueOf(build.get("context"))).normalize();
            String dockerfile = String.valueOf(build.getOrDefault("dockerfile", "Dockerfile"));
            assertThat(context).as("%s is built from its own module", service).isEqualTo(root.resolve(service));
            assertThat(context.resolve(dockerfile))
                    .as("the Dockerfile of %s", service)
                    .isRegularFile();
            assertThat(service(service)).as("%s is built, not pulled", service).doesNotContainKey("image");
        }
    }

    @Test
    void everyVariableSetOnAServiceIsOneThatServiceReads() {
        List<String> problems = new ArrayList<>();
        for (String service : PORT_VARIABLE.keySet()) {
            Set<String> read = variablesRead(service);
            for (String variable : environment(service).keySet()) {
                if (!read.contains(variable)) {
                    problems.add("service '" + service + "' sets " + variable + ", which " + service
                            + " does not read (no ${" + variable + "} in its application*.yml"
                            + (usesServiceSupport(service) ? " or service-support's resources" : "")
                            + ", no System.getenv(\"" + variable + "\") in its code); it reads " + read);
                }
            }
        }
        assertThat(problems).withFailMessage("%s", String.join("\n", problems)).isEmpty();
    }

    @Test
    void eachDockerfileCopiesTheJarItsModuleBuildsAndExposesThePortComposeGivesIt() throws IOException {
        String parentPom = Files.readString(root.resolve("pom.xml"));
        assertThat(parentPom)
                .as("the parent pom repackages services as <module>-exec.jar")
                .contains("<classifier>exec</classifier>");
        for (Map.Entry<String, String> entry : PORT_VARIABLE.entrySet()) {
            String service = entry.getKey();
            String pom = Files.readString(root.resolve(service).resolve("pom.xml"));
            assertThat(pom)
                    .as("%s/pom.xml", service)
                    .contains("<artifactId>" + service + "</artifactId>")
                    .contains("<finalName>${project.artifactId}</finalName>")
                    .contains("<artifactId>spring-boot-maven-plugin</artifactId>");

            List<String> dockerfile = Files.readAllLines(root.resolve(service).resolve("Dockerfile"));
            assertThat(instructions(dockerfile, "FROM"))
                    .as("%s/Dockerfile FROM", service)
                    .containsExactly("eclipse-temurin:17-jre");
            assertThat(instructions(dockerfile, "COPY"))
                    .as("%s/Dockerfile copies the module's runnable jar", service)
                    .anySatisfy(copy -> assertThat(copy.split("\\s+")[0]).isEqualTo("target/" + service + "-exec.jar"));
            assertThat(instructions(dockerfile, "USER"))
                    .as("%s/Dockerfile runs as a non-root user", service)
                    .isNotEmpty()
                    .allSatisfy(user -> assertThat(user.split(":")[0]).isNotIn("root", "0"));

            String port = environment(service).get(entry.getValue());
            assertThat(port)
                    .as("docker-compose.yml sets %s on %s", entry.getValue(), service)
                    .isNotNull();
            assertThat(instructions(dockerfile, "EXPOSE"))
                    .as("%s/Dockerfile EXPOSE", service)
                    .containsExactly(port);
            assertThat(environment(service).get("BIND_ADDRESS"))
                    .as("%s listens beyond loopback", service)
                    .isEqualTo("0.0.0.0");
        }
    }

    @Test
    void publishesOnlyTheEdgeOnItsOwnPort() {
        for (String name : services.keySet()) {
            if (!name.equals("edge")) {
                assertThat(service(name)).as("%s publishes no port", name).doesNotContainKey("ports");
            }
        }
        List<?> ports = (List<?>) service("edge").get("ports");
        assertThat(ports).as("edge ports").hasSize(1);
        String mapping = String.valueOf(ports.get(0));
        String containerPort = mapping.substring(mapping.lastIndexOf(':') + 1);
        assertThat(containerPort)
                .as("the edge's published container port")
                .isEqualTo(environment("edge").get("EDGE_PORT"));
    }

    @Test
    void serviceUrlsPointAtTheServiceAndThePortItListensOn() {
        Map<String, String> urlTarget =
                Map.of("COMMAND_URL", "ticket-command", "QUERY_URL", "ticket-query", "SLA_URL", "sla-monitor");
        for (String service : PORT_VARIABLE.keySet()) {
            environment(service).forEach((variable, value) -> {
                String target = urlTarget.get(variable);
                if (target != null) {
                    URI uri = URI.create(value);
                    assertThat(uri.getHost()).as("%s of %s", variable, service).isEqualTo(target);
                    assertThat(String.valueOf(uri.getPort()))
                            .as("%s of %s", variable, service)
                            .isEqualTo(environment(target).get(PORT_VARIABLE.get(target)));
                }
            });
        }
        assertThat(environment("edge")).containsKeys("COMMAND_URL", "QUERY_URL", "SLA_URL");
        assertThat(environment("sla-monitor")).containsKeys("COMMAND_URL");
    }

    @Test
    void servicesStartOnlyOnceWhatTheyNeedIsHealthy() {
        for (String service : List.of("ticket-command", "ticket-query", "sla-monitor")) {
            Map<String, Object> dependsOn = map(service(service).get("depends_on"), service + ".depends_on");
            for (String needed : INFRASTRUCTURE) {
                assertThat(map(dependsOn.get(needed), service + ".depends_on." + needed))
                        .as("%s waits for %s", service, needed)
                        .containsEntry("condition", "service_healthy");
            }
        }
        Map<String, Object> edgeDependsOn = map(service("edge").get("depends_on"), "edge.depends_on");
        assertThat(edgeDependsOn).containsKeys("ticket-command", "ticket-query");
        for (String name : services.keySet()) {
            Map<String, Object> dependsOn = service(name).get("depends_on") == null
                    ? Map.of()
                    : map(service(name).get("depends_on"), name + ".depends_on");
            for (String needed : dependsOn.keySet()) {
                assertThat(service(needed))
                        .as("%s, which %s waits for, has a healthcheck", needed, name)
                        .containsKey("healthcheck");
            }
        }
    }

    @Test
    void writesNoSecretInTheFileButRequiresEachFromTheEnvironment() {
        List<String> problems = new ArrayList<>();
        for (String name : services.keySet()) {
            environment(name).forEach((variable, value) -> {
                if (SECRET_NAME.matcher(variable).matches()
                        && (value == null || !REQUIRED.matcher(value.strip()).matches())) {
                    problems.add(
                            name + " sets " + variable + " to '" + value + "', not ${NAME:?...} from the environment");
                }
            });
        }
        for (String value : values(compose)) {
            Matcher defaulted = DEFAULTED.matcher(value);
            while (defaulted.find()) {
                if (SECRET_NAME.matcher(defaulted.group(1)).matches()) {
                    problems.add("${" + defaulted.group(1) + "} has a default in the file: " + defaulted.group());
                }
            }
        }
        for (String literal : List.of("{noop}", "{bcrypt}", "$2a$", "$2b$", "$2y$")) {
            if (composeText.contains(literal)) {
                problems.add("docker-compose.yml contains a password or hash (" + literal + ")");
            }
        }
        assertThat(problems).withFailMessage("%s", String.join("\n", problems)).isEmpty();
        assertThat(requiredVariables())
                .as("the secrets compose requires")
                .contains("DB_PASSWORD", "SLA_MONITOR_PASSWORD", "USERS_FILE");
    }

    @Test
    void runsTheBackendsWithoutTheDemoUsersAndWithTheUsersFileAsASecret() {
        Map<String, Object> secrets = map(compose.get("secrets"), "secrets");
        for (String service : List.of("ticket-command", "ticket-query", "sla-monitor")) {
            String profiles = environment(service).get("SPRING_PROFILES_ACTIVE");
            Matcher defaulted = DEFAULTED.matcher(profiles == null ? "" : profiles);
            String profile = defaulted.matches() ? defaulted.group(2) : String.valueOf(profiles);
            assertThat(profile)
                    .as("the profile %s runs with unless told otherwise", service)
                    .doesNotContain("demo");

            String usersFile = environment(service).get("SUPPORT_USERS_FILE");
            assertThat(usersFile)
                    .as("%s reads its users from a secret", service)
                    .startsWith(USERS_FILE_IN_CONTAINER);
            String secret = usersFile.substring(USERS_FILE_IN_CONTAINER.length());
            assertThat((List<?>) service(service).get("secrets"))
                    .as("the secrets of %s", service)
                    .map(String::valueOf)
                    .contains(secret);
            String file =
                    String.valueOf(map(secrets.get(secret), "secrets." + secret).get("file"));
            assertThat(file).as("the host file of secret %s", secret).matches(REQUIRED.pattern());
        }
    }

    @Test
    void theEnvExampleNamesEveryRequiredVariableWithoutAValueForAnySecret() throws IOException {
        Path example = root.resolve(".env.example");
        assertThat(example).as(".env.example beside docker-compose.yml").isRegularFile();
        Map<String, String> values = new LinkedHashMap<>();
        for (String line : Files.readAllLines(example)) {
            String entry = line.strip();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                assertThat(entry).as(".env.example line").matches("[A-Z][A-Z0-9_]*=.*");
                values.put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
            }
        }
        assertThat(values.keySet()).as("variables in .env.example").containsAll(requiredVariables());
        values.forEach((variable, value) -> {
            if (SECRET_NAME.matcher(variable).matches()) {
                assertThat(value)
                        .as("%s in .env.example: filled in by whoever deploys", variable)
                        .isEmpty();
            }
        });
        assertThat(Files.readAllLines(root.resolve(".gitignore")))
                .as(".gitignore")
                .contains(".env");
    }

    @Test
    void findsTheVariablesAServiceReadsInPlaceholdersAndEnvironmentLookups() {
        Set<String> found = new TreeSet<>();
        collectPlaceholders(
                "server:\n  port: ${QUERY_PORT:8082}\n  x: ${support.kafka.topic}\n  y: ${NO_DEFAULT}", found);
        collectLookups("""
                static final String USERS_FILE = "SUPPORT_USERS_FILE";
                String file = environment.getProperty(USERS_FILE);
                String home = System.getenv("SUPPORT_HOME");
                String other = map.get("NOT_A_LOOKUP");
                """, found);

        assertThat(found).containsExactlyInAnyOrder("QUERY_PORT", "NO_DEFAULT", "SUPPORT_USERS_FILE", "SUPPORT_HOME");
    }

    /** The variables compose refuses to start without, wherever the file's values name them. */
    private static Set<String> requiredVariables() {
        Set<String> required = new TreeSet<>();
        for (String value : values(compose)) {
            Matcher matcher = REQUIRED.matcher(value);
            while (matcher.find()) {
                required.add(matcher.group(1));
            }
        }
        return required;
    }

    /** Every scalar of the parsed file (keys and values, not comments), as text. */
    private static List<String> values(Object node) {
        List<String> values = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                values.add(String.valueOf(key));
                values.addAll(values(value));
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> values.addAll(values(item)));
        } else if (node != null) {
            values.add(String.valueOf(node));
        }
        return values;
    }

    // --- what a service reads

    private static Set<String> variablesRead(String service) {
        Set<String> read = new TreeSet<>(READ_BY_EVERY_SERVICE);
        Path module = root.resolve(service);
        try (Stream<Path> files = Files.list(module.resolve("src/main/resources"))) {
            files.filter(file -> file.getFileName().toString().matches("application.*\\.(yml|yaml|properties)"))
                    .forEach(file -> collectPlaceholders(read(file), read));
        } catch (IOException noResources) {
            // A module without resources reads no placeholders; its variables are reported as unread.
        }
        collectJava(module.resolve("src/main/java"), read);
        if (usesServiceSupport(service)) {
            Path support = root.resolve("service-support");
            walk(support.resolve("src/main/resources"))
                    .filter(file -> file.toString().matches(".*\\.(yml|yaml|properties)"))
                    .forEach(file -> collectPlaceholders(read(file), read));
            collectJava(support.resolve("src/main/java"), read);
        }
        return read;
    }

    private static boolean usesServiceSupport(String service) {
        return read(root.resolve(service).resolve("pom.xml")).contains("<artifactId>service-support</artifactId>");
    }

    private static void collectJava(Path sources, Set<String> read) {
        walk(sources)
                .filter(file -> file.toString().endsWith(".java"))
                .forEach(file -> collectLookups(read(file), read));
    }

    private static void collectPlaceholders(String text, Set<String> read) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            read.add(matcher.group(1));
        }
    }

    /** Lookups by a constant resolve only constants declared in the same file, which is how they are written. */
    private static void collectLookups(String java, Set<String> read) {
        Map<String, String> constants = new HashMap<>();
        Matcher constant = STRING_CONSTANT.matcher(java);
        while (constant.find()) {
            constants.put(constant.group(1), constant.group(2));
        }
        Matcher lookup = ENVIRONMENT_LOOKUP.matcher(java);
        while (lookup.find()) {
            if (lookup.group(1) != null) {
                read.add(lookup.group(1));
            } else if (constants.containsKey(lookup.group(2))) {
                read.add(constants.get(lookup.group(2)));
            }
        }
    }

    // --- reading docker-compose.yml and Dockerfiles

    private static Map<String, Object> service(String name) {
        return map(services.get(name), "services." + name);
    }

    private static String image(String service) {
        return String.valueOf(service(service).get("image"));
    }

    /** The environment in either of compose's forms: a map, or a list of NAME=value. */
    private static Map<String, String> environment(String service) {
        Object environment = service(service).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> map) {
            map.forEach(
                    (name, value) -> result.put(String.valueOf(name), value == null ? null : String.valueOf(value)));
        } else if (environment instanceof List<?> list) {
            for (Object item : list) {
                String entry = String.valueOf(item);
                int equals = entry.indexOf('=');
                result.put(
                        equals < 0 ? entry : entry.substring(0, equals),
                        equals < 0 ? null : entry.substring(equals + 1));
            }
        }
        return result;
    }

    /** The arguments of every instruction of that kind, joining lines continued with a backslash. */
    private static List<String> instructions(List<String> dockerfile, String instruction) {
        List<String> logical = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : dockerfile) {
            String trimmed = line.strip();
            if (current.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                logical.add(current.append(trimmed).toString());
                current.setLength(0);
            }
        }
        return logical.stream()
                .filter(line -> line.regionMatches(true, 0, instruction + " ", 0, instruction.length() + 1))
                .map(line -> line.substring(instruction.length() + 1).strip())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        assertThat(value).as("%s in docker-compose.yml", what).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> walk(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("docker-compose.yml"))) {
            dir = dir.getParent();
        }
        assertThat(dir)
                .as("a folder with docker-compose.yml above " + Paths.get("").toAbsolutePath())
                .isNotNull();
        return dir;
    }
}
