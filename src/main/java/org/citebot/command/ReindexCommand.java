package org.citebot.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.citebot.passages.IndexProgress;
import org.citebot.reindex.ReindexAlreadyRunningException;
import org.citebot.reindex.ReindexFailedException;
import org.citebot.reindex.ReindexReplies;
import org.citebot.reindex.ReindexRequest;
import org.citebot.reindex.ReindexService;
import org.citebot.reindex.ReindexStatus;
import org.citebot.reindex.ReindexSummary;
import org.citebot.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /reindex [dry-run:<bool>]} (citebot's operators): brings the index in line with the corpus
 * folder and answers with a summary of what changed, or with dry-run, what would change. The corpus
 * is shared by every server, so being one server's moderator is not enough: Discord offers the
 * command to moderators only (members never see it), and it then checks that the caller is an operator.
 * Runs on the caller's thread for as long as the reindex takes; front ends defer their reply first.
 */
public final class ReindexCommand implements Command {

    private static final Logger LOG = LoggerFactory.getLogger(ReindexCommand.class);

    static final String DRY_RUN = "dry-run";
    /** At most one interim reply per this interval, well inside Discord's edit rate limits. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(1);

    private static final CommandSpec SPEC = new CommandSpec(
            "reindex",
            "Bring the search index in line with the corpus folder (citebot's operators)",
            CommandSpec.Kind.SLASH,
            List.of(OptionSpec.bool(DRY_RUN, "true: only show what would change, write nothing")),
            "/reindex dry-run:true",
            true);

    private final ReindexService reindex;
    private final OperatorPolicy operators;
    private final Clock clock;

    public ReindexCommand(ReindexService reindex, OperatorPolicy operators, Clock clock) {
        this.reindex = reindex;
        this.operators = operators;
        this.clock = clock;
    }

    @Override
    public CommandSpec spec() {
        return SPEC;
    }

    @Override
    public Reply handle(CommandRequest request) {
        return handle(request, reply -> {});
    }

    @Override
    public Reply handle(CommandRequest request, Consumer<Reply> progress) {
        Invoker invoker = request.invoker();
        // Dry runs too: their report lists the shared corpus's files and why any were skipped.
        operators.require(invoker, SPEC.name());
        boolean dryRun = request.bool(DRY_RUN).orElse(false);
        boolean console = invoker.equals(Invoker.console());
        ReindexRequest reindexRequest = new ReindexRequest(
                invoker.userId(), console ? "the console" : "an operator", invoker.guildId(), dryRun, false);
        try {
            ReindexSummary summary = reindex.reindex(reindexRequest, new ThrottledProgress(progress));
            return ReindexReplies.summary(summary);
        } catch (ReindexAlreadyRunningException e) {
            throw new UserFacingException(e.notice(clock.instant()));
        } catch (ReindexFailedException e) {
            // Already logged, recorded and announced by the service; the operator gets the reason.
            return ReindexReplies.summary(e.summary());
        }
    }

    /** Pushes an interim reply at most once per {@link #PROGRESS_INTERVAL}; a failing push is only logged. */
    private final class ThrottledProgress implements IndexProgress {

        private final Consumer<Reply> progress;
        private Instant lastPush = Instant.MIN;

        ThrottledProgress(Consumer<Reply> progress) {
            this.progress = progress;
        }

        @Override
        public void onProgress(Phase phase, int done, int total) {
            Instant now = clock.instant();
            if (Duration.between(lastPush, now).compareTo(PROGRESS_INTERVAL) < 0) {
                return;
            }
            lastPush = now;
            ReindexStatus status = reindex.running().orElse(null);
            if (status == null) {
                return;
            }
            try {
                progress.accept(ReindexReplies.progress(status));
            } catch (RuntimeException e) {
                // A lost progress edit must not abort the reindex.
                LOG.debug("Could not push reindex progress: {}", e.toString());
            }
        }
    }
}
