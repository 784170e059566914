package dev.supportdesk.ticket.query.whatif;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The figures of one SLA report row (docs/api.md, "Reports"), without its key: the counts, the compliance and the
 * working-minute percentiles, computed as {@code GET /api/reports/sla} computes them in SQL (compliance over the
 * first-response and resolution outcomes; {@code percentile_cont}'s linear interpolation; two decimals, half up), so
 * that a what-if under the contracted policies gives the contracted report's figures.
 */
record SlaFigures(
        long tickets,
        long firstResponseMet,
        long firstResponseBreached,
        long resolutionMet,
        long resolutionBreached,
        Double compliancePct,
        Double firstResponseMinutesP50,
        Double firstResponseMinutesP90,
        Double resolutionMinutesP50,
        Double resolutionMinutesP90) {

    /** Adds up the outcomes of a group's tickets. */
    static final class Sum {

        private long tickets;
        private long firstResponseMet;
        private long firstResponseBreached;
        private long resolutionMet;
        private long resolutionBreached;
        private final List<Double> firstResponseMinutes = new ArrayList<>();
        private final List<Double> resolutionMinutes = new ArrayList<>();

        void add(Outcomes outcomes) {
            tickets++;
            if (Outcomes.MET.equals(outcomes.firstResponse())) {
                firstResponseMet++;
            } else if (Outcomes.BREACHED.equals(outcomes.firstResponse())) {
                firstResponseBreached++;
            }
            if (Outcomes.MET.equals(outcomes.resolution())) {
                resolutionMet++;
            } else if (Outcomes.BREACHED.equals(outcomes.resolution())) {
                resolutionBreached++;
            }
            if (outcomes.firstResponseMinutes() != null) {
                firstResponseMinutes.add(outcomes.firstResponseMinutes().doubleValue());
            }
            if (outcomes.resolutionMinutes() != null) {
                resolutionMinutes.add(outcomes.resolutionMinutes().doubleValue());
            }
        }

        SlaFigures figures() {
            long met = firstResponseMet + resolutionMet;
            long breached = firstResponseBreached + resolutionBreached;
            return new SlaFigures(
                    tickets,
                    firstResponseMet,
                    firstResponseBreached,
                    resolutionMet,
                    resolutionBreached,
                    met + breached == 0 ? null : rounded(met * 100.0 / (met + breached)),
                    percentile(firstResponseMinutes, 0.5),
                    percentile(firstResponseMinutes, 0.9),
                    percentile(resolutionMinutes, 0.5),
                    percentile(resolutionMinutes, 0.9));
        }
    }

    /** PostgreSQL's {@code percentile_cont}: between the two values around {@code fraction * (n - 1)}, linearly. */
    static Double percentile(List<Double> values, double fraction) {
        if (values.isEmpty()) {
            return null;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        double position = fraction * (sorted.size() - 1);
        int first = (int) Math.floor(position);
        int second = (int) Math.ceil(position);
        double low = sorted.get(first);
        double value = first == second ? low : low + (position - first) * (sorted.get(second) - low);
        return rounded(value);
    }

    private static Double rounded(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
