package org.citebot.discord.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The messages the fake holds, per channel, in posting order, with their current content after
 * edits. Interaction replies (ephemeral ones included, flagged 64) and follow-ups live here too.
 * Thread-safe; readers get copies.
 */
final class ChannelState {

    private final Map<String, LinkedHashMap<String, ObjectNode>> channels = new LinkedHashMap<>();

    synchronized void put(ObjectNode message) {
        channels.computeIfAbsent(message.path("channel_id").asText(), c -> new LinkedHashMap<>())
                .put(message.path("id").asText(), message);
    }

    synchronized Optional<ObjectNode> find(String messageId) {
        for (Map<String, ObjectNode> messages : channels.values()) {
            ObjectNode message = messages.get(messageId);
            if (message != null) {
                return Optional.of(message.deepCopy());
            }
        }
        return Optional.empty();
    }

    synchronized boolean remove(String channelId, String messageId) {
        Map<String, ObjectNode> messages = channels.get(channelId);
        return messages != null && messages.remove(messageId) != null;
    }

    synchronized List<ObjectNode> list(String channelId) {
        List<ObjectNode> copies = new ArrayList<>();
        for (ObjectNode message :
                channels.getOrDefault(channelId, new LinkedHashMap<>()).values()) {
            copies.add(message.deepCopy());
        }
        return copies;
    }

    /** Applies an edit under the store's lock and returns a copy of the result. */
    synchronized Optional<ObjectNode> edit(
            String channelId, String messageId, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode message =
                channels.getOrDefault(channelId, new LinkedHashMap<>()).get(messageId);
        if (message == null) {
            return Optional.empty();
        }
        change.accept(message);
        return Optional.of(message.deepCopy());
    }
}
