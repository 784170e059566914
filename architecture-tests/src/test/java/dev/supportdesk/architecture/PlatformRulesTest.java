package dev.supportdesk.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.supportdesk.contract.fixture.JsonMappedEvent;
import dev.supportdesk.edge.fixture.PublicConfiguration;
import dev.supportdesk.edge.fixture.PublicController;
import dev.supportdesk.model.fixture.FileReadingCalendar;
import dev.supportdesk.sla.monitor.saga.fixture.WallClockSaga;
import dev.supportdesk.ticket.command.fixture.CommandSideClass;
import dev.supportdesk.ticket.command.fixture.RandomIdAggregate;
import dev.supportdesk.ticket.command.history.fixture.EventTableReader;
import dev.supportdesk.ticket.command.ticket.fixture.WebAwareDomainClass;
import dev.supportdesk.ticket.query.fixture.QuerySideCaller;
import org.junit.jupiter.api.Test;

/**
 * Each rule of {@link PlatformRules} fails on a violation: run over small classes of this module's tests, each
 * breaking one convention, it reports that class. (The production run of {@link ArchitectureTest} leaves them out.)
 */
class PlatformRulesTest {

    private static EvaluationResult evaluate(ArchRule rule, Class<?>... classes) {
        JavaClasses imported = new ClassFileImporter().importClasses(classes);
        return rule.evaluate(imported);
    }

    private static void assertViolatedBy(ArchRule rule, Class<?> offender, Class<?>... others) {
        Class<?>[] classes = new Class<?>[others.length + 1];
        classes[0] = offender;
        System.arraycopy(others, 0, classes, 1, others.length);
        EvaluationResult result = evaluate(rule, classes);
        assertThat(result.hasViolation())
                .as("%s is violated", rule.getDescription())
                .isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails())).contains(offender.getName());
    }

    @Test
    void theContractMayNotUseJackson() {
        assertViolatedBy(PlatformRules.CONTRACT_HAS_NO_FRAMEWORK, JsonMappedEvent.class);
    }

    @Test
    void theContractMayCarryOnlyAxonAnnotations() {
        assertViolatedBy(PlatformRules.CONTRACT_CARRIES_ONLY_AXON_ANNOTATIONS, JsonMappedEvent.class);
    }

    @Test
    void theSharedModelMayDoNoIo() {
        assertViolatedBy(PlatformRules.MODEL_IS_PURE, FileReadingCalendar.class);
    }

    @Test
    void aServiceMayNotUseAnotherServicesPackages() {
        assertViolatedBy(PlatformRules.NO_SERVICE_USES_ANOTHER, QuerySideCaller.class, CommandSideClass.class);
    }

    @Test
    void theDomainMayNotUseTheWebSupport() {
        assertViolatedBy(PlatformRules.DOMAIN_KNOWS_NO_WEB_OR_SECURITY, WebAwareDomainClass.class);
    }

    @Test
    void onlyTheEventStoreMayNameTheEventTables() {
        assertViolatedBy(PlatformRules.ONLY_THE_EVENT_STORE_NAMES_THE_EVENT_TABLES, EventTableReader.class);
    }

    @Test
    void controllersAndConfigurationsMayNotBePublic() {
        assertViolatedBy(PlatformRules.CONTROLLERS_AND_CONFIGURATIONS_ARE_PACKAGE_PRIVATE, PublicController.class);
        assertViolatedBy(PlatformRules.CONTROLLERS_AND_CONFIGURATIONS_ARE_PACKAGE_PRIVATE, PublicConfiguration.class);
    }

    @Test
    void deterministicCodeMayNotReadTheWallClockOrDrawRandomIds() {
        assertViolatedBy(PlatformRules.NO_WALL_CLOCK_OR_RANDOM_IDS_IN_DETERMINISTIC_CODE, WallClockSaga.class);
        assertViolatedBy(PlatformRules.NO_WALL_CLOCK_OR_RANDOM_IDS_IN_DETERMINISTIC_CODE, RandomIdAggregate.class);
    }
}
