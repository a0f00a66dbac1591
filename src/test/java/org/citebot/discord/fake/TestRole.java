package org.citebot.discord.fake;

/**
 * A role in a {@link TestGuild}. The role whose id equals the guild id is {@code @everyone}.
 *
 * @param permissions Discord permission bits (e.g. {@code 1L << 5} for Manage Server)
 */
public record TestRole(String id, String name, long permissions) {}
