package org.citebot.digest;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.citebot.digest.DigestRuns.DigestRun;
import org.citebot.digest.DigestRuns.State;
import org.citebot.digest.DigestSettingsStore.StoredDigestSettings;
import org.citebot.digest.PostResult.Failed;
import org.citebot.digest.PostResult.Posted;
import org.citebot.passages.StoreUnavailableException;
import org.citebot.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily digest's rules in one place: whose digest is due, exactly-once delivery per guild and
 * local day (claim in the state database before sending, mark after; before retrying a claimed send, look for it
 * in the channel, since Discord drops a repeated nonce only for a few minutes), catch-up within the grace period, failure counting and pausing, and what
 * {@code /digest} setup, off, preview, now and skip do. Time comes only from the injected
 * {@link Clock}; {@link DigestScheduler} calls {@link #runDue()} and tests call it directly.
 */
public final class DigestService implements DigestScheduler.DueWork {

    private static final Logger LOG = LoggerFactory.getLogger(DigestService.class);

    /** How soon a send that failed transiently (or was interrupted) is tried again. */
    static final Duration RETRY_DELAY = Duration.ofMinutes(5);
    /**
     * How soon a digest that found search unavailable (the passage store down) is tried again: its
     * day is not given up, and it is posted once search answers, within the grace period.
     */
    static final Duration STORE_RETRY_DELAY = Duration.ofMinutes(1);
    /** The longest the scheduler sleeps, so settings changed elsewhere are picked up. */
    static final Duration MAX_SLEEP = Duration.ofHours(1);

    private static final String NONCE_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int NONCE_LENGTH = 20;
    /** How much earlier than a run's due time its message may carry: Discord's clock and ours differ a little. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** A poster for before Discord is connected (the console): every post fails, retried later. */
    private static final DigestPoster NOT_CONNECTED = new DigestPoster() {
        private final Failed notConnected = new Failed(FailureKind.TRANSIENT, "not connected to Discord");

        @Override
        public PostResult post(String guildId, String channelId, Reply reply, String nonce) {
            return notConnected;
        }

        @Override
        public EarlierPost find(String guildId, String channelId, String nonce, Instant since) {
            return new EarlierPost.Unknown(notConnected);
        }
    };

    /**
     * How digests behave everywhere.
     *
     * @param grace how late a digest may still be posted after the bot was down at its time
     * @param postEmptyDays whether a day with nothing to say posts "Nothing new today."
     * @param pauseAfterFailures failed days in a row (deleted channel, missing permission) before the digest pauses
     * @param moderatorChannel where unanswered questions and failures are reported for a guild
     *     without a log channel of its own ({@code moderators.logChannel}); a channel belongs to one
     *     guild, so this only reaches that guild's moderators
     */
    public record Options(
            Duration grace, boolean postEmptyDays, int pauseAfterFailures, Optional<String> moderatorChannel) {}

    private final DigestSettingsStore settingsStore;
    private final DigestRuns runs;
    private final DigestComposer composer;
    private final Map<String, DigestSettings> defaults;
    private final Options options;
    private final Function<String, Optional<String>> guildModeratorChannels;
    private final Predicate<String> ownsGuild;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<DigestPoster> poster = new AtomicReference<>(NOT_CONNECTED);
    private final AtomicReference<Runnable> onChange = new AtomicReference<>(() -> {});
    /** The guilds whose due digest waits for the passage store to answer again; written by {@link #runDue()}. */
    private volatile Set<String> waitingForStore = Set.of();

    /**
     * @param defaults configured settings per guild id, for guilds that never ran {@code /digest setup}
     * @param guildModeratorChannels a guild's own moderator channel, if its moderators chose one
     *     ({@code /settings log-channel}); it wins over {@link Options#moderatorChannel()}
     */
    public DigestService(
            DigestSettingsStore settingsStore,
            DigestRuns runs,
            DigestComposer composer,
            Map<String, DigestSettings> defaults,
            Options options,
            Function<String, Optional<String>> guildModeratorChannels,
            Clock clock) {
        this(settingsStore, runs, composer, defaults, options, guildModeratorChannels, guild -> true, clock);
    }

    /**
     * @param ownsGuild whether this process runs the guild's scheduled digests: the guilds of its
     *     own Discord shards when several processes split the bot ({@code discord.shards.ids}). Two
     *     processes that both think they own a guild still post its digest once: the day is claimed
     *     in the state database, and a claimed send is resumed by one process at a time.
     */
    public DigestService(
            DigestSettingsStore settingsStore,
            DigestRuns runs,
            DigestComposer composer,
            Map<String, DigestSettings> defaults,
            Options options,
            Function<String, Optional<String>> guildModeratorChannels,
            Predicate<String> ownsGuild,
            Clock clock) {
        this.settingsStore = settingsStore;
        this.runs = runs;
        this.composer = composer;
        this.defaults = Map.copyOf(defaults);
        this.options = options;
        this.guildModeratorChannels = guildModeratorChannels;
        this.ownsGuild = ownsGuild;
        this.clock = clock;
    }

    /** Posts through {@code value} from now on (the Discord front end, once connected). */
    public void attach(DigestPoster value) {
        poster.set(value);
    }

    /** Stops posting: later posts fail transiently and are retried once a poster is attached again. */
    public void detach() {
        poster.set(NOT_CONNECTED);
    }

    /** Called after settings change, so the scheduler recomputes its next wake-up. */
    public void onChange(Runnable listener) {
        onChange.set(listener);
    }

    /** Where the guild's unanswered questions and failures are reported: its own channel, else the configured one. */
    public Optional<String> moderatorChannel(String guildId) {
        return guildModeratorChannels.apply(guildId).or(options::moderatorChannel);
    }

    // ---- settings ----

    /** The guild's settings: stored ones, else the configured default, else none. */
    public Optional<DigestSettings> settings(String guildId) {
        return settingsStore
                .find(guildId)
                .map(DigestService::fromStore)
                .or(() -> Optional.ofNullable(defaults.get(guildId)));
    }

    /** Every guild with digest settings, stored ones overriding configured defaults. */
    public List<DigestSettings> allSettings() {
        Map<String, DigestSettings> all = new LinkedHashMap<>(defaults);
        for (StoredDigestSettings stored : settingsStore.all()) {
            all.put(stored.guildId(), fromStore(stored));
        }
        return new ArrayList<>(all.values());
    }

    /**
     * Turns the digest on with these settings (clearing a pause). A slot already past when this
     * runs is not caught up: setting up at 09:00 for 08:00 starts tomorrow, not now.
     */
    public synchronized DigestSettings setup(
            String guildId, String channelId, LocalTime time, ZoneId zone, Set<DigestSection> sections) {
        DigestSettings settings =
                new DigestSettings(guildId, channelId, time, zone, sections, true, Optional.empty(), 0, false);
        // Read before anything is written: with the passage store down this throws, and nothing is half set up.
        Optional<Map<String, String>> firstSeen =
                runs.seenDocuments(guildId).isEmpty() ? Optional.of(composer.corpusHashes()) : Optional.empty();
        save(settings);
        Instant now = clock.instant();
        DigestTimes.Slot past = DigestTimes.latestDue(now, time, zone);
        runs.claim(
                new DigestRun(
                        guildId,
                        past.date(),
                        State.MISSED,
                        Optional.empty(),
                        Optional.of(channelId),
                        Optional.empty(),
                        Optional.empty(),
                        past.due(),
                        Optional.of("set up after this day's time")),
                Set.of());
        // The first digest reports what arrived after set-up, not the whole corpus.
        firstSeen.ifPresent(hashes -> runs.replaceSeenDocuments(guildId, hashes));
        onChange.get().run();
        LOG.info("Digest set up for guild {}: channel {} at {} {}", guildId, channelId, time, zone);
        return settings;
    }

    /** Turns the guild's digest off (also overriding a configured default); false when it had none. */
    public synchronized boolean off(String guildId) {
        Optional<DigestSettings> current = settings(guildId);
        if (current.isEmpty() || !current.get().enabled()) {
            return false;
        }
        DigestSettings s = current.get();
        save(new DigestSettings(
                guildId, s.channelId(), s.time(), s.zone(), s.sections(), false, Optional.empty(), 0, false));
        onChange.get().run();
        LOG.info("Digest turned off for guild {}", guildId);
        return true;
    }

    /** The next local date the guild's digest would be posted, after today's if that is done. */
    public Optional<DigestTimes.Slot> nextSlot(String guildId) {
        return settings(guildId).filter(DigestSettings::active).map(s -> nextOpenSlot(s, clock.instant()));
    }

    /** Skips the next digest; returns the date skipped, or empty when the guild has no active digest. */
    public synchronized Optional<LocalDate> skip(String guildId) {
        Optional<DigestSettings> settings = settings(guildId).filter(DigestSettings::active);
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        DigestTimes.Slot next = nextOpenSlot(settings.get(), clock.instant());
        runs.claim(
                new DigestRun(
                        guildId,
                        next.date(),
                        State.SKIPPED,
                        Optional.empty(),
                        Optional.of(settings.get().channelId()),
                        Optional.empty(),
                        Optional.empty(),
                        next.due(),
                        Optional.of("skipped by a moderator")),
                Set.of());
        onChange.get().run();
        LOG.info("Digest of guild {} for {} skipped", guildId, next.date());
        return Optional.of(next.date());
    }

    // ---- content ----

    /**
     * What the digest would post now.
     *
     * @param reply the same reply {@link #postNow} would send, made private
     * @param wouldPost false for a day with nothing to say when such days post nothing
     */
    public record Preview(Reply reply, boolean wouldPost) {}

    /** The guild's digest as it would be posted now; empty when the guild has no digest settings. */
    public Optional<Preview> preview(String guildId) {
        return settings(guildId).map(s -> {
            Digest digest = compose(s, today(s));
            return new Preview(
                    DigestReplies.post(digest).withEphemeral(true), options.postEmptyDays() || !digest.isEmpty());
        });
    }

    // ---- delivery ----

    /**
     * Posts today's digest at once; it counts as the day's digest. A day that already has one
     * answers with its link instead of posting again. Works while the digest is paused (a success
     * resumes it), not while it is off; empty when the guild has no digest turned on.
     */
    public synchronized Optional<DeliveryOutcome> postNow(String guildId) {
        Optional<DigestSettings> found = settings(guildId).filter(DigestSettings::enabled);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        DigestSettings settings = found.get();
        Instant now = clock.instant();
        LocalDate today = today(settings);
        Optional<DigestRun> existing = runs.find(guildId, today);
        if (existing.isPresent() && existing.get().state() == State.POSTED) {
            return Optional.of(alreadyPosted(existing.get()));
        }
        if (existing.isPresent() && existing.get().state() == State.SENDING) {
            return Optional.of(resume(settings, existing.get(), now));
        }
        return Optional.of(
                deliver(settings, today, now, EnumSet.of(State.SKIPPED, State.MISSED, State.FAILED, State.EMPTY)));
    }

    /** Posts every digest that is due, finishes interrupted sends; one guild's failure never stops another. */
    @Override
    public synchronized void runDue() {
        Instant now = clock.instant();
        Set<String> waiting = new HashSet<>();
        try {
            runDue(now, waiting);
        } finally {
            for (String guild : waiting) {
                if (!waitingForStore.contains(guild)) {
                    LOG.info(
                            "Digest of guild {} waits for search to answer again; trying every {} s within the grace period",
                            guild,
                            STORE_RETRY_DELAY.toSeconds());
                }
            }
            waitingForStore = Set.copyOf(waiting);
        }
    }

    private void runDue(Instant now, Set<String> waiting) {
        for (DigestRun run : runs.sending()) {
            if (!ownsGuild.test(run.guildId())) {
                continue;
            }
            try {
                Optional<DigestSettings> settings = settings(run.guildId());
                if (settings.isEmpty() || !settings.get().enabled()) {
                    runs.mark(
                            run.guildId(),
                            run.localDate(),
                            State.FAILED,
                            Optional.of("digest turned off before it was sent"));
                } else {
                    resume(settings.get(), run, now);
                }
            } catch (RuntimeException e) {
                // A store outage leaves the run claimed as sending, resumed once the store answers.
                if (!waitsForStore(e, run.guildId(), waiting)) {
                    LOG.error("Digest of guild {} for {} could not be retried", run.guildId(), run.localDate(), e);
                }
            }
        }
        for (DigestSettings settings : allSettings()) {
            if (!settings.active() || !ownsGuild.test(settings.guildId())) {
                continue;
            }
            try {
                runDue(settings, now);
            } catch (RuntimeException e) {
                // A store outage claims nothing (the digest is composed first), so the day is still open.
                if (!waitsForStore(e, settings.guildId(), waiting)) {
                    LOG.error("Digest of guild {} failed", settings.guildId(), e);
                }
            }
        }
    }

    /**
     * Whether {@code failure} is the passage store's outage, noting that {@code guild} waits for it;
     * the store's connection logs the outage itself, so nothing is logged here.
     */
    private static boolean waitsForStore(RuntimeException failure, String guild, Set<String> waiting) {
        if (StoreUnavailableException.in(failure).isEmpty()) {
            return false;
        }
        waiting.add(guild);
        return true;
    }

    /**
     * When something next needs doing: the earliest next slot, sooner while a send waits for a retry,
     * sooner still while a digest waits for the passage store.
     */
    @Override
    public Instant nextWakeUp(Instant now) {
        Instant next = now.plus(MAX_SLEEP);
        if (runs.sending().stream().anyMatch(run -> ownsGuild.test(run.guildId()))) {
            next = now.plus(RETRY_DELAY);
        }
        if (!waitingForStore.isEmpty()) {
            next = now.plus(STORE_RETRY_DELAY);
        }
        for (DigestSettings settings : allSettings()) {
            if (settings.active() && ownsGuild.test(settings.guildId())) {
                Instant due = DigestTimes.nextAfter(now, settings.time(), settings.zone())
                        .due();
                if (due.isBefore(next)) {
                    next = due;
                }
            }
        }
        return next;
    }

    private void runDue(DigestSettings settings, Instant now) {
        DigestTimes.Slot slot = DigestTimes.latestDue(now, settings.time(), settings.zone());
        if (runs.find(settings.guildId(), slot.date()).isPresent()) {
            return;
        }
        Duration late = Duration.between(slot.due(), now);
        if (late.compareTo(options.grace()) > 0) {
            // Down at the time and back too late: this day is not posted, and never in a burst later.
            runs.claim(
                    new DigestRun(
                            settings.guildId(),
                            slot.date(),
                            State.MISSED,
                            Optional.empty(),
                            Optional.of(settings.channelId()),
                            Optional.empty(),
                            Optional.empty(),
                            slot.due(),
                            Optional.of("bot was down; back " + late.toMinutes() + " min late")),
                    Set.of());
            LOG.info(
                    "Digest of guild {} for {} missed: {} min late, grace is {}",
                    settings.guildId(),
                    slot.date(),
                    late.toMinutes(),
                    options.grace());
            return;
        }
        if (late.compareTo(Duration.ofMinutes(1)) > 0) {
            LOG.info(
                    "Digest of guild {} for {} posted {} min late (catch-up)",
                    settings.guildId(),
                    slot.date(),
                    late.toMinutes());
        }
        deliver(settings, slot.date(), slot.due(), Set.of());
    }

    private DeliveryOutcome deliver(DigestSettings settings, LocalDate date, Instant due, Set<State> replaceable) {
        String guild = settings.guildId();
        Digest digest = composer.compose(settings, clock.instant(), date);
        if (digest.isEmpty() && !options.postEmptyDays()) {
            boolean claimed = runs.claim(
                    new DigestRun(
                            guild,
                            date,
                            State.EMPTY,
                            Optional.empty(),
                            Optional.of(settings.channelId()),
                            Optional.empty(),
                            Optional.empty(),
                            due,
                            Optional.empty()),
                    replaceable);
            LOG.info("Digest of guild {} for {}: nothing to say{}", guild, date, claimed ? "" : " (day already taken)");
            return new DeliveryOutcome.NothingToSay(date);
        }
        DigestRun run = new DigestRun(
                guild,
                date,
                State.SENDING,
                Optional.of(newNonce()),
                Optional.of(settings.channelId()),
                Optional.empty(),
                digest.passageId(),
                due,
                Optional.empty());
        if (!runs.claim(run, replaceable)) {
            return runs.find(guild, date).map(this::alreadyPosted).orElse(new DeliveryOutcome.NotDue(date));
        }
        return send(settings, run, digest);
    }

    /**
     * Finishes a claimed run whose send may have gone out (the process died, or Discord's answer
     * was lost): its message is looked for in the channel first, and only a run the channel shows
     * no sign of is sent again (still with its nonce). The nonce alone would not do: Discord drops a
     * repeat only within a few minutes, and this retry comes {@link #RETRY_DELAY} or a restart later.
     */
    private DeliveryOutcome resume(DigestSettings settings, DigestRun run, Instant now) {
        // Another process that claimed or took over this send may still be at it: one at a time.
        if (!runs.takeOver(run.guildId(), run.localDate())) {
            LOG.debug("Digest of guild {} for {} is being sent by another process", run.guildId(), run.localDate());
            return new DeliveryOutcome.InProgress(run.localDate());
        }
        if (Duration.between(run.scheduledAt(), now).compareTo(options.grace().plus(RETRY_DELAY)) > 0) {
            runs.mark(
                    run.guildId(),
                    run.localDate(),
                    State.FAILED,
                    Optional.of("not confirmed before the grace period ended: "
                            + run.error().orElse("interrupted")));
            LOG.warn(
                    "Digest of guild {} for {} given up: not confirmed within the grace period",
                    run.guildId(),
                    run.localDate());
            return new DeliveryOutcome.Failed(
                    run.localDate(), FailureKind.TRANSIENT, "not confirmed within the grace period");
        }
        Digest digest = composer.compose(settings, now, run.localDate());
        DigestSettings target = new DigestSettings(
                settings.guildId(),
                run.channelId().orElse(settings.channelId()),
                settings.time(),
                settings.zone(),
                settings.sections(),
                settings.enabled(),
                settings.pausedNote(),
                settings.consecutiveFailures(),
                settings.fromConfig());
        String nonce = run.nonce().orElseThrow();
        EarlierPost earlier = find(
                target.guildId(), target.channelId(), nonce, run.scheduledAt().minus(CLOCK_SKEW));
        if (earlier instanceof EarlierPost.Found found) {
            LOG.info(
                    "Digest of guild {} for {} was sent before the interruption: found message {}, not sending again",
                    run.guildId(),
                    run.localDate(),
                    found.messageId());
            return settle(target, run, digest, new Posted(found.messageId()));
        }
        if (earlier instanceof EarlierPost.Unknown unknown) {
            // Without knowing, sending again could double the digest; it waits, or fails, instead.
            Failed why = unknown.why();
            return settle(
                    target,
                    run,
                    digest,
                    new Failed(why.kind(), "could not check whether it was already posted: " + why.detail()));
        }
        LOG.info("Digest of guild {} for {}: not in the channel, sending it again", run.guildId(), run.localDate());
        return send(target, run, digest);
    }

    private DeliveryOutcome send(DigestSettings settings, DigestRun run, Digest digest) {
        String nonce = run.nonce().orElseThrow();
        return settle(
                settings,
                run,
                digest,
                post(settings.guildId(), settings.channelId(), DigestReplies.post(digest), nonce));
    }

    /** Records what became of a run's send (posted, to retry, or failed) and tells the moderators what they need to know. */
    private DeliveryOutcome settle(DigestSettings settings, DigestRun run, Digest digest, PostResult result) {
        String guild = settings.guildId();
        String nonce = run.nonce().orElseThrow();
        if (result instanceof Posted posted) {
            runs.markPosted(guild, run.localDate(), posted.messageId());
            runs.replaceSeenDocuments(guild, digest.corpusHashes());
            if (settings.consecutiveFailures() > 0) {
                save(withFailures(settings, 0, Optional.empty()));
            }
            String link = DeliveryOutcome.link(guild, settings.channelId(), posted.messageId());
            LOG.info("Digest of guild {} for {} posted: {}", guild, run.localDate(), link);
            DigestReplies.unanswered(digest).ifPresent(reply -> report(guild, reply, nonce + "u"));
            return new DeliveryOutcome.Posted(run.localDate(), link);
        }
        Failed failed = (Failed) result;
        if (failed.kind() == FailureKind.TRANSIENT) {
            runs.mark(guild, run.localDate(), State.SENDING, Optional.of(failed.detail()));
            LOG.warn(
                    "Digest of guild {} for {} not sent yet ({}); trying again in {} min, looking for it in the channel first",
                    guild,
                    run.localDate(),
                    failed.detail(),
                    RETRY_DELAY.toMinutes());
            return new DeliveryOutcome.Failed(run.localDate(), failed.kind(), failed.detail());
        }
        runs.mark(guild, run.localDate(), State.FAILED, Optional.of(failed.kind() + ": " + failed.detail()));
        int failures = settings.consecutiveFailures() + 1;
        Optional<String> pause = failures >= options.pauseAfterFailures()
                ? Optional.of("Paused on " + run.localDate() + " after " + failures + " failed days in a row ("
                        + failed.detail() + "). Run /digest setup to resume.")
                : Optional.empty();
        save(withFailures(settings, failures, pause));
        LOG.warn(
                "Digest of guild {} for {} failed ({} day(s) in a row): {} {}",
                guild,
                run.localDate(),
                failures,
                failed.kind(),
                failed.detail());
        String note = "The daily digest could not be posted in channel " + settings.channelId() + ": " + failed.detail()
                + pause.map(p -> "\n" + p).orElse("");
        report(guild, Reply.notice(note).withEphemeral(false), nonce + "f");
        if (pause.isPresent()) {
            onChange.get().run();
        }
        return new DeliveryOutcome.Failed(run.localDate(), failed.kind(), failed.detail());
    }

    /** Best effort: tells the guild's moderator channel, if there is one; a failure there is only logged. */
    private void report(String guild, Reply reply, String nonce) {
        Optional<String> channel = moderatorChannel(guild);
        if (channel.isEmpty()) {
            return;
        }
        PostResult result = post(guild, channel.get(), reply, nonce);
        if (result instanceof Failed failed) {
            LOG.warn("Could not report to the moderator channel for guild {}: {}", guild, failed.detail());
        }
    }

    private EarlierPost find(String guild, String channel, String nonce, Instant since) {
        try {
            return poster.get().find(guild, channel, nonce, since);
        } catch (RuntimeException e) {
            LOG.warn("Looking for an earlier digest in channel {} of guild {} failed unexpectedly", channel, guild, e);
            return new EarlierPost.Unknown(new Failed(FailureKind.TRANSIENT, e.toString()));
        }
    }

    private PostResult post(String guild, String channel, Reply reply, String nonce) {
        try {
            return poster.get().post(guild, channel, reply, nonce);
        } catch (RuntimeException e) {
            LOG.warn("Posting to channel {} of guild {} failed unexpectedly", channel, guild, e);
            return new Failed(FailureKind.TRANSIENT, e.toString());
        }
    }

    private DeliveryOutcome alreadyPosted(DigestRun run) {
        if (run.state() == State.POSTED
                && run.messageId().isPresent()
                && run.channelId().isPresent()) {
            return new DeliveryOutcome.AlreadyPosted(
                    run.localDate(),
                    DeliveryOutcome.link(
                            run.guildId(),
                            run.channelId().get(),
                            run.messageId().get()));
        }
        if (run.state() == State.SENDING) {
            return new DeliveryOutcome.InProgress(run.localDate());
        }
        return new DeliveryOutcome.NotDue(run.localDate());
    }

    /** The first slot after now whose day has no run yet (today's if not done, else a later day's). */
    private DigestTimes.Slot nextOpenSlot(DigestSettings settings, Instant now) {
        DigestTimes.Slot slot = DigestTimes.latestDue(now, settings.time(), settings.zone());
        if (slot.date().isBefore(today(settings))) {
            slot = DigestTimes.nextAfter(now, settings.time(), settings.zone());
        }
        while (runs.find(settings.guildId(), slot.date()).isPresent()) {
            LocalDate date = slot.date().plusDays(1);
            slot = new DigestTimes.Slot(date, DigestTimes.dueAt(date, settings.time(), settings.zone()));
        }
        return slot;
    }

    private Digest compose(DigestSettings settings, LocalDate date) {
        return composer.compose(settings, clock.instant(), date);
    }

    private LocalDate today(DigestSettings settings) {
        return DigestTimes.localDate(clock.instant(), settings.zone());
    }

    private String newNonce() {
        StringBuilder nonce = new StringBuilder("dg");
        for (int i = 2; i < NONCE_LENGTH; i++) {
            nonce.append(NONCE_CHARS.charAt(random.nextInt(NONCE_CHARS.length())));
        }
        return nonce.toString();
    }

    private void save(DigestSettings settings) {
        settingsStore.save(new StoredDigestSettings(
                settings.guildId(),
                settings.channelId(),
                settings.time(),
                settings.zone(),
                DigestSection.keys(settings.sections()),
                settings.enabled(),
                settings.pausedNote(),
                settings.consecutiveFailures()));
    }

    private static DigestSettings withFailures(DigestSettings s, int failures, Optional<String> pausedNote) {
        return new DigestSettings(
                s.guildId(), s.channelId(), s.time(), s.zone(), s.sections(), s.enabled(), pausedNote, failures, false);
    }

    private static DigestSettings fromStore(StoredDigestSettings stored) {
        Set<DigestSection> sections = stored.sections().isEmpty()
                ? DigestSection.all()
                : DigestSection.parse(String.join(",", stored.sections()));
        return new DigestSettings(
                stored.guildId(),
                stored.channelId(),
                stored.time(),
                stored.zone(),
                sections,
                stored.enabled(),
                stored.pausedNote(),
                stored.consecutiveFailures(),
                false);
    }
}
