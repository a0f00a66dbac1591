package org.citebot.discord;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.citebot.digest.DigestPoster;
import org.citebot.digest.FailureKind;
import org.citebot.digest.PostResult;
import org.citebot.reply.Reply;

/**
 * Posts digests in a guild channel through JDA: rendered by {@link DiscordRenderer} (limits, no
 * mentions), with the digest's nonce (JDA always adds {@code enforce_nonce: true}, so Discord
 * answers a repeated nonce with the first message), optionally silent. Discord's errors become
 * the digest's neutral {@link FailureKind}s.
 */
public final class JdaDigestPoster implements DigestPoster {

    private final JDA jda;
    private final DiscordRenderer renderer;
    private final boolean silent;
    private final Duration timeout;

    /**
     * @param silent send with SUPPRESS_NOTIFICATIONS
     * @param timeout how long one send may take before it counts as a transient failure
     */
    public JdaDigestPoster(JDA jda, DiscordRenderer renderer, boolean silent, Duration timeout) {
        this.jda = jda;
        this.renderer = renderer;
        this.silent = silent;
        this.timeout = timeout;
    }

    @Override
    public PostResult post(String guildId, String channelId, Reply reply, String nonce) {
        Guild guild = jda.getGuildById(guildId);
        if (guild == null) {
            return new PostResult.Failed(FailureKind.CHANNEL_GONE, "the bot is not in server " + guildId);
        }
        Optional<GuildMessageChannel> found = JdaServerChannels.messageChannel(guild, channelId);
        if (found.isEmpty()) {
            return new PostResult.Failed(
                    FailureKind.CHANNEL_GONE, "channel " + channelId + " does not exist in this server");
        }
        GuildMessageChannel channel = found.get();
        try {
            Message message = channel.sendMessage(renderer.create(reply))
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

    static PostResult failure(String channelId, Throwable cause) {
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

    private static PostResult missingPermission(String channelId, InsufficientPermissionException e) {
        return new PostResult.Failed(
                FailureKind.MISSING_PERMISSION,
                "citebot lacks the " + e.getPermission().getName() + " permission in channel " + channelId);
    }
}
