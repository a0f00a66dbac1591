package org.citebot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One message payload the bot sent and the fake accepted: what it was (a channel post, an
 * interaction reply, a follow-up, an edit...), where it went, the message it created or changed,
 * and the JSON the bot sent ({@code content}, {@code embeds}, {@code components},
 * {@code allowed_mentions}, {@code flags}...).
 */
public record SentMessage(Kind kind, String channelId, String messageId, JsonNode payload) {

    /** How the payload reached the fake. */
    public enum Kind {
        /** {@code POST channels/{id}/messages}. */
        CHANNEL_MESSAGE,
        /** {@code PATCH channels/{id}/messages/{mid}}. */
        CHANNEL_EDIT,
        /** Interaction callback type 4. */
        INTERACTION_REPLY,
        /** Interaction callback type 7 (edits the component's message). */
        INTERACTION_UPDATE,
        /** {@code POST webhooks/{app}/{token}}. */
        FOLLOWUP,
        /** {@code PATCH webhooks/{app}/{token}/messages/...}. */
        WEBHOOK_EDIT
    }

    public String content() {
        return payload.path("content").asText("");
    }
}
