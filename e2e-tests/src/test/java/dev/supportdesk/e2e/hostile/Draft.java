package dev.supportdesk.e2e.hostile;

import dev.supportdesk.e2e.hostile.HostileRequest.Expectation;
import dev.supportdesk.e2e.hostile.HostileRequest.Framing;
import java.util.ArrayList;
import java.util.List;

/** A request being generated; {@link #build} adds the caller's, the content's and the correlation headers. */
final class Draft {

    static final String ACCEPT = "Accept: application/json, application/problem+json";

    String kind;
    String method = "GET";
    String target = "/api/tickets";
    String version = "HTTP/1.1";
    Caller caller = Caller.nobody();
    String contentType;
    String accept = ACCEPT;
    String body = "";
    Framing framing = Framing.LENGTH;
    /** A request to the API that needs valid credentials (OPTIONS aside). */
    boolean api = true;

    boolean sendsHost = true;
    /** Null: the run's own correlation id. Otherwise these lines replace it. */
    List<String> correlationLines;

    final List<String> headers = new ArrayList<>();
    Expectation expect = Expectation.ANY;
    long waitsFor;

    Draft(String kind) {
        this.kind = kind;
    }

    Draft refused(String why) {
        expect = expect.and(Expectation.refused(why));
        return this;
    }

    Draft succeeds(String why) {
        expect = expect.and(Expectation.success(why));
        return this;
    }

    Draft json(Object body) {
        return json(Json.write(body));
    }

    Draft json(String wire) {
        this.body = wire;
        this.contentType = "application/json";
        return this;
    }

    HostileRequest build(int index, String correlationId) {
        List<String> lines = new ArrayList<>(caller.authorization());
        if (accept != null) {
            lines.add(accept);
        }
        if (contentType != null) {
            lines.add("Content-Type: " + contentType);
        }
        String ours = null;
        if (correlationLines == null) {
            ours = correlationId;
            lines.add("X-Correlation-Id: " + correlationId);
        } else {
            lines.addAll(correlationLines);
        }
        lines.addAll(headers);
        Expectation expectation = expect;
        if (api && caller.standing() == Caller.Standing.REFUSED && !method.equals("OPTIONS")) {
            expectation = expectation.and(Expectation.refused("no valid credentials"));
        }
        if (expectation.outcome() == HostileRequest.Outcome.SUCCESS && caller.standing() != Caller.Standing.SIGNED_IN) {
            expectation = Expectation.ANY;
        }
        return new HostileRequest(
                index,
                kind,
                method,
                target,
                version,
                sendsHost,
                List.copyOf(lines),
                body,
                framing,
                caller,
                ours,
                expectation,
                waitsFor);
    }
}
