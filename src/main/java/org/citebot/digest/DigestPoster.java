package org.citebot.digest;

import org.citebot.reply.Reply;

/**
 * Posts a reply in a guild channel, the one thing the digest needs from a chat platform. The
 * Discord implementation renders through the limit-safe renderer, allows no mentions and sends
 * {@code nonce} with {@code enforce_nonce}, so sending the same nonce again returns the first
 * message instead of posting twice. Implementations never throw; failures come back as
 * {@link PostResult.Failed}.
 */
@FunctionalInterface
public interface DigestPoster {

    /**
     * @param nonce at most 25 characters; the same for every retry of one post
     */
    PostResult post(String guildId, String channelId, Reply reply, String nonce);
}
