package dev.supportdesk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAnnotation;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaParameter;
import com.tngtech.archunit.core.domain.Source;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The conventions of docs/architecture.md and the style guide, as rules over compiled classes. {@link ArchitectureTest}
 * checks them against every module; {@link PlatformRulesTest} proves each one fails on a violation.
 */
final class PlatformRules {

    /** The services' own packages: none may use another's. */
    static final List<String> SERVICES = List.of(
            "dev.supportdesk.ticket.command",
            "dev.supportdesk.ticket.query",
            "dev.supportdesk.sla.monitor",
            "dev.supportdesk.edge");

    static final String CONTRACT = "dev.supportdesk.contract..";

    /** ticket-model: the pure code two services share. */
    static final String MODEL = "dev.supportdesk.model..";

    /** The domain of ticket-command: the Ticket aggregate and its SLA arithmetic. */
    static final String[] DOMAIN = {
        "dev.supportdesk.ticket.command.ticket..", "dev.supportdesk.ticket.command.sla..", MODEL
    };

    /** Code that must give the same answer on every replay, beside whatever is an aggregate, saga or projection. */
    static final String[] DETERMINISTIC_PACKAGES = {
        "dev.supportdesk.ticket.command.ticket..",
        "dev.supportdesk.ticket.command.sla..",
        MODEL,
        "dev.supportdesk.ticket.query.projection..",
        "dev.supportdesk.sla.monitor.saga.."
    };

    static final String EVENT_STORE = "dev.supportdesk.ticket.command.eventstore";
    static final List<String> EVENT_TABLES = List.of("domain_event_entry", "snapshot_event_entry");

    private static final String CONFIGURATION = "org.springframework.context.annotation.Configuration";
    private static final String CONTROLLER = "org.springframework.stereotype.Controller";
    private static final String APPLICATION = "org.springframework.boot.autoconfigure.SpringBootApplication";

    private PlatformRules() {}

    static final ArchRule CONTRACT_HAS_NO_FRAMEWORK = noClasses()
            .that()
            .resideInAPackage(CONTRACT)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "jakarta.persistence..",
                    "javax.persistence..",
                    "org.hibernate..",
                    "com.fasterxml.jackson..",
                    "jakarta.validation..")
            .as("shared-events uses no Spring, JPA, Hibernate, Jackson or Bean Validation")
            .because("the contract is plain records that every reader can take, whatever it runs on");

    static final ArchRule MODEL_IS_PURE = noClasses()
            .that()
            .resideInAPackage(MODEL)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "org.axonframework..",
                    "jakarta..",
                    "com.fasterxml.jackson..",
                    "java.sql..",
                    "java.net..",
                    "java.io..",
                    "java.nio..")
            .as("ticket-model uses no framework and does no I/O")
            .because("ticket-command, ticket-query and what-if run the same code on the same events and must agree");

    static final ArchRule CONTRACT_CARRIES_ONLY_AXON_ANNOTATIONS = classes()
            .that()
            .resideInAPackage(CONTRACT)
            .should(carryOnlyAnnotationsOf("org.axonframework.", "java.lang."))
            .as("shared-events carries no annotations but Axon's")
            .because("an event's stored form is its record components, not a framework's mapping");

    static final ArchRule NO_SERVICE_USES_ANOTHER = SlicesRuleDefinition.slices()
            .assignedFrom(new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                    return service(javaClass).map(SliceIdentifier::of).orElse(SliceIdentifier.ignore());
                }

                @Override
                public String getDescription() {
                    return "services " + SERVICES;
                }
            })
            .should()
            .notDependOnEachOther()
            .as("no service uses another service's packages")
            .because("services talk only through Kafka and the HTTP API; what two need lives in a shared module");

    static final ArchRule DOMAIN_KNOWS_NO_WEB_OR_SECURITY = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.supportdesk..web..",
                    "dev.supportdesk..security..",
                    "org.springframework.web..",
                    "org.springframework.security..",
                    "jakarta.servlet..")
            .as("ticket-command's domain (ticket, sla) uses no web or security package")
            .because("the role rules the aggregate needs arrive in the command as domain values");

    static final ArchRule ONLY_THE_EVENT_STORE_NAMES_THE_EVENT_TABLES = noClasses()
            .that()
            .resideOutsideOfPackage(EVENT_STORE)
            .should(nameInTheirConstants(EVENT_TABLES))
            .as("only ticket-command's eventstore package names the event tables " + EVENT_TABLES)
            .because("the rest of the service asks the event store package");

    static final ArchRule CONTROLLERS_AND_CONFIGURATIONS_ARE_PACKAGE_PRIVATE = classes()
            .that(inAService()
                    .and(metaAnnotatedWith(CONTROLLER).or(metaAnnotatedWith(CONFIGURATION)))
                    .and(DescribedPredicate.not(metaAnnotatedWith(APPLICATION))))
            .should()
            .bePackagePrivate()
            .as("controllers and @Configuration classes of the services are package-private")
            .because("nothing outside their package calls them; Spring finds them by scanning");

    static final ArchRule NO_WALL_CLOCK_OR_RANDOM_IDS_IN_DETERMINISTIC_CODE = noClasses()
            .that(deterministic().and(DescribedPredicate.not(metaAnnotatedWith(CONFIGURATION))))
            .should()
            .callMethod(java.time.Instant.class, "now")
            .orShould()
            .callMethod(java.time.Clock.class, "systemUTC")
            .orShould()
            .callMethod(java.time.Clock.class, "systemDefaultZone")
            .orShould()
            .callMethod(java.time.LocalDateTime.class, "now")
            .orShould()
            .callMethod(java.time.OffsetDateTime.class, "now")
            .orShould()
            .callMethod(java.time.ZonedDateTime.class, "now")
            .orShould()
            .callMethod(java.util.UUID.class, "randomUUID")
            .orShould()
            .callMethod(System.class, "currentTimeMillis")
            .as("aggregates, sagas and projections (and the domain code they apply) read no wall clock and draw no "
                    + "random id")
            .because("time comes from event timestamps or an injected Clock and ids arrive in commands, so a replay "
                    + "gives the same answer twice");

    static Optional<String> service(JavaClass javaClass) {
        String packageName = javaClass.getPackageName();
        return SERVICES.stream()
                .filter(service -> packageName.equals(service) || packageName.startsWith(service + "."))
                .findFirst();
    }

    private static DescribedPredicate<JavaClass> inAService() {
        return DescribedPredicate.describe(
                "in a service", javaClass -> service(javaClass).isPresent());
    }

    private static DescribedPredicate<JavaClass> metaAnnotatedWith(String annotation) {
        return DescribedPredicate.describe(
                "annotated with @" + annotation.substring(annotation.lastIndexOf('.') + 1),
                javaClass -> javaClass.isMetaAnnotatedWith(annotation));
    }

    /** An aggregate, a saga or a projection by its Axon annotations, or code in a package of the pure core. */
    private static DescribedPredicate<JavaClass> deterministic() {
        return DescribedPredicate.describe(
                "are aggregates, sagas, projections or the domain code they apply",
                javaClass -> isAxonHandler(javaClass)
                        || isAxonHandler(topLevel(javaClass))
                        || JavaClass.Predicates.resideInAnyPackage(DETERMINISTIC_PACKAGES)
                                .test(javaClass));
    }

    private static boolean isAxonHandler(JavaClass javaClass) {
        if (javaClass.isAnnotatedWith("org.axonframework.spring.stereotype.Aggregate")
                || javaClass.isAnnotatedWith("org.axonframework.spring.stereotype.Saga")) {
            return true;
        }
        return javaClass.getFields().stream()
                        .anyMatch(f -> f.isAnnotatedWith("org.axonframework.modelling.command.AggregateIdentifier"))
                || javaClass.getMethods().stream()
                        .anyMatch(m -> m.isMetaAnnotatedWith("org.axonframework.eventhandling.EventHandler")
                                || m.isAnnotatedWith("org.axonframework.modelling.saga.SagaEventHandler"));
    }

    private static JavaClass topLevel(JavaClass javaClass) {
        JavaClass current = javaClass;
        while (current.getEnclosingClass().isPresent()) {
            current = current.getEnclosingClass().get();
        }
        return current;
    }

    /** Every annotation on the class, its fields, methods, constructors and their parameters. */
    private static ArchCondition<JavaClass> carryOnlyAnnotationsOf(String... allowedPrefixes) {
        return new ArchCondition<>("carry only annotations of " + List.of(allowedPrefixes)) {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                List<JavaAnnotation<?>> annotations = new ArrayList<>(javaClass.getAnnotations());
                for (JavaMember member : javaClass.getMembers()) {
                    annotations.addAll(member.getAnnotations());
                    if (member instanceof JavaCodeUnit codeUnit) {
                        for (JavaParameter parameter : codeUnit.getParameters()) {
                            annotations.addAll(parameter.getAnnotations());
                        }
                    }
                }
                for (JavaAnnotation<?> annotation : annotations) {
                    String type = annotation.getRawType().getName();
                    boolean allowed = List.of(allowedPrefixes).stream().anyMatch(type::startsWith);
                    events.add(new SimpleConditionEvent(javaClass, allowed, annotation.getDescription()));
                }
            }
        };
    }

    /**
     * Whether a class's constants (its SQL text among them) name one of the tables. The class file is read as
     * it is: a constant is stored as (modified) UTF-8, so a table name in it appears byte for byte.
     */
    private static ArchCondition<JavaClass> nameInTheirConstants(List<String> tables) {
        return new ArchCondition<>("name " + tables + " in their constants") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                String constants = classFile(javaClass).toLowerCase(Locale.ROOT);
                for (String table : tables) {
                    boolean names = constants.contains(table);
                    events.add(new SimpleConditionEvent(
                            javaClass, names, javaClass.getName() + (names ? " names " : " does not name ") + table));
                }
            }
        };
    }

    private static String classFile(JavaClass javaClass) {
        Source source = javaClass
                .getSource()
                .orElseThrow(() -> new IllegalStateException("no class file for " + javaClass.getName()));
        try (InputStream in = source.getUri().toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source.getUri(), e);
        }
    }
}
