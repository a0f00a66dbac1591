package org.citebot.discord.fake;

import java.util.List;

/**
 * A guild member the fake can act as when dispatching interactions. {@code roleIds} are the
 * member's roles besides {@code @everyone}; effective permissions are computed by the guild.
 */
public record TestMember(String id, String username, List<String> roleIds) {

    public TestMember {
        roleIds = List.copyOf(roleIds);
    }

    /** A member with a fresh id and no roles besides {@code @everyone}. */
    public static TestMember named(String username, String... roleIds) {
        return new TestMember(Snowflakes.nextId(), username, List.of(roleIds));
    }
}
