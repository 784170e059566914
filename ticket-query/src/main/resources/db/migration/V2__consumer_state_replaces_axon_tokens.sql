-- The projection's progress is kept by the ticket stream consumer (consumer_offset, consumer_stream, migrated
-- with the platform's own history), no longer in an Axon tracking token. The first start after this migration
-- reads the topic from its first record again: every event already applied is skipped by its version.
DROP TABLE token_entry;
