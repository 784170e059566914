package dev.supportdesk.ticket.command.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.model.sla.SlaPolicies;
import dev.supportdesk.model.sla.SlaPolicy;
import dev.supportdesk.model.sla.WorkingCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlaPoliciesTest {

    @Test
    void theDefaultPolicyHasTheDocumentedTargetsOnThe24x7Calendar() {
        SlaPolicies policies = SlaSettings.documented();
        SlaPolicy urgent = policies.resolve(Priority.URGENT, CustomerTier.STANDARD, Channel.PHONE);
        assertThat(urgent.name()).isEqualTo("default");
        assertThat(urgent.calendar()).isEqualTo("24x7");
        assertThat(urgent.warnAtPercent()).isEqualTo(80);
        assertThat(urgent.target(SlaMetric.FIRST_RESPONSE)).contains(Duration.ofMinutes(30));
        assertThat(urgent.target(SlaMetric.RESOLUTION)).contains(Duration.ofHours(4));
        assertThat(urgent.target(SlaMetric.NEXT_RESPONSE)).isEmpty();
        assertThat(policies.resolve(Priority.HIGH, CustomerTier.PREMIUM, Channel.EMAIL)
                        .target(SlaMetric.RESOLUTION))
                .contains(Duration.ofHours(8));
        assertThat(policies.resolve(Priority.NORMAL, CustomerTier.STANDARD, Channel.WEB)
                        .target(SlaMetric.FIRST_RESPONSE))
                .contains(Duration.ofHours(4));
        assertThat(policies.resolve(Priority.LOW, CustomerTier.STANDARD, Channel.API)
                        .target(SlaMetric.RESOLUTION))
                .contains(Duration.ofHours(72));
    }

    @Test
    void configurationOverridesTargetsWithIsoDurationsAndKeepsTheRest() {
        Map<String, String> configuration = Map.of(
                "support.sla.warn-at-percent", "50",
                "support.sla.default-policy.targets.URGENT.first-response", "PT2S",
                "support.sla.default-policy.targets.URGENT.next-response", "PT10M");
        SlaPolicy urgent =
                SlaSettings.policies(configuration).resolve(Priority.URGENT, CustomerTier.STANDARD, Channel.CHAT);

        assertThat(urgent.target(SlaMetric.FIRST_RESPONSE)).contains(Duration.ofSeconds(2));
        assertThat(urgent.target(SlaMetric.NEXT_RESPONSE)).contains(Duration.ofMinutes(10));
        assertThat(urgent.target(SlaMetric.RESOLUTION)).contains(Duration.ofHours(4));
        assertThat(urgent.warnAfter(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aTargetMustBePositiveAndTheRefusalNamesItsKey() {
        assertThatThrownBy(() ->
                        SlaSettings.properties(Map.of("support.sla.default-policy.targets.LOW.first-response", "PT0S")))
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("support.sla.default-policy.targets.LOW.first-response");
        assertThatThrownBy(() -> SlaSettings.properties(
                        Map.of("support.sla.default-policy.targets.HIGH.next-response", "-PT1M")))
                .rootCause()
                .hasMessageContaining("support.sla.default-policy.targets.HIGH.next-response");
        assertThatThrownBy(() -> SlaSettings.properties(Map.of("support.sla.warn-at-percent", "0")))
                .rootCause()
                .hasMessageContaining("support.sla.warn-at-percent");
    }

    @Test
    void the24x7CalendarCountsEverySecond() {
        WorkingCalendar calendar = SlaSettings.documented().calendar("24x7");
        Instant start = Instant.parse("2026-12-31T23:00:00Z");
        assertThat(calendar.plus(start, Duration.ofHours(2))).isEqualTo(Instant.parse("2027-01-01T01:00:00Z"));
        assertThat(calendar.between(start, start.minusSeconds(30))).isEqualTo(Duration.ofSeconds(-30));
        assertThatThrownBy(() -> SlaSettings.documented().calendar("office-hours"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
