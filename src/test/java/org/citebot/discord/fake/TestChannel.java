package org.citebot.discord.fake;

/** A text channel (type 0) in a {@link TestGuild}. */
public record TestChannel(String id, String name) {}
