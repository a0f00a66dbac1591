package org.citebot.command;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.citebot.digest.DeliveryOutcome;
import org.citebot.digest.DigestSection;
import org.citebot.digest.DigestService;
import org.citebot.digest.DigestSettings;
import org.citebot.reply.Choice;
import org.citebot.reply.Reply;

/**
 * {@code /digest setup|off|preview|now|skip}: the daily digest of a server. Moderators set it up,
 * turn it off, post it now or skip the next one; anyone may preview privately what would be
 * posted now.
 */
public final class DigestCommand implements Command {

    static final String SETUP = "setup";
    static final String OFF = "off";
    static final String PREVIEW = "preview";
    static final String NOW = "now";
    static final String SKIP = "skip";

    private static final CommandSpec SPEC = new CommandSpec(
            "digest",
            "A daily post of new documents, most asked questions and a passage of the day",
            CommandSpec.Kind.SLASH,
            List.of(),
            "/digest setup channel:#news time:08:00 timezone:Europe/Berlin",
            false,
            List.of(
                    new SubcommandSpec(
                            SETUP,
                            "Post the digest daily in a channel at a local time (moderators)",
                            List.of(
                                    OptionSpec.channel("channel", "Where the digest is posted", true),
                                    OptionSpec.string("time", "Local time of day, HH:MM (24 h)", true)
                                            .withLength(4, 5),
                                    OptionSpec.string("timezone", "IANA time zone such as Europe/Berlin", true)
                                            .withAutocomplete()
                                            .withLength(1, 64),
                                    OptionSpec.string(
                                                    "sections",
                                                    "Comma-separated: new, asked, passage, unanswered (default all)",
                                                    false)
                                            .withLength(1, 100)),
                            "/digest setup channel:#news time:08:00 timezone:Europe/Berlin",
                            true),
                    new SubcommandSpec(
                            OFF, "Stop posting the daily digest (moderators)", List.of(), "/digest off", true),
                    new SubcommandSpec(
                            PREVIEW,
                            "Privately show what the digest would post now",
                            List.of(),
                            "/digest preview",
                            false),
                    new SubcommandSpec(
                            NOW,
                            "Post today's digest now; it counts as today's (moderators)",
                            List.of(),
                            "/digest now",
                            true),
                    new SubcommandSpec(SKIP, "Skip the next digest (moderators)", List.of(), "/digest skip", true)));

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter TIME_INPUT = DateTimeFormatter.ofPattern("H:mm", Locale.ROOT);
    private static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
            .filter(zone -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
            .sorted()
            .toList();
    private static final int MAX_CHOICES = 25;

    private final DigestService digests;
    private final ModeratorPolicy moderators;
    private final ServerChannels channels;
    private final MemberLimits limits;

    /** Unlimited: for front ends and tests without members. */
    public DigestCommand(DigestService digests, ModeratorPolicy moderators, ServerChannels channels) {
        this(digests, moderators, channels, MemberLimits.UNLIMITED);
    }

    /** @param limits each member's budget of previews and time-zone suggestions */
    public DigestCommand(
            DigestService digests, ModeratorPolicy moderators, ServerChannels channels, MemberLimits limits) {
        this.digests = digests;
        this.moderators = moderators;
        this.channels = channels;
        this.limits = limits;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandRequest request) {
        String sub = request.subcommand()
                .orElseThrow(
                        () -> new UserFacingException("Choose what to do: /digest setup, off, preview, now or skip."));
        SubcommandSpec spec = SPEC.subcommand(sub)
                .orElseThrow(() -> new UserFacingException("/digest has no subcommand " + sub + "."));
        if (spec.moderatorOnly()) {
            moderators.require(request.invoker(), SPEC.name() + " " + sub);
        }
        String guild = request.invoker()
                .guildId()
                .orElseThrow(
                        () -> new UserFacingException(
                                "The digest belongs to a Discord server; the console has none. Configure digest.defaults instead."));
        return switch (sub) {
            case SETUP -> setup(guild, request);
            case OFF ->
                Reply.notice(
                        digests.off(guild)
                                ? "The daily digest is off. Turn it on again with /digest setup."
                                : "There is no daily digest to turn off here.");
            case PREVIEW ->
                limits.refusal(MemberLimits.Action.DIGEST_PREVIEW, request.invoker())
                        .orElseGet(() -> preview(guild));
            case NOW -> now(guild);
            case SKIP ->
                digests.skip(guild)
                        .map(date -> Reply.notice("The digest of " + DAY.format(date)
                                + " will be skipped; the one after it is posted as usual."))
                        .orElseGet(() -> Reply.notice("There is no running daily digest to skip here."));
            default -> throw new UserFacingException("/digest has no subcommand " + sub + ".");
        };
    }

    @Override
    public List<Choice> autocomplete(String option, String partial, Invoker invoker) {
        if (!option.equals("timezone") || !limits.allows(MemberLimits.Action.AUTOCOMPLETE, invoker)) {
            return List.of();
        }
        String wanted = partial.strip().replace(' ', '_').toLowerCase(Locale.ROOT);
        List<Choice> starting = new ArrayList<>();
        List<Choice> containing = new ArrayList<>();
        for (String zone : ZONES) {
            String lower = zone.toLowerCase(Locale.ROOT);
            String city = lower.substring(lower.lastIndexOf('/') + 1);
            if (lower.startsWith(wanted) || city.startsWith(wanted)) {
                starting.add(new Choice(zone, zone));
            } else if (lower.contains(wanted)) {
                containing.add(new Choice(zone, zone));
            }
        }
        starting.addAll(containing);
        return starting.subList(0, Math.min(MAX_CHOICES, starting.size()));
    }

    private Reply setup(String guild, CommandRequest request) {
        String channel = channels.requireIn(
                guild,
                request.string("channel")
                        .orElseThrow(() -> new UserFacingException("Choose a channel: " + SPEC.example())),
                "channel");
        LocalTime time = parseTime(
                request.string("time").orElseThrow(() -> new UserFacingException("Give a time such as time:08:00.")));
        ZoneId zone = parseZone(request.string("timezone")
                .orElseThrow(() -> new UserFacingException("Give a time zone such as timezone:Europe/Berlin.")));
        Set<DigestSection> sections;
        try {
            sections = request.string("sections").map(DigestSection::parse).orElse(DigestSection.all());
        } catch (IllegalArgumentException e) {
            throw new UserFacingException("sections: " + e.getMessage() + ".");
        }
        DigestSettings settings = digests.setup(guild, channel, time, zone, sections);
        StringBuilder text = new StringBuilder("Daily digest on: posted in ")
                .append(ServerChannels.link(guild, channel))
                .append(" at ")
                .append(time)
                .append(' ')
                .append(zone.getId());
        digests.nextSlot(guild).ifPresent(next -> text.append(", first on ").append(DAY.format(next.date())));
        text.append(". Sections: ")
                .append(String.join(", ", DigestSection.keys(settings.sections())))
                .append('.');
        if (sections.contains(DigestSection.UNANSWERED)
                && digests.moderatorChannel(guild)
                        .filter(log -> channels.isMessageChannelOf(guild, log))
                        .isEmpty()) {
            text.append(" Unanswered questions are only posted once a moderator chooses a log channel"
                    + " with /settings log-channel:#channel.");
        }
        text.append(" See it with /digest preview.");
        return Reply.notice(text.toString());
    }

    private Reply preview(String guild) {
        DigestService.Preview preview = digests.preview(guild)
                .orElseThrow(() -> new UserFacingException(
                        "No daily digest is set up here. A moderator can start one with /digest setup."));
        if (!preview.wouldPost()) {
            return Reply.notice(
                    "Nothing to post right now: no new documents, questions or passages. Days like this post nothing.");
        }
        return preview.reply();
    }

    private Reply now(String guild) {
        DeliveryOutcome outcome = digests.postNow(guild)
                .orElseThrow(
                        () -> new UserFacingException("The daily digest is not on here. Start it with /digest setup."));
        return Reply.notice(describe(outcome));
    }

    private static String describe(DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Posted posted) {
            return "Posted today's digest: " + posted.link();
        } else if (outcome instanceof DeliveryOutcome.AlreadyPosted posted) {
            return "Today's digest is already posted: " + posted.link();
        } else if (outcome instanceof DeliveryOutcome.InProgress) {
            return "Today's digest is being posted right now; it will not be posted twice.";
        } else if (outcome instanceof DeliveryOutcome.NothingToSay) {
            return "Nothing to post today: no new documents, questions or passages.";
        } else if (outcome instanceof DeliveryOutcome.Failed failed) {
            return "The digest could not be posted: " + failed.detail() + ".";
        }
        return "Today's digest cannot be posted now.";
    }

    static LocalTime parseTime(String text) {
        try {
            return LocalTime.parse(text.strip(), TIME_INPUT);
        } catch (DateTimeParseException e) {
            throw new UserFacingException("time: expected a time of day as HH:MM such as 08:00, got '" + text + "'.");
        }
    }

    static ZoneId parseZone(String text) {
        try {
            return ZoneId.of(text.strip());
        } catch (java.time.DateTimeException e) {
            throw new UserFacingException("timezone: '" + text + "' is not an IANA time zone such as Europe/Berlin.");
        }
    }
}
