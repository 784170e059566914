package dev.supportdesk.ticket.query.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlaFiguresTest {

    @Test
    void percentilesInterpolateAsPercentileContDoes() {
        // positions 0.5 * 3 = 1.5 and 0.9 * 3 = 2.7 between the sorted 10, 20, 40, 80
        assertThat(SlaFigures.percentile(List.of(80.0, 10.0, 40.0, 20.0), 0.5)).isEqualTo(30.0);
        assertThat(SlaFigures.percentile(List.of(80.0, 10.0, 40.0, 20.0), 0.9)).isEqualTo(68.0);
        assertThat(SlaFigures.percentile(List.of(7.5), 0.9)).isEqualTo(7.5);
        assertThat(SlaFigures.percentile(List.of(), 0.5)).isNull();
    }

    @Test
    void complianceCountsFirstResponseAndResolutionOutcomes() {
        SlaFigures.Sum sum = new SlaFigures.Sum();
        sum.add(new Outcomes("MET", new BigDecimal("30.0000"), "BREACHED", new BigDecimal("600.0000"), null));
        sum.add(new Outcomes("MET", new BigDecimal("90.0000"), null, null, null));
        sum.add(new Outcomes(null, null, null, null, null));

        SlaFigures figures = sum.figures();

        assertThat(figures).isEqualTo(new SlaFigures(3, 2, 0, 0, 1, 66.67, 60.0, 84.0, 600.0, 600.0));
    }

    @Test
    void withoutFinishedOutcomesComplianceIsNull() {
        SlaFigures.Sum sum = new SlaFigures.Sum();
        sum.add(new Outcomes(null, null, null, null, null));

        assertThat(sum.figures().compliancePct()).isNull();
        assertThat(sum.figures().tickets()).isEqualTo(1);
    }
}
