package org.citebot.discord;

import java.util.List;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.requests.restaction.CommandListUpdateAction;
import org.citebot.discord.CommandDefinitions.Scope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers citebot's commands on start, but only where what Discord has differs from what citebot
 * would send: per configured guild (instant, for development) or else globally. Reads what is
 * registered from Discord each time, so nothing has to be remembered between runs.
 */
final class CommandRegistrar {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRegistrar.class);

    /** What happened in one scope, for the log and for tests. */
    enum Outcome {
        UNCHANGED,
        UPDATED,
        SKIPPED
    }

    private final List<CommandData> desired;

    CommandRegistrar(List<CommandData> desired) {
        this.desired = List.copyOf(desired);
    }

    /** Global commands, when no development guild is configured. */
    Outcome registerGlobally(JDA jda) {
        return sync("global", Scope.GLOBAL, jda::retrieveCommands, jda::updateCommands);
    }

    /** Guild commands for the guild {@code guildId}; skipped with a warning when the bot is not in it. */
    Outcome registerInGuild(JDA jda, String guildId) {
        Guild guild = jda.getGuildById(guildId);
        if (guild == null) {
            LOG.warn("Not registering commands in guild {}: citebot is not a member of it (invite it first)", guildId);
            return Outcome.SKIPPED;
        }
        return sync("guild " + guildId, Scope.GUILD, guild::retrieveCommands, guild::updateCommands);
    }

    private Outcome sync(
            String where,
            Scope scope,
            Supplier<RestAction<List<Command>>> retrieve,
            Supplier<CommandListUpdateAction> update) {
        String wanted = CommandDefinitions.canonical(desired, scope);
        List<CommandData> registered =
                retrieve.get().complete().stream().map(CommandData::fromCommand).toList();
        String current = CommandDefinitions.canonical(registered, scope);
        if (wanted.equals(current)) {
            LOG.info(
                    "Commands ({}) unchanged: {} registered, definition {}; not re-registering",
                    where,
                    registered.size(),
                    CommandDefinitions.fingerprint(wanted));
            return Outcome.UNCHANGED;
        }
        update.get().addCommands(desired).complete();
        LOG.info(
                "Commands ({}) registered: {} commands, definition {} (was {} with {} commands)",
                where,
                desired.size(),
                CommandDefinitions.fingerprint(wanted),
                CommandDefinitions.fingerprint(current),
                registered.size());
        return Outcome.UPDATED;
    }
}
