package org.citebot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Builders for the JSON Discord sends: READY, GUILD_CREATE, users, members, messages and the
 * INTERACTION_CREATE envelope. Field choices follow the protocol reference (pitfalls included:
 * {@code afk_timeout} 300, both role colour shapes, {@code permission_overwrites: []}).
 */
public final class Payloads {

    /** The one mapper the fake uses to read and write JSON. */
    public static final ObjectMapper JSON = new ObjectMapper();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Payloads() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    public static String timestamp(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
    }

    public static ObjectNode user(String id, String username, boolean bot) {
        ObjectNode user = object();
        user.put("id", id);
        user.put("username", username);
        user.put("discriminator", "0");
        user.putNull("global_name");
        user.putNull("avatar");
        if (bot) {
            user.put("bot", true);
        }
        user.put("public_flags", 0);
        return user;
    }

    public static ObjectNode botUser(TestBot bot) {
        return user(bot.userId(), bot.username(), true);
    }

    public static ObjectNode memberUser(TestMember member) {
        return user(member.id(), member.username(), false);
    }

    /** A guild member object; with {@code permissions} as interactions carry it when {@code guild} is given. */
    public static ObjectNode member(
            ObjectNode user, Iterable<String> roleIds, TestGuild guildForPermissions, TestMember memberForPermissions) {
        ObjectNode member = object();
        member.set("user", user);
        ArrayNode roles = member.putArray("roles");
        roleIds.forEach(roles::add);
        member.putNull("nick");
        member.putNull("avatar");
        member.put("joined_at", timestamp(Instant.now().minusSeconds(86_400)));
        member.put("deaf", false);
        member.put("mute", false);
        member.put("pending", false);
        member.put("flags", 0);
        if (guildForPermissions != null) {
            member.put("permissions", Long.toString(guildForPermissions.permissionsOf(memberForPermissions)));
        }
        return member;
    }

    public static ObjectNode ready(TestBot bot, Iterable<TestGuild> guilds, String sessionId, String resumeUrl) {
        return ready(bot, guilds, sessionId, resumeUrl, 0, 1);
    }

    /** READY for shard {@code shard} of {@code total}, listing that shard's guilds as unavailable. */
    public static ObjectNode ready(
            TestBot bot, Iterable<TestGuild> guilds, String sessionId, String resumeUrl, int shard, int total) {
        ObjectNode d = object();
        d.put("v", 10);
        d.set(
                "user",
                botUser(bot).put("verified", true).put("mfa_enabled", false).put("flags", 0));
        ArrayNode guildList = d.putArray("guilds");
        for (TestGuild guild : guilds) {
            guildList.addObject().put("id", guild.id()).put("unavailable", true);
        }
        d.putArray("private_channels");
        d.putArray("relationships");
        d.put("session_id", sessionId);
        d.put("session_type", "normal");
        d.put("resume_gateway_url", resumeUrl);
        d.putArray("shard").add(shard).add(total);
        d.putObject("application").put("id", bot.applicationId()).put("flags", 0);
        d.putArray("_trace").add("[\"citebot-fake-gateway\"]");
        return d;
    }

    /**
     * {@code GET gateway/bot}: where to connect, how many shards, and the identify budget (1,000 a
     * day, in {@code maxConcurrency} buckets).
     */
    public static ObjectNode gatewayBot(String url, int shards, int maxConcurrency) {
        ObjectNode d = object();
        d.put("url", url);
        d.put("shards", shards);
        d.putObject("session_start_limit")
                .put("total", 1000)
                .put("remaining", 1000)
                .put("reset_after", 86_400_000)
                .put("max_concurrency", maxConcurrency);
        return d;
    }

    /** A role with both colour shapes: {@code color} (JDA 5) and {@code colors.primary_color} (JDA 6). */
    public static ObjectNode role(TestRole role, int position) {
        ObjectNode r = object();
        r.put("id", role.id());
        r.put("name", role.name());
        r.put("permissions", Long.toString(role.permissions()));
        r.put("position", position);
        r.put("color", 0);
        r.putObject("colors").put("primary_color", 0).putNull("secondary_color").putNull("tertiary_color");
        r.put("hoist", false);
        r.put("managed", false);
        r.put("mentionable", false);
        r.put("flags", 0);
        return r;
    }

    public static ObjectNode guildCreate(TestGuild guild, TestBot bot) {
        ObjectNode d = object();
        d.put("id", guild.id());
        d.put("name", guild.name());
        d.putNull("icon");
        d.put("owner_id", guild.ownerId());
        d.put("afk_timeout", 300);
        d.putNull("afk_channel_id");
        d.put("verification_level", 0);
        d.put("default_message_notifications", 1);
        d.put("explicit_content_filter", 0);
        d.put("mfa_level", 0);
        d.put("nsfw_level", 0);
        d.put("premium_tier", 0);
        d.put("preferred_locale", "en-US");
        d.putNull("system_channel_id");
        d.putArray("features");
        d.put("joined_at", timestamp(Instant.now().minusSeconds(3600)));
        d.put("large", false);
        d.put("unavailable", false);
        d.put("member_count", guild.members().size() + 1);
        ArrayNode roles = d.putArray("roles");
        for (int position = 0; position < guild.roles().size(); position++) {
            roles.add(role(guild.roles().get(position), position));
        }
        ArrayNode members = d.putArray("members");
        members.add(member(botUser(bot), List.of(), null, null));
        for (TestMember m : guild.members()) {
            members.add(member(memberUser(m), m.roleIds(), null, null));
        }
        ArrayNode channels = d.putArray("channels");
        int channelPosition = 0;
        for (TestChannel channel : guild.channels()) {
            ObjectNode c = channels.addObject();
            c.put("id", channel.id());
            c.put("type", 0);
            c.put("guild_id", guild.id());
            c.put("name", channel.name());
            c.put("position", channelPosition++);
            c.putArray("permission_overwrites");
            c.putNull("topic");
            c.put("nsfw", false);
            c.putNull("parent_id");
            c.put("rate_limit_per_user", 0);
            c.putNull("last_message_id");
        }
        d.putArray("threads");
        d.putArray("guild_scheduled_events");
        d.putArray("emojis");
        d.putArray("stickers");
        d.putArray("voice_states");
        d.putArray("presences");
        d.putArray("stage_instances");
        d.putArray("soundboard_sounds");
        return d;
    }

    /**
     * A Discord Message object built from a create payload the bot sent (content, embeds,
     * components, flags): embeds get {@code "type":"rich"}.
     */
    public static ObjectNode message(String id, int type, String channelId, ObjectNode author, JsonNode payload) {
        ObjectNode message = object();
        message.put("id", id);
        message.put("type", type);
        message.put("channel_id", channelId);
        message.set("author", author);
        message.put("content", payload.path("content").asText(""));
        message.put("timestamp", timestamp(Snowflakes.timeOf(id)));
        message.putNull("edited_timestamp");
        message.put("tts", payload.path("tts").asBoolean(false));
        message.put("mention_everyone", false);
        message.putArray("mentions");
        message.putArray("mention_roles");
        message.putArray("attachments");
        message.set("embeds", richEmbeds(payload.path("embeds")));
        message.set(
                "components",
                payload.path("components").isArray() ? payload.get("components").deepCopy() : array());
        message.put("pinned", false);
        message.put("flags", payload.path("flags").asInt(0));
        return message;
    }

    /** Copies embeds, adding {@code "type":"rich"} where JDA left it out (JDA drops type-less embeds). */
    public static ArrayNode richEmbeds(JsonNode embeds) {
        ArrayNode result = array();
        if (embeds.isArray()) {
            for (JsonNode embed : embeds) {
                ObjectNode copy = embed.deepCopy();
                if (!copy.hasNonNull("type")) {
                    copy.put("type", "rich");
                }
                result.add(copy);
            }
        }
        return result;
    }

    /** The envelope every guild interaction shares: ids, token, guild, channel, member, locale, permissions. */
    public static ObjectNode interaction(
            String id,
            int type,
            String token,
            TestBot bot,
            TestGuild guild,
            TestChannel channel,
            TestMember member,
            String locale) {
        ObjectNode d = envelope(id, type, token, bot, channel.id());
        d.put("guild_id", guild.id());
        d.putObject("guild").put("id", guild.id()).put("locale", "en-US").putArray("features");
        ObjectNode c = d.putObject("channel");
        c.put("id", channel.id());
        c.put("type", 0);
        c.put("guild_id", guild.id());
        c.put("name", channel.name());
        c.put("position", 0);
        c.put("permissions", Long.toString(guild.permissionsOf(member)));
        d.set("member", member(memberUser(member), member.roleIds(), guild, member));
        d.put("guild_locale", "en-US");
        // The bot holds no roles, so its permissions are those of @everyone.
        d.put("app_permissions", Long.toString(guild.everyone().permissions()));
        return context(d, locale, 0, guild.id());
    }

    /**
     * An INTERACTION_CREATE payload from a direct message with the bot: no guild and no member, the
     * user at the top level, a DM channel (type 1) whose recipient is the bot, context 1 (BOT_DM).
     */
    public static ObjectNode directMessageInteraction(
            String id, int type, String token, TestBot bot, String channelId, TestMember user, String locale) {
        ObjectNode d = envelope(id, type, token, bot, channelId);
        ObjectNode c = d.putObject("channel");
        c.put("id", channelId);
        c.put("type", 1);
        c.putArray("recipients").add(botUser(bot));
        d.set("user", memberUser(user));
        d.put("app_permissions", "0");
        // A guild-installed app in a DM with the bot is authorized by no guild: Discord sends "0".
        return context(d, locale, 1, "0");
    }

    private static ObjectNode envelope(String id, int type, String token, TestBot bot, String channelId) {
        ObjectNode d = object();
        d.put("id", id);
        d.put("application_id", bot.applicationId());
        d.put("type", type);
        d.put("token", token);
        d.put("version", 1);
        d.put("channel_id", channelId);
        return d;
    }

    private static ObjectNode context(ObjectNode d, String locale, int context, String authorizingGuild) {
        d.put("locale", locale);
        d.put("context", context);
        d.putObject("authorizing_integration_owners").put("0", authorizingGuild);
        d.putArray("entitlements");
        d.put("attachment_size_limit", 10_485_760);
        return d;
    }
}
