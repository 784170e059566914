-- The saga's progress is kept by the ticket stream consumer (consumer_offset, consumer_stream, migrated with the
-- platform's own history) since it reads the topic; nothing has used Axon's token store of V1 since then.
DROP TABLE token_entry;
