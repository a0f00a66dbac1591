package org.citebot.discord;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;

/**
 * Command definitions in a canonical form, so the bot can tell whether what Discord has registered
 * already equals what it would register, and skip the update (Discord allows 200 command creates a
 * day per guild). Fields Discord adds (ids, versions), defaults it leaves out and key order do not
 * count as differences.
 */
final class CommandDefinitions {

    /** Where commands are registered; guild commands have no contexts or install types. */
    enum Scope {
        GLOBAL,
        GUILD
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> SERVER_FIELDS = Set.of("id", "application_id", "version", "guild_id");
    private static final Set<String> GUILD_IGNORED = Set.of("contexts", "integration_types", "dm_permission");

    private CommandDefinitions() {}

    /** One JSON text for the whole list: commands sorted by type and name, keys sorted, defaults dropped. */
    static String canonical(Collection<? extends CommandData> commands, Scope scope) {
        List<JsonNode> nodes = new ArrayList<>();
        for (CommandData command : commands) {
            nodes.add(normalize(parse(command.toData().toJson()), scope, true));
        }
        nodes.sort(Comparator.comparing((JsonNode n) -> n.path("type").asInt(1))
                .thenComparing(n -> n.path("name").asText()));
        ArrayNode array = MAPPER.createArrayNode();
        nodes.forEach(array::add);
        try {
            return MAPPER.writeValueAsString(array);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write command definitions", e);
        }
    }

    /** A short fingerprint of a canonical definition, for the log. */
    static String fingerprint(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether {@code registered} differs from {@code desired}, so Discord must be updated. */
    static boolean needsUpdate(
            Collection<? extends CommandData> desired, Collection<? extends CommandData> registered, Scope scope) {
        return !canonical(desired, scope).equals(canonical(registered, scope));
    }

    private static JsonNode parse(byte[] json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode normalize(JsonNode node, Scope scope, boolean topLevel) {
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(child -> copy.add(normalize(child, scope, false)));
            return copy;
        }
        if (!node.isObject()) {
            return node;
        }
        Map<String, JsonNode> kept = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String key = field.getKey();
            JsonNode value = normalize(field.getValue(), scope, false);
            boolean isDefault = value.isNull()
                    || (value.isContainerNode() && value.isEmpty())
                    || (value.isBoolean() && !value.asBoolean());
            boolean ignored =
                    topLevel && (SERVER_FIELDS.contains(key) || (scope == Scope.GUILD && GUILD_IGNORED.contains(key)));
            if (!isDefault && !ignored) {
                kept.put(key, value);
            }
        }
        ObjectNode copy = MAPPER.createObjectNode();
        kept.forEach(copy::set);
        return copy;
    }
}
