package org.citebot.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.citebot.reply.Reply;

/**
 * {@code /settings [private-answers:<bool>] [log-channel:<#channel>] [log-channel-off:true]}
 * (moderators): shows or changes this server's settings: whether search answers are private
 * previews by default, and the channel where citebot reports to this server's moderators.
 */
public final class SettingsCommand implements Command {

    static final String PRIVATE_ANSWERS = "private-answers";
    static final String LOG_CHANNEL = "log-channel";
    static final String LOG_CHANNEL_OFF = "log-channel-off";

    private static final CommandSpec SPEC = new CommandSpec(
            "settings",
            "Show or change citebot's settings for this server (moderators)",
            CommandSpec.Kind.SLASH,
            List.of(
                    OptionSpec.bool(
                            PRIVATE_ANSWERS,
                            "true: answers are private previews with a Share button; false: answers are public"),
                    OptionSpec.channel(
                            LOG_CHANNEL,
                            "Where citebot reports to moderators: unanswered questions, digest failures, reindexes",
                            false),
                    OptionSpec.bool(LOG_CHANNEL_OFF, "true: stop reporting in this server's log channel")),
            "/settings log-channel:#mod-log",
            true);

    private final GuildPreferences settings;
    private final ModeratorPolicy moderators;
    private final boolean configuredPrivate;
    private final Optional<String> configuredLogChannel;
    private final ServerChannels channels;

    /**
     * @param configuredPrivate the configured default for servers that never chose
     * @param configuredLogChannel {@code moderators.logChannel}, used by the one server it belongs to
     *     while that server has no channel of its own
     */
    public SettingsCommand(
            GuildPreferences settings,
            ModeratorPolicy moderators,
            boolean configuredPrivate,
            Optional<String> configuredLogChannel,
            ServerChannels channels) {
        this.settings = settings;
        this.moderators = moderators;
        this.configuredPrivate = configuredPrivate;
        this.configuredLogChannel = configuredLogChannel;
        this.channels = channels;
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
        Optional<String> logChannel = request.string(LOG_CHANNEL);
        boolean logChannelOff = request.bool(LOG_CHANNEL_OFF).orElse(false);
        if (logChannel.isPresent() && logChannelOff) {
            throw new UserFacingException("Choose either log-channel or log-channel-off:true, not both.");
        }
        logChannel.ifPresent(channel -> channels.requireIn(guild, channel, LOG_CHANNEL));

        List<String> saved = new ArrayList<>();
        Optional<Boolean> privateAnswers = request.bool(PRIVATE_ANSWERS);
        if (privateAnswers.isPresent()) {
            settings.setPrivateByDefault(guild, privateAnswers.get());
            saved.add("search answers in this server are now " + describe(privateAnswers.get()) + " by default.");
        }
        if (logChannel.isPresent()) {
            settings.setLogChannel(guild, logChannel);
            saved.add("citebot reports to this server's moderators in " + ServerChannels.link(guild, logChannel.get())
                    + " (unanswered questions, digest failures and reindexes).");
        } else if (logChannelOff) {
            settings.setLogChannel(guild, Optional.empty());
            saved.add("this server has no log channel of its own any more. " + describeLogChannel(guild));
        }
        if (!saved.isEmpty()) {
            return Reply.notice("Saved: " + String.join("\nSaved: ", saved));
        }
        boolean currentPrivate = settings.privateByDefault(guild).orElse(configuredPrivate);
        return Reply.notice("Search answers in this server are " + describe(currentPrivate)
                + " by default. Change it with /settings private-answers:true or false.\n" + describeLogChannel(guild));
    }

    private String describeLogChannel(String guild) {
        Optional<String> own = settings.logChannel(guild);
        if (own.isPresent() && !channels.isMessageChannelOf(guild, own.get())) {
            return "Moderator reports are set to go to " + ServerChannels.link(guild, own.get())
                    + ", but citebot cannot find that channel any more (deleted, or hidden from citebot), so they are"
                    + " not posted. Choose another with /settings log-channel:#channel.";
        }
        if (own.isPresent()) {
            return "Moderator reports go to " + ServerChannels.link(guild, own.get())
                    + ". Change it with /settings log-channel:#channel, or stop with /settings log-channel-off:true.";
        }
        Optional<String> configured =
                configuredLogChannel.filter(channel -> channels.isMessageChannelOf(guild, channel));
        if (configured.isPresent()) {
            return "Moderator reports go to the configured channel " + ServerChannels.link(guild, configured.get())
                    + ". Choose another with /settings log-channel:#channel.";
        }
        return "Moderator reports (unanswered questions, digest failures, reindexes) are not posted here."
                + " Choose a channel with /settings log-channel:#channel.";
    }

    private static String describe(boolean privateAnswers) {
        return privateAnswers ? "private previews with a Share button" : "public";
    }
}
