package dev.supportdesk.model.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.supportdesk.contract.Channel;
import dev.supportdesk.contract.CustomerTier;
import dev.supportdesk.contract.Priority;
import dev.supportdesk.contract.SlaMetric;
import dev.supportdesk.contract.SlaPolicyMatch;
import dev.supportdesk.model.sla.ListedSlaPolicies.MatchedPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ListedSlaPoliciesTest {

    private static final SlaTicket HIGH_PREMIUM_EMAIL =
            new SlaTicket(Priority.HIGH, CustomerTier.PREMIUM, Channel.EMAIL);

    @Test
    void theMostSpecificMatchingPolicyWinsAndATieGoesToTheLaterListed() {
        ListedSlaPolicies policies = new ListedSlaPolicies(
                List.of(
                        listed("every", null),
                        listed("high", new SlaPolicyMatch(Priority.HIGH, null, null)),
                        listed("high-premium", new SlaPolicyMatch(Priority.HIGH, CustomerTier.PREMIUM, null)),
                        listed("high-email", new SlaPolicyMatch(Priority.HIGH, null, Channel.EMAIL)),
                        listed(
                                "low-premium-email",
                                new SlaPolicyMatch(Priority.LOW, CustomerTier.PREMIUM, Channel.EMAIL))),
                Map.of());

        assertThat(policies.resolve(HIGH_PREMIUM_EMAIL, null).name()).isEqualTo("high-email");
        assertThat(policies.resolve(new SlaTicket(Priority.HIGH, CustomerTier.STANDARD, Channel.PHONE), null)
                        .name())
                .isEqualTo("high");
        assertThat(policies.resolve(new SlaTicket(Priority.NORMAL, CustomerTier.STANDARD, Channel.PHONE), null)
                        .name())
                .isEqualTo("every");
    }

    @Test
    void aTicketNoPolicyMatchesGetsAPolicyWithoutTargets() {
        ListedSlaPolicies policies =
                new ListedSlaPolicies(List.of(listed("low", new SlaPolicyMatch(Priority.LOW, null, null))), Map.of());

        SlaPolicy none = policies.resolve(HIGH_PREMIUM_EMAIL, null);

        assertThat(none.name()).isEqualTo(ListedSlaPolicies.UNMATCHED);
        assertThat(new SlaClockCalculator(policies).opened("T-1", HIGH_PREMIUM_EMAIL, java.time.Instant.EPOCH))
                .isEmpty();
    }

    @Test
    void matchesAsTheStoreDoes() {
        assertThat(SlaPolicyMatching.matches(null, HIGH_PREMIUM_EMAIL)).isTrue();
        assertThat(SlaPolicyMatching.matches(new SlaPolicyMatch(null, CustomerTier.STANDARD, null), HIGH_PREMIUM_EMAIL))
                .isFalse();
        assertThat(SlaPolicyMatching.specificity(new SlaPolicyMatch(Priority.LOW, null, Channel.WEB)))
                .isEqualTo(2);
    }

    @Test
    void everyCalendarAPolicyNamesMustBeGiven() {
        assertThatThrownBy(() -> new ListedSlaPolicies(
                        List.of(new MatchedPolicy(
                                null,
                                new SlaPolicy("p", "office", 80, Map.of(SlaMetric.RESOLUTION, Duration.ofHours(1))))),
                        Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("office");
    }

    private static MatchedPolicy listed(String name, SlaPolicyMatch match) {
        return new MatchedPolicy(
                match, new SlaPolicy(name, "24x7", 80, Map.of(SlaMetric.FIRST_RESPONSE, Duration.ofHours(1))));
    }
}
