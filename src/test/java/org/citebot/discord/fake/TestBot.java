package org.citebot.discord.fake;

/**
 * The bot account the fake expects: its user, its application (deliberately a different id, as on
 * Discord) and the token JDA must present.
 */
public record TestBot(String userId, String username, String applicationId, String token) {

    /** A bot with fresh ids and the given token. */
    public static TestBot create(String username, String token) {
        return new TestBot(Snowflakes.nextId(), username, Snowflakes.nextId(), token);
    }
}
