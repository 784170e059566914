package dev.supportdesk.ticket.query.report;

import dev.supportdesk.platform.web.ApiProblem;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.util.MimeTypeUtils;

/** The two forms every report is sent in (docs/api.md, "Reports"): JSON, or CSV when {@code Accept} prefers it. */
public final class ReportMedia {

    public static final String CSV_VALUE = "text/csv";
    public static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final List<MediaType> OFFERED = List.of(MediaType.APPLICATION_JSON, MediaType.valueOf(CSV_VALUE));

    private ReportMedia() {}

    /**
     * JSON or CSV, whichever the {@code Accept} header prefers (JSON when it names neither type exactly, e.g.
     * {@code *}{@code /*}); 406 when it accepts neither.
     */
    public static MediaType negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return MediaType.APPLICATION_JSON;
        }
        List<MediaType> accepted;
        try {
            accepted = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw ApiProblem.badRequest("Accept", "is not a list of media types");
        }
        MimeTypeUtils.sortBySpecificity(accepted);
        accepted.sort((a, b) -> Double.compare(b.getQualityValue(), a.getQualityValue()));
        for (MediaType wanted : accepted) {
            if (wanted.getQualityValue() == 0) {
                continue;
            }
            for (MediaType offered : OFFERED) {
                if (wanted.includes(offered)) {
                    return offered.equals(MediaType.APPLICATION_JSON) ? MediaType.APPLICATION_JSON : CSV;
                }
            }
        }
        throw ApiProblem.of(
                HttpStatus.NOT_ACCEPTABLE, "Not Acceptable", "Reports are sent as application/json or text/csv");
    }
}
