package org.citebot.command;

import java.util.List;
import java.util.Optional;

/**
 * Who runs a command, and where. The console uses a local user with moderator rights; Discord
 * fills it from the interaction's member. Never logged with the user id attached to queries.
 *
 * @param manageServer whether the member holds Manage Server (or Administrator) in the guild
 * @param roleIds ids of the member's roles, checked against the configured moderator roles
 */
public record Invoker(
        String userId,
        Optional<String> guildId,
        Optional<String> channelId,
        boolean manageServer,
        List<String> roleIds) {

    public Invoker {
        roleIds = List.copyOf(roleIds);
    }

    /** The person at the local console: one user, no guild, trusted with every command. */
    public static Invoker console() {
        return new Invoker("console", Optional.empty(), Optional.empty(), true, List.of());
    }
}
