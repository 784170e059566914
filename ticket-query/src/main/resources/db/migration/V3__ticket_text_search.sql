-- The queue's text search (?q=) matches ILIKE '%text%' on five columns. Without an index every search
-- reads every ticket's description twice (the count and the page), so its cost grows with all text ever
-- stored; eight concurrent searches over a large read model then queue on the connection pool for longer
-- than the edge waits (504). Trigram indexes answer such patterns (three characters or more) from the index.
-- pg_trgm is a trusted extension: the database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA ticket_query;

CREATE INDEX ticket_text_search_idx ON ticket USING GIN (
    subject gin_trgm_ops,
    description gin_trgm_ops,
    requester_name gin_trgm_ops,
    requester_email gin_trgm_ops,
    requester_phone gin_trgm_ops);
