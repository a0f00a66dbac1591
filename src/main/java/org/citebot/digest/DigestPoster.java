package org.citebot.digest;

import java.time.Instant;
import org.citebot.reply.Reply;

/**
 * Posts a reply in a guild channel, and finds such a post again: the two things the digest needs
 * from a chat platform. The Discord implementation renders through the limit-safe renderer, allows
 * no mentions, sends {@code nonce} with {@code enforce_nonce} (so a repeat within Discord's few
 * minutes returns the first message) and marks the message with the nonce, which {@link #find}
 * looks for among the bot's recent messages. Implementations never throw; failures come back as
 * {@link PostResult.Failed} or {@link EarlierPost.Unknown}.
 */
public interface DigestPoster {

    /**
     * @param nonce at most 25 characters; the same for every retry of one post, and its marker
     */
    PostResult post(String guildId, String channelId, Reply reply, String nonce);

    /**
     * Looks for a message this bot posted with {@code nonce} in the channel, among those created
     * from {@code since} on (when the post was first due).
     */
    EarlierPost find(String guildId, String channelId, String nonce, Instant since);
}
