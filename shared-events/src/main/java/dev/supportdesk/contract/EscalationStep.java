package dev.supportdesk.contract;

import java.util.List;

/**
 * One step of a policy's escalation ladder: when a clock (of {@code metric}, or any when null) reaches the stage,
 * its actions run; {@code group} is the group REASSIGN_TO_GROUP gives the ticket to.
 */
public record EscalationStep(EscalationTrigger at, SlaMetric metric, List<EscalationAction> actions, String group) {}
