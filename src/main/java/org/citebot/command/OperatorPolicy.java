package org.citebot.command;

import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides who operates citebot: the people who run it for every server it is in, and so the only
 * ones trusted with what acts on all of them, such as rebuilding the shared corpus with {@code
 * /reindex}. They are the local user of the console, the user ids in {@code operators.users}, and
 * whoever the platform names through its {@link OperatorCheck} (on Discord, the application's owner
 * or team). A server's moderators are not operators unless they are also one of these.
 */
public final class OperatorPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(OperatorPolicy.class);

    /** Why a moderator cannot run an operator command, naming the operators only in general terms. */
    static final String OPERATORS_ONLY = " acts on the corpus every server using citebot shares, so only citebot's"
            + " operators can run it, dry runs included: the people who run the bot (the owner or team of its"
            + " Discord application, and anyone its configuration names). If something needs doing, ask them.";

    private final Set<String> configuredUsers;
    private final OperatorCheck platform;

    /**
     * @param configuredUsers {@code operators.users}
     * @param platform the platform's own list of the bot's operators; asked only for users not configured
     */
    public OperatorPolicy(List<String> configuredUsers, OperatorCheck platform) {
        this.configuredUsers = Set.copyOf(configuredUsers);
        this.platform = platform;
    }

    public boolean isOperator(Invoker invoker) {
        // The console has no platform identity: whoever can type into it already runs the process.
        if (invoker.equals(Invoker.console()) || configuredUsers.contains(invoker.userId())) {
            return true;
        }
        try {
            return platform.isOperator(invoker.userId());
        } catch (RuntimeException e) {
            LOG.warn(
                    "Could not tell whether a user is one of citebot's operators; treating them as not: {}",
                    e.toString());
            return false;
        }
    }

    /**
     * Passes silently for an operator; otherwise logs the refusal and throws the private notice,
     * which names no one.
     *
     * @param command the command being refused, for the log and the message
     */
    public void require(Invoker invoker, String command) {
        if (!isOperator(invoker)) {
            LOG.info(
                    "Refused /{} for a non-operator in guild {}",
                    command,
                    invoker.guildId().orElse("-"));
            throw new UserFacingException("/" + command + OPERATORS_ONLY);
        }
    }
}
