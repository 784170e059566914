-- The planner's estimate for a text search (search_text ILIKE '%text%') is the share of the column's histogram
-- that matches. With the default statistics target the histogram has 101 entries, so a search for one customer
-- that happens to match one of them is estimated at 1 % of the tickets (600 of 60,000 where 11 match): enough for
-- the planner to walk the queue's due_at index in order and filter every row, reading the whole table, instead of
-- asking the trigram index (V9). A histogram of 1,001 entries makes the smallest non-zero estimate 0.1 %, and a
-- selective search stays with the trigram index; a search most tickets match still walks the sort order's index.
ALTER TABLE ticket ALTER COLUMN search_text SET STATISTICS 1000;
