package org.citebot.command;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.citebot.passages.StoreUnavailableException;
import org.citebot.reply.Reply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become replies: a {@link UserFacingException} is shown to the user
 * as it is; a {@link StoreUnavailableException} (the passage store is down) becomes its one short
 * notice, with no reference id and no stack trace, since it is an outage rather than a bug and the
 * store's connection logs the outage once ({@code passages.StoreOutages}); anything else, {@link
 * Error}s such as a stack overflow or an exhausted heap included, is logged with its stack trace
 * under a short reference id, and the user gets a private apology quoting that id.
 */
public final class ErrorBoundary {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorBoundary.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final SecureRandom random = new SecureRandom();
    private final Consumer<Throwable> failures;

    /** A boundary that only logs. */
    public ErrorBoundary() {
        this(failure -> {});
    }

    /** @param failures told of every unexpected failure (after it is logged), e.g. to count errors by kind */
    public ErrorBoundary(Consumer<Throwable> failures) {
        this.failures = failures;
    }

    /**
     * Runs {@code work}, turning any failure into a private reply. Errors are caught too: a command
     * that overflows its stack or asks for more heap than there is has unwound by the time it gets
     * here, its memory is free again, and the member must not be left watching "thinking…" while
     * the worker thread dies with the answer. What the JVM does about a heap that stays exhausted
     * is the operator's choice ({@code -XX:+ExitOnOutOfMemoryError}); the log and the error count
     * say it happened.
     */
    public Reply guard(String what, Supplier<Reply> work) {
        try {
            return work.get();
        } catch (UserFacingException e) {
            LOG.debug("{} refused: {}", what, e.getMessage());
            return Reply.notice(e.getMessage());
        } catch (RuntimeException | Error e) {
            return Reply.notice(apology(what, e));
        }
    }

    /**
     * What the user is told of {@code failure}: the store's notice when it is an outage (logged at
     * DEBUG only, once per request), else an apology quoting a new reference id that the log shares
     * with the stack trace.
     */
    public String apology(String what, Throwable failure) {
        Optional<StoreUnavailableException> outage = StoreUnavailableException.in(failure);
        if (outage.isPresent()) {
            LOG.debug("{} found search unavailable: {}", what, outage.get().getMessage());
            return StoreUnavailableException.NOTICE;
        }
        String reference = referenceId();
        LOG.error("{} failed [ref {}]", what, reference, failure);
        try {
            failures.accept(failure);
        } catch (RuntimeException e) {
            LOG.warn("Counting a failure failed: {}", e.toString());
        }
        return "Sorry, something went wrong on citebot's side (reference " + reference
                + "). Please try again; if it keeps happening, tell a moderator the reference.";
    }

    private String referenceId() {
        StringBuilder id = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString().toUpperCase(Locale.ROOT);
    }
}
