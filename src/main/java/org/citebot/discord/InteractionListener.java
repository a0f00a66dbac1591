package org.citebot.discord;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.citebot.command.CommandRegistry;
import org.citebot.command.CommandRequest;
import org.citebot.command.ErrorBoundary;
import org.citebot.command.Invoker;
import org.citebot.command.ModeratorPolicy;
import org.citebot.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Receives citebot's interactions from JDA and hands them, as platform-neutral requests, to the
 * commands and button handlers of the {@link CommandRegistry}. It never runs a command on JDA's
 * threads: work goes to a bounded pool and Discord is answered within 3 s (directly when the work
 * is quick, otherwise deferred first), see {@link #QUICK_WINDOW}.
 */
public final class InteractionListener extends ListenerAdapter {

    /** Work that takes longer than this is deferred, leaving Discord's 3 s ample room for the deferral. */
    public static final Duration QUICK_WINDOW = Duration.ofMillis(1500);
    /** Autocomplete has no deferral; past this the typed text is offered as it is. */
    public static final Duration AUTOCOMPLETE_BUDGET = Duration.ofMillis(2000);

    private static final Logger LOG = LoggerFactory.getLogger(InteractionListener.class);

    private final DiscordRenderer renderer;
    private final ErrorBoundary errors;
    private final InteractionFlows flows;

    /**
     * @param workers where commands, buttons and autocomplete run; bounded, see {@link #boundedPool}
     * @param timer schedules deferrals and autocomplete budgets
     * @param moderators who may run moderator commands (Manage Server or a configured moderator role),
     *     checked again here because server admins can open those commands to everyone in Discord
     * @param deferAfter how long a command may run before its reply is deferred ({@code
     *     discord.deferAfter}); Discord allows 3 s for the first response
     * @param metrics where the time from an interaction's arrival to its acknowledgement is recorded
     *     ({@code citebot.interaction.ack}, tagged answered, deferred, busy or stopping)
     */
    public InteractionListener(
            CommandRegistry registry,
            DiscordRenderer renderer,
            ErrorBoundary errors,
            ExecutorService workers,
            ScheduledExecutorService timer,
            ModeratorPolicy moderators,
            Duration deferAfter,
            MeterRegistry metrics) {
        this(
                registry,
                renderer,
                errors,
                workers,
                timer,
                deferAfter,
                AUTOCOMPLETE_BUDGET,
                moderators,
                ackTimers(metrics));
    }

    /** One timer per way of acknowledging, registered once rather than looked up per interaction. */
    private static BiConsumer<String, Duration> ackTimers(MeterRegistry metrics) {
        Map<String, Timer> timers = new HashMap<>();
        for (String how : List.of("answered", "deferred", "busy", "stopping")) {
            timers.put(
                    how,
                    Timer.builder("citebot.interaction.ack")
                            .description("Time from an interaction's arrival to its first acknowledgement")
                            .tag("how", how)
                            .publishPercentiles(0.5, 0.99)
                            .register(metrics));
        }
        return (how, elapsed) -> timers.get(how).record(elapsed);
    }

    /** Without moderator roles or metrics; the windows are the tests' to choose. */
    InteractionListener(
            CommandRegistry registry,
            DiscordRenderer renderer,
            ErrorBoundary errors,
            ExecutorService workers,
            ScheduledExecutorService timer,
            Duration quickWindow,
            Duration autocompleteBudget) {
        this(
                registry,
                renderer,
                errors,
                workers,
                timer,
                quickWindow,
                autocompleteBudget,
                new ModeratorPolicy(List.of()),
                (how, elapsed) -> {});
    }

    private InteractionListener(
            CommandRegistry registry,
            DiscordRenderer renderer,
            ErrorBoundary errors,
            ExecutorService workers,
            ScheduledExecutorService timer,
            Duration quickWindow,
            Duration autocompleteBudget,
            ModeratorPolicy moderators,
            BiConsumer<String, Duration> acknowledged) {
        this.renderer = renderer;
        this.errors = errors;
        this.flows = new InteractionFlows(
                registry,
                errors,
                new AckRunner(workers, timer, quickWindow, acknowledged),
                autocompleteBudget,
                moderators);
    }

    /**
     * A pool for interaction work: {@code threads} daemon threads and room for {@code queue} waiting
     * interactions; when both are taken, users are told at once that citebot is busy. The caller
     * owns it and shuts it down after the bot.
     */
    public static ExecutorService boundedPool(int threads, int queue) {
        return AckRunner.boundedPool(threads, queue);
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        String what = "/" + event.getFullCommandName();
        guard(event, what, () -> {
            LOG.debug("Slash command {}", what);
            // With a subcommand, JDA's getOptions() already holds that subcommand's options.
            CommandRequest request = new CommandRequest(
                    event.getName(),
                    options(event.getOptions()),
                    invoker(event),
                    Optional.empty(),
                    Optional.ofNullable(event.getSubcommandName()));
            flows.command(request, new JdaResponder(event, renderer, errors, what));
        });
    }

    @Override
    public void onMessageContextInteraction(MessageContextInteractionEvent event) {
        String what = "“" + event.getName() + "”";
        guard(event, what, () -> {
            LOG.debug("Message menu {}", what);
            CommandRequest request = new CommandRequest(
                    event.getName(), Map.of(), invoker(event), Optional.of(targetText(event.getTarget())));
            flows.command(request, new JdaResponder(event, renderer, errors, what));
        });
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        String actionId = event.getComponentId();
        String what = "button " + actionId;
        guard(event, what, () -> {
            LOG.debug("Button {}", actionId);
            flows.button(actionId, invoker(event), new JdaComponentResponder(event, renderer, errors, what));
        });
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        String option = event.getFocusedOption().getName();
        String partial = event.getFocusedOption().getValue();
        try {
            flows.autocomplete(event.getName(), option, partial, invoker(event), choices -> {
                try {
                    event.replyChoices(renderer.choices(choices))
                            .queue(null, failure -> DiscordFailures.log("autocomplete /" + event.getName(), failure));
                } catch (RuntimeException e) {
                    LOG.warn("Autocomplete answer for /{} {} could not be sent", event.getName(), option, e);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Autocomplete of /{} {} failed", event.getName(), option, e);
        }
    }

    /** The option values typed as commands expect them: String, Long, Boolean (Double for numbers). */
    static Map<String, Object> options(List<OptionMapping> options) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (OptionMapping option : options) {
            Object value =
                    switch (option.getType()) {
                        case INTEGER -> option.getAsLong();
                        case BOOLEAN -> option.getAsBoolean();
                        case NUMBER -> option.getAsDouble();
                        // Snowflake options (channel, user, role) arrive as their id.
                        default -> option.getAsString();
                    };
            values.put(option.getName(), value);
        }
        return values;
    }

    /** Who asked, and where; in a direct message there is no guild, member or permission. */
    static Invoker invoker(Interaction interaction) {
        Optional<String> guild =
                interaction.isFromGuild() ? Optional.of(interaction.getGuild().getId()) : Optional.empty();
        Optional<String> channel = Optional.of(interaction.getChannelId());
        Member member = interaction.getMember();
        boolean manageServer = false;
        List<String> roles = new ArrayList<>();
        if (member != null) {
            try {
                manageServer = member.hasPermission(Permission.MANAGE_SERVER);
                member.getRoles().stream().map(Role::getId).forEach(roles::add);
            } catch (RuntimeException e) {
                // A guild the bot is not in (user-installed app) has no roles to compute permissions from.
                LOG.debug("Cannot read the member's permissions in guild {}: {}", guild.orElse("?"), e.toString());
            }
        }
        return new Invoker(interaction.getUser().getId(), guild, channel, manageServer, roles);
    }

    /** The text of a message as the user sees it: its content, then its embeds' titles and descriptions. */
    static String targetText(Message message) {
        StringBuilder text = new StringBuilder(message.getContentRaw());
        for (MessageEmbed embed : message.getEmbeds()) {
            Optional.ofNullable(embed.getTitle())
                    .ifPresent(title -> text.append('\n').append(title));
            Optional.ofNullable(embed.getDescription())
                    .ifPresent(description -> text.append('\n').append(description));
        }
        return text.toString();
    }

    /** The last line of defence: a failure before the work was handed off still gets an apology. */
    private void guard(IReplyCallback event, String what, Runnable handling) {
        // Every log line of this interaction names it and its guild; AckRunner carries these along.
        MDC.put("interaction", event.getId());
        MDC.put("guild", event.getGuild() == null ? "dm" : event.getGuild().getId());
        try {
            handling.run();
        } catch (RuntimeException | Error e) {
            Reply apology = Reply.notice(errors.apology(what, e));
            if (!event.isAcknowledged()) {
                renderer.reply(event, apology).queue(null, failure -> DiscordFailures.log(what + " apology", failure));
            }
        } finally {
            MDC.remove("interaction");
            MDC.remove("guild");
        }
    }
}
