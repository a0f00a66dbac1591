package org.citebot.digest;

/** Why a post did not go out, in terms the digest can act on. */
public enum FailureKind {
    /** The channel (or the guild) no longer exists for the bot. */
    CHANNEL_GONE,
    /** The bot may not see the channel or send messages there. */
    MISSING_PERMISSION,
    /** Anything else (timeouts, server errors): worth retrying with the same nonce. */
    TRANSIENT
}
