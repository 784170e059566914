package dev.supportdesk.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The platform's conventions over the production classes of every module (shared-events, the libraries, the services). */
@AnalyzeClasses(packages = "dev.supportdesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule contractHasNoFramework = PlatformRules.CONTRACT_HAS_NO_FRAMEWORK;

    @ArchTest
    static final ArchRule contractCarriesOnlyAxonAnnotations = PlatformRules.CONTRACT_CARRIES_ONLY_AXON_ANNOTATIONS;

    @ArchTest
    static final ArchRule modelIsPure = PlatformRules.MODEL_IS_PURE;

    @ArchTest
    static final ArchRule noServiceUsesAnother = PlatformRules.NO_SERVICE_USES_ANOTHER;

    @ArchTest
    static final ArchRule domainKnowsNoWebOrSecurity = PlatformRules.DOMAIN_KNOWS_NO_WEB_OR_SECURITY;

    @ArchTest
    static final ArchRule onlyTheEventStoreNamesTheEventTables =
            PlatformRules.ONLY_THE_EVENT_STORE_NAMES_THE_EVENT_TABLES;

    @ArchTest
    static final ArchRule controllersAndConfigurationsArePackagePrivate =
            PlatformRules.CONTROLLERS_AND_CONFIGURATIONS_ARE_PACKAGE_PRIVATE;

    @ArchTest
    static final ArchRule noWallClockOrRandomIdsInDeterministicCode =
            PlatformRules.NO_WALL_CLOCK_OR_RANDOM_IDS_IN_DETERMINISTIC_CODE;
}
