package org.citebot.command;

import java.util.List;
import java.util.Optional;
import org.citebot.reply.Reply;
import org.citebot.state.GuildSettings;

/**
 * {@code /settings [private-answers:<bool>]} (moderators): shows or changes this server's settings,
 * for now whether search answers are private previews by default.
 */
public final class SettingsCommand implements Command {

    private static final CommandSpec SPEC = new CommandSpec(
            "settings",
            "Show or change citebot's settings for this server (moderators)",
            CommandSpec.Kind.SLASH,
            List.of(OptionSpec.bool(
                    "private-answers",
                    "true: answers are private previews with a Share button; false: answers are public")),
            "/settings private-answers:false",
            true);

    private final GuildSettings settings;
    private final ModeratorPolicy moderators;
    private final boolean configuredPrivate;

    /** @param configuredPrivate the configured default for servers that never chose */
    public SettingsCommand(GuildSettings settings, ModeratorPolicy moderators, boolean configuredPrivate) {
        this.settings = settings;
        this.moderators = moderators;
        this.configuredPrivate = configuredPrivate;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandRequest request) {
        moderators.require(request.invoker(), SPEC.name());
        String guild = request.invoker()
                .guildId()
                .orElseThrow(
                        () -> new UserFacingException(
                                "Settings belong to a Discord server; the console has none. Edit config/citebot.yaml instead."));
        Optional<Boolean> change = request.bool("private-answers");
        if (change.isPresent()) {
            settings.setPrivateByDefault(guild, change.get());
            return Reply.notice(
                    "Saved: search answers in this server are now " + describe(change.get()) + " by default.");
        }
        boolean current = settings.privateByDefault(guild).orElse(configuredPrivate);
        return Reply.notice("Search answers in this server are " + describe(current)
                + " by default. Change it with /settings private-answers:true or false.");
    }

    private static String describe(boolean privateAnswers) {
        return privateAnswers ? "private previews with a Share button" : "public";
    }
}
