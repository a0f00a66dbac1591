package org.citebot.passages;

import java.util.Optional;

/**
 * The passage store cannot answer right now (its servers are down or out of reach), whichever engine
 * holds the passages. It is an outage, not a bug: members are told {@link #NOTICE} privately,
 * operators read the one-line reason in {@link #getMessage()}, and nobody sees a stack trace or a
 * reference id. Engines throw their own subclass ({@code solr.SolrUnavailableException}); the error
 * boundary, the console, the command line and the digest look for it with {@link #in}.
 */
public class StoreUnavailableException extends RuntimeException {

    /** What a member or operator is told, whatever the engine and whatever the reason. */
    public static final String NOTICE = "Search is unavailable right now; please try again in a minute.";

    private static final long serialVersionUID = 1L;
    private static final int MAX_CAUSES = 20;

    /** @param reason one line for operators: what failed, where and why (never a secret) */
    public StoreUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** @param reason one line for operators: what failed, where and why (never a secret) */
    public StoreUnavailableException(String reason) {
        super(reason);
    }

    /**
     * The store outage behind {@code failure}, if it is one: the failure itself or one of its causes,
     * since executors, caches and I/O wrappers may wrap it on the way to the boundary.
     */
    public static Optional<StoreUnavailableException> in(Throwable failure) {
        Throwable at = failure;
        for (int depth = 0; at != null && depth < MAX_CAUSES; depth++) {
            if (at instanceof StoreUnavailableException outage) {
                return Optional.of(outage);
            }
            at = at.getCause() == at ? null : at.getCause();
        }
        return Optional.empty();
    }
}
