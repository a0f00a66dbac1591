package org.citebot.digest;

/**
 * What a channel shows of an earlier send of one post (one nonce), looked for before sending it
 * again: Discord drops a repeated nonce only for a few minutes, and citebot retries later than that.
 */
public sealed interface EarlierPost {

    /** The earlier send went out: this is its message, so the post is done. */
    record Found(String messageId) implements EarlierPost {}

    /** The channel shows no such message since the post was due: sending it cannot double it. */
    record Absent() implements EarlierPost {}

    /** The channel could not be checked; {@code why} says whether trying again later may help. */
    record Unknown(PostResult.Failed why) implements EarlierPost {}
}
