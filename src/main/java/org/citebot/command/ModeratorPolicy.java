package org.citebot.command;

import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who is a moderator: a member with Manage Server, or one holding a configured moderator
 * role. Moderator commands are declared with Manage Server as their default permission, but server
 * admins can override that in Discord, so every moderator command checks again here.
 */
public final class ModeratorPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(ModeratorPolicy.class);

    private final Set<String> moderatorRoles;

    public ModeratorPolicy(List<String> moderatorRoles) {
        this.moderatorRoles = Set.copyOf(moderatorRoles);
    }

    public boolean isModerator(Invoker invoker) {
        return invoker.manageServer() || invoker.roleIds().stream().anyMatch(moderatorRoles::contains);
    }

    /**
     * Passes silently for a moderator; otherwise logs the refusal and throws the private notice.
     *
     * @param command the command being refused, for the log and the message
     */
    public void require(Invoker invoker, String command) {
        if (!isModerator(invoker)) {
            LOG.info(
                    "Refused /{} for a non-moderator in guild {}",
                    command,
                    invoker.guildId().orElse("-"));
            throw new UserFacingException("Only moderators can use /" + command
                    + ": it needs the Manage Server permission or a moderator role.");
        }
    }
}
