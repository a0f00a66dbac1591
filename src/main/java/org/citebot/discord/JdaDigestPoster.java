package org.citebot.discord;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageHistory;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.citebot.digest.DigestPoster;
import org.citebot.digest.EarlierPost;
import org.citebot.digest.FailureKind;
import org.citebot.digest.PostResult;
import org.citebot.reply.Reply;

/**
 * Posts digests in a guild channel through JDA: rendered by {@link DiscordRenderer} (limits, no
 * mentions), with the digest's nonce (JDA always adds {@code enforce_nonce: true}, so Discord
 * answers a repeat within a few minutes with the first message) and the nonce again as the
 * message's last, small line ({@code -# ref <nonce>}), optionally silent. Discord keeps no nonce on
 * a stored message, so that line is how {@link #find} recognises the post among the bot's messages
 * in the channel ({@code GET channels/{id}/messages}, 100 a page, newest first, back to when the
 * post was due). Discord's errors become the digest's neutral {@link FailureKind}s.
 */
public final class JdaDigestPoster implements DigestPoster {

    /** Pages of 100 messages read back at most: a digest channel busier than that is not searched further. */
    static final int MAX_PAGES = 5;

    private static final int PAGE = 100;

    private final JdaShards shards;
    private final DiscordRenderer renderer;
    private final boolean silent;
    private final Duration timeout;

    /**
     * @param silent send with SUPPRESS_NOTIFICATIONS
     * @param timeout how long one send may take before it counts as a transient failure
     */
    public JdaDigestPoster(JDA jda, DiscordRenderer renderer, boolean silent, Duration timeout) {
        this(JdaShards.single(jda), renderer, silent, timeout);
    }

    /** Posts in the servers of this process's shards, each through the shard that holds it. */
    public JdaDigestPoster(JdaShards shards, DiscordRenderer renderer, boolean silent, Duration timeout) {
        this.shards = shards;
        this.renderer = renderer;
        this.silent = silent;
        this.timeout = timeout;
    }

    @Override
    public PostResult post(String guildId, String channelId, Reply reply, String nonce) {
        Optional<GuildMessageChannel> found = channel(guildId, channelId);
        if (found.isEmpty()) {
            return gone(guildId, channelId);
        }
        GuildMessageChannel channel = found.get();
        try {
            Message message = channel.sendMessage(renderer.create(reply, nonce))
                    .setNonce(nonce)
                    .setSuppressedNotifications(silent)
                    .submit()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new PostResult.Posted(message.getId());
        } catch (InsufficientPermissionException e) {
            return missingPermission(channelId, e);
        } catch (ExecutionException e) {
            return failure(channelId, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            return new PostResult.Failed(
                    FailureKind.TRANSIENT, "Discord did not answer within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PostResult.Failed(FailureKind.TRANSIENT, "interrupted while posting");
        } catch (RuntimeException e) {
            return failure(channelId, e);
        }
    }

    @Override
    public EarlierPost find(String guildId, String channelId, String nonce, Instant since) {
        Optional<GuildMessageChannel> found = channel(guildId, channelId);
        if (found.isEmpty()) {
            return new EarlierPost.Unknown(gone(guildId, channelId));
        }
        String marker = DiscordRenderer.markerLine(nonce);
        long self = shards.any().getSelfUser().getIdLong();
        try {
            MessageHistory history = found.get().getHistory();
            for (int page = 0; page < MAX_PAGES; page++) {
                List<Message> messages =
                        history.retrievePast(PAGE).submit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                for (Message message : messages) {
                    String content = message.getContentRaw();
                    if (message.getAuthor().getIdLong() == self
                            && (content.equals(marker) || content.endsWith("\n" + marker))) {
                        return new EarlierPost.Found(message.getId());
                    }
                }
                if (messages.size() < PAGE
                        || messages.get(messages.size() - 1)
                                .getTimeCreated()
                                .toInstant()
                                .isBefore(since)) {
                    return new EarlierPost.Absent();
                }
            }
            return new EarlierPost.Unknown(new PostResult.Failed(
                    FailureKind.TRANSIENT,
                    "more than " + MAX_PAGES * PAGE + " messages in channel " + channelId
                            + " since the digest was due"));
        } catch (InsufficientPermissionException e) {
            return new EarlierPost.Unknown(new PostResult.Failed(
                    FailureKind.MISSING_PERMISSION,
                    "citebot lacks the " + e.getPermission().getName() + " permission in channel " + channelId
                            + ", so it cannot tell whether the digest went out; it was not posted again"));
        } catch (ExecutionException e) {
            return new EarlierPost.Unknown(failure(channelId, e.getCause() == null ? e : e.getCause()));
        } catch (TimeoutException e) {
            return new EarlierPost.Unknown(new PostResult.Failed(
                    FailureKind.TRANSIENT, "Discord did not answer within " + timeout.toSeconds() + " s"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new EarlierPost.Unknown(new PostResult.Failed(FailureKind.TRANSIENT, "interrupted while looking"));
        } catch (RuntimeException e) {
            return new EarlierPost.Unknown(failure(channelId, e));
        }
    }

    private Optional<GuildMessageChannel> channel(String guildId, String channelId) {
        return JdaServerChannels.find(shards, guildId, channelId);
    }

    /** Why {@link #channel} found nothing. */
    private PostResult.Failed gone(String guildId, String channelId) {
        return shards.guild(guildId).isEmpty()
                ? new PostResult.Failed(FailureKind.CHANNEL_GONE, "the bot is not in server " + guildId)
                : new PostResult.Failed(
                        FailureKind.CHANNEL_GONE, "channel " + channelId + " does not exist in this server");
    }

    static PostResult.Failed failure(String channelId, Throwable cause) {
        if (cause instanceof InsufficientPermissionException e) {
            return missingPermission(channelId, e);
        }
        if (cause instanceof ErrorResponseException e) {
            ErrorResponse response = e.getErrorResponse();
            if (response == ErrorResponse.UNKNOWN_CHANNEL) {
                return new PostResult.Failed(FailureKind.CHANNEL_GONE, "channel " + channelId + " was deleted (10003)");
            }
            if (response == ErrorResponse.MISSING_ACCESS || response == ErrorResponse.MISSING_PERMISSIONS) {
                return new PostResult.Failed(
                        FailureKind.MISSING_PERMISSION,
                        "citebot may not post in channel " + channelId + " (" + response.getCode() + " "
                                + response.getMeaning() + ")");
            }
            return new PostResult.Failed(
                    FailureKind.TRANSIENT, "Discord answered " + e.getErrorCode() + " " + e.getMeaning());
        }
        return new PostResult.Failed(FailureKind.TRANSIENT, cause.toString());
    }

    private static PostResult.Failed missingPermission(String channelId, InsufficientPermissionException e) {
        return new PostResult.Failed(
                FailureKind.MISSING_PERMISSION,
                "citebot lacks the " + e.getPermission().getName() + " permission in channel " + channelId);
    }
}
