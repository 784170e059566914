package dev.supportdesk.edge.proxy;

import dev.supportdesk.edge.routing.EdgeEndpoint;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Answers one of the public paths the edge serves itself (the route table names them). */
public interface EdgeHandler {

    EdgeEndpoint endpoint();

    /** Called for a GET or HEAD whose path and query string the proxy has already checked. */
    void serve(HttpServletRequest request, HttpServletResponse response) throws IOException;
}
