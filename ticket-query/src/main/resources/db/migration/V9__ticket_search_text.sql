-- The queue's text search (?q=) as one condition on one column. V3's trigram index over five columns answered
-- the five ILIKEs (one per column, OR-ed) with five bitmap scans, and the planner, pricing each scan of trigrams
-- that every row shares, chose to read the whole table instead: over 100,000 tickets about 0.2 s per statement on
-- an idle machine, twice per request (count and page), where the index answers in a few milliseconds.
-- search_text holds the five columns joined by U+001F, a control character that no stored text and no search
-- may contain (the API refuses it in both), so '%text%' matches it exactly when it matches one of the columns.
ALTER TABLE ticket ADD COLUMN search_text text GENERATED ALWAYS AS (
    coalesce(subject, '') || E'\x1f' || coalesce(description, '') || E'\x1f' || coalesce(requester_name, '')
        || E'\x1f' || coalesce(requester_email, '') || E'\x1f' || coalesce(requester_phone, '')) STORED;

CREATE INDEX ticket_search_text_idx ON ticket USING GIN (search_text gin_trgm_ops);

DROP INDEX ticket_text_search_idx;
