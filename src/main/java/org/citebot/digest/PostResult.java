package org.citebot.digest;

/** What became of one post: the message it created, or why it failed. */
public sealed interface PostResult {

    /** The message exists; a retried send with the same nonce answers with the same id. */
    record Posted(String messageId) implements PostResult {}

    /** Nothing was posted. {@code detail} is for logs and moderators, never for the public channel. */
    record Failed(FailureKind kind, String detail) implements PostResult {}
}
