package dev.supportdesk.platform.consumer;

/**
 * What a consumer has applied of one stream: the version, where that event was on the topic, and whether later
 * events wait behind a parked one.
 */
record StreamState(long version, Integer partition, Long offset, boolean blocked) {}
