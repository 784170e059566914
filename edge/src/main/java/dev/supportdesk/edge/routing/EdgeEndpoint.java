package dev.supportdesk.edge.routing;

/** The public paths the edge answers itself instead of streaming them to one backend. */
public enum EdgeEndpoint {
    /** {@code GET /api/openapi.json}: the backends' OpenAPI documents merged into one. */
    OPENAPI,
    /** {@code GET /api/docs}: the Swagger UI page that reads {@link #OPENAPI}. */
    API_DOCS,
    /** {@code GET /api/admin/projections}: the projections of ticket-query and sla-monitor in one list. */
    PROJECTIONS
}
