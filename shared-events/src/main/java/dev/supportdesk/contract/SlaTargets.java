package dev.supportdesk.contract;

import java.time.Duration;

/** A policy's targets as working time in its calendar; nextResponse null runs no next-response clock. */
public record SlaTargets(Duration firstResponse, Duration nextResponse, Duration resolution) {}
