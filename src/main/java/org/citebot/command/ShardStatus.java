package org.citebot.command;

import java.time.Duration;

/**
 * The gateway shard a server's events arrive on, as {@code /status} shows it: which one of how
 * many, how many servers it carries and its last heartbeat's round trip. The Discord edge measures
 * it; {@link StatusSource#shard(String)} hands it over.
 */
public record ShardStatus(int shard, int total, long guilds, Duration latency) {}
