package org.citebot.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks payloads against Discord's documented limits (shared/reference/discord-limits.md) and
 * reports violations in Discord's {@code Invalid Form Body} error tree, e.g.
 * {@code {"embeds":{"0":{"title":{"_errors":[{"code":"BASE_TYPE_MAX_LENGTH",...}]}}}}}.
 * Every method returns an empty object when the payload is acceptable.
 */
public final class DiscordLimits {

    public static final int CONTENT_MAX = 2000;
    public static final int EMBEDS_MAX = 10;
    public static final int EMBED_TITLE_MAX = 256;
    public static final int EMBED_DESCRIPTION_MAX = 4096;
    public static final int EMBED_FIELDS_MAX = 25;
    public static final int EMBED_FIELD_NAME_MAX = 256;
    public static final int EMBED_FIELD_VALUE_MAX = 1024;
    public static final int EMBED_FOOTER_MAX = 2048;
    public static final int EMBED_AUTHOR_NAME_MAX = 256;
    public static final int EMBEDS_TOTAL_MAX = 6000;
    public static final int ACTION_ROWS_MAX = 5;
    public static final int BUTTONS_PER_ROW_MAX = 5;
    public static final int BUTTON_LABEL_MAX = 80;
    public static final int CUSTOM_ID_MAX = 100;
    public static final int LINK_URL_MAX = 512;
    public static final int SELECT_OPTIONS_MAX = 25;
    public static final int PLACEHOLDER_MAX = 150;
    public static final int CHOICES_MAX = 25;
    public static final int CHOICE_NAME_MAX = 100;
    public static final int CHOICE_VALUE_MAX = 100;
    public static final int COMMAND_OPTIONS_MAX = 25;
    public static final int COMMAND_DESCRIPTION_MAX = 100;
    public static final int COMMAND_TOTAL_MAX = 8000;
    public static final int NONCE_MAX = 25;
    public static final int MODAL_TITLE_MAX = 45;
    public static final int MODAL_COMPONENTS_MAX = 5;
    public static final int ALLOWED_MENTION_IDS_MAX = 100;

    /** Discord's name rule for commands and options; chat-input names must also be lowercase. */
    public static final Pattern COMMAND_NAME = Pattern.compile("^[-_'\\p{L}\\p{N}\\p{IsDevanagari}\\p{IsThai}]{1,32}$");

    private static final int FLAG_COMPONENTS_V2 = 1 << 15;

    private DiscordLimits() {}

    /** A message create or edit payload (channel message, callback data, webhook message). */
    public static ObjectNode checkMessage(JsonNode payload) {
        Errors errors = new Errors();
        checkMaxLength(errors, payload.path("content"), CONTENT_MAX, "content");
        JsonNode nonce = payload.path("nonce");
        if (nonce.isTextual()) {
            checkMaxLength(errors, nonce, NONCE_MAX, "nonce");
        }
        JsonNode embeds = payload.path("embeds");
        if (embeds.isArray()) {
            if (embeds.size() > EMBEDS_MAX) {
                errors.maxItems(EMBEDS_MAX, "embeds");
            }
            int total = 0;
            for (int i = 0; i < embeds.size(); i++) {
                total += checkEmbed(errors, embeds.get(i), String.valueOf(i));
            }
            if (total > EMBEDS_TOTAL_MAX) {
                errors.add(
                        "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of " + EMBEDS_TOTAL_MAX, "embeds");
            }
        }
        JsonNode mentions = payload.path("allowed_mentions");
        for (String kind : List.of("users", "roles")) {
            if (mentions.path(kind).size() > ALLOWED_MENTION_IDS_MAX) {
                errors.maxItems(ALLOWED_MENTION_IDS_MAX, "allowed_mentions", kind);
            }
        }
        boolean componentsV2 = (payload.path("flags").asInt(0) & FLAG_COMPONENTS_V2) != 0;
        JsonNode components = payload.path("components");
        if (components.isArray() && !componentsV2) {
            if (components.size() > ACTION_ROWS_MAX) {
                errors.maxItems(ACTION_ROWS_MAX, "components");
            }
            for (int r = 0; r < components.size(); r++) {
                checkActionRow(errors, components.get(r), String.valueOf(r));
            }
        }
        return errors.tree();
    }

    private static int checkEmbed(Errors errors, JsonNode embed, String index) {
        checkMaxLength(errors, embed.path("title"), EMBED_TITLE_MAX, "embeds", index, "title");
        checkMaxLength(errors, embed.path("description"), EMBED_DESCRIPTION_MAX, "embeds", index, "description");
        checkMaxLength(errors, embed.path("footer").path("text"), EMBED_FOOTER_MAX, "embeds", index, "footer", "text");
        checkMaxLength(
                errors, embed.path("author").path("name"), EMBED_AUTHOR_NAME_MAX, "embeds", index, "author", "name");
        int size = length(embed.path("title"))
                + length(embed.path("description"))
                + length(embed.path("footer").path("text"))
                + length(embed.path("author").path("name"));
        JsonNode fields = embed.path("fields");
        if (fields.size() > EMBED_FIELDS_MAX) {
            errors.maxItems(EMBED_FIELDS_MAX, "embeds", index, "fields");
        }
        for (int f = 0; f < fields.size(); f++) {
            JsonNode field = fields.get(f);
            String fi = String.valueOf(f);
            checkRequiredLength(
                    errors, field.path("name"), 1, EMBED_FIELD_NAME_MAX, "embeds", index, "fields", fi, "name");
            checkRequiredLength(
                    errors, field.path("value"), 1, EMBED_FIELD_VALUE_MAX, "embeds", index, "fields", fi, "value");
            size += length(field.path("name")) + length(field.path("value"));
        }
        return size;
    }

    private static void checkActionRow(Errors errors, JsonNode row, String r) {
        if (row.path("type").asInt() != 1) {
            errors.add("UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1,).", "components", r, "type");
            return;
        }
        JsonNode children = row.path("components");
        int buttons = 0;
        int selects = 0;
        for (JsonNode child : children) {
            int type = child.path("type").asInt();
            if (type == 2) {
                buttons++;
            } else if (type == 3 || (type >= 5 && type <= 8)) {
                selects++;
            }
        }
        if (children.size() == 0 || buttons > BUTTONS_PER_ROW_MAX || (selects > 0 && children.size() > 1)) {
            errors.add(
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and " + BUTTONS_PER_ROW_MAX + " in length.",
                    "components",
                    r,
                    "components");
        }
        for (int c = 0; c < children.size(); c++) {
            JsonNode child = children.get(c);
            String ci = String.valueOf(c);
            int type = child.path("type").asInt();
            if (type == 2) {
                checkMaxLength(
                        errors, child.path("label"), BUTTON_LABEL_MAX, "components", r, "components", ci, "label");
                int style = child.path("style").asInt();
                if (style == 5) {
                    checkRequiredLength(
                            errors, child.path("url"), 1, LINK_URL_MAX, "components", r, "components", ci, "url");
                } else if (style != 6) {
                    checkRequiredLength(
                            errors,
                            child.path("custom_id"),
                            1,
                            CUSTOM_ID_MAX,
                            "components",
                            r,
                            "components",
                            ci,
                            "custom_id");
                }
            } else if (type == 3 || (type >= 5 && type <= 8)) {
                checkRequiredLength(
                        errors,
                        child.path("custom_id"),
                        1,
                        CUSTOM_ID_MAX,
                        "components",
                        r,
                        "components",
                        ci,
                        "custom_id");
                checkMaxLength(
                        errors,
                        child.path("placeholder"),
                        PLACEHOLDER_MAX,
                        "components",
                        r,
                        "components",
                        ci,
                        "placeholder");
                JsonNode options = child.path("options");
                if (options.size() > SELECT_OPTIONS_MAX) {
                    errors.maxItems(SELECT_OPTIONS_MAX, "components", r, "components", ci, "options");
                }
                for (int o = 0; o < options.size(); o++) {
                    String oi = String.valueOf(o);
                    checkRequiredLength(
                            errors,
                            options.get(o).path("label"),
                            1,
                            100,
                            "components",
                            r,
                            "components",
                            ci,
                            "options",
                            oi,
                            "label");
                    checkRequiredLength(
                            errors,
                            options.get(o).path("value"),
                            1,
                            100,
                            "components",
                            r,
                            "components",
                            ci,
                            "options",
                            oi,
                            "value");
                }
            }
        }
    }

    /** The {@code data} of a modal callback (type 9): custom_id 1-100, title 1-45, 1-5 top-level components. */
    public static ObjectNode checkModal(JsonNode data) {
        Errors errors = new Errors();
        checkRequiredLength(errors, data.path("custom_id"), 1, CUSTOM_ID_MAX, "custom_id");
        checkRequiredLength(errors, data.path("title"), 1, MODAL_TITLE_MAX, "title");
        int components = data.path("components").size();
        if (components < 1 || components > MODAL_COMPONENTS_MAX) {
            errors.add(
                    "BASE_TYPE_BAD_LENGTH",
                    "Must be between 1 and " + MODAL_COMPONENTS_MAX + " in length.",
                    "components");
        }
        return errors.tree();
    }

    /** The {@code data} of an autocomplete callback (type 8). */
    public static ObjectNode checkAutocompleteResult(JsonNode data) {
        Errors errors = new Errors();
        checkChoices(errors, data.path("choices"), "choices");
        return errors.tree();
    }

    /** A bulk overwrite body (a JSON array of commands); errors are keyed by index as Discord does. */
    public static ObjectNode checkCommands(JsonNode commands) {
        Errors errors = new Errors();
        if (!commands.isArray()) {
            errors.add("BASE_TYPE_ARRAY", "Must be an array.", "_root");
            return errors.tree();
        }
        for (int i = 0; i < commands.size(); i++) {
            checkCommand(errors, commands.get(i), String.valueOf(i));
        }
        return errors.tree();
    }

    /** One command (create or edit body). */
    public static ObjectNode checkCommand(JsonNode command) {
        Errors errors = new Errors();
        checkCommand(errors, command, null);
        return errors.tree();
    }

    private static void checkCommand(Errors errors, JsonNode command, String index) {
        int type = command.path("type").asInt(1);
        String[] prefix = index == null ? new String[0] : new String[] {index};
        String name = command.path("name").asText("");
        if (type == 1) {
            checkName(errors, name, join(prefix, "name"));
            checkRequiredLength(
                    errors, command.path("description"), 1, COMMAND_DESCRIPTION_MAX, join(prefix, "description"));
        } else {
            if (name.isEmpty() || name.length() > 32) {
                errors.add("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 32 in length.", join(prefix, "name"));
            }
            if (!command.path("description").asText("").isEmpty()) {
                errors.add(
                        "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION",
                        "Context menu commands cannot have description",
                        join(prefix, "description"));
            }
        }
        checkOptions(errors, command.path("options"), join(prefix, "options"));
        if (commandSize(command) > COMMAND_TOTAL_MAX) {
            errors.add(
                    "APPLICATION_COMMAND_TOO_LARGE",
                    "Command exceeds maximum size (" + COMMAND_TOTAL_MAX + ")",
                    prefix.length == 0 ? new String[] {"_root"} : prefix);
        }
    }

    private static void checkOptions(Errors errors, JsonNode options, String... path) {
        if (options.size() > COMMAND_OPTIONS_MAX) {
            errors.maxItems(COMMAND_OPTIONS_MAX, path);
        }
        for (int i = 0; i < options.size(); i++) {
            JsonNode option = options.get(i);
            String oi = String.valueOf(i);
            checkName(errors, option.path("name").asText(""), join(path, oi, "name"));
            checkRequiredLength(
                    errors, option.path("description"), 1, COMMAND_DESCRIPTION_MAX, join(path, oi, "description"));
            JsonNode choices = option.path("choices");
            checkChoices(errors, choices, join(path, oi, "choices"));
            if (option.path("autocomplete").asBoolean(false) && choices.size() > 0) {
                errors.add(
                        "APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE",
                        "Autocomplete cannot be set with choices",
                        join(path, oi, "autocomplete"));
            }
            int type = option.path("type").asInt();
            if (type == 1 || type == 2) {
                checkOptions(errors, option.path("options"), join(path, oi, "options"));
            }
        }
    }

    private static void checkChoices(Errors errors, JsonNode choices, String... path) {
        if (choices.size() > CHOICES_MAX) {
            errors.maxItems(CHOICES_MAX, path);
        }
        for (int c = 0; c < choices.size(); c++) {
            JsonNode choice = choices.get(c);
            String ci = String.valueOf(c);
            checkRequiredLength(errors, choice.path("name"), 1, CHOICE_NAME_MAX, join(path, ci, "name"));
            JsonNode value = choice.path("value");
            if (value.isMissingNode() || value.isNull()) {
                errors.add("BASE_TYPE_REQUIRED", "This field is required", join(path, ci, "value"));
            } else if (value.isTextual()) {
                checkMaxLength(errors, value, CHOICE_VALUE_MAX, join(path, ci, "value"));
            }
        }
    }

    private static void checkName(Errors errors, String name, String... path) {
        if (!COMMAND_NAME.matcher(name).matches() || !name.equals(name.toLowerCase(Locale.ROOT))) {
            errors.add("APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid", path);
        }
    }

    /** Name, description, localizations, choice names and values, recursively, as Discord counts them. */
    private static int commandSize(JsonNode node) {
        int size = length(node.path("name")) + length(node.path("description"));
        for (String key : List.of("name_localizations", "description_localizations")) {
            for (Map.Entry<String, JsonNode> localized : node.path(key).properties()) {
                size += length(localized.getValue());
            }
        }
        for (JsonNode choice : node.path("choices")) {
            size += length(choice.path("name"))
                    + choice.path("value").asText("").length();
        }
        for (JsonNode option : node.path("options")) {
            size += commandSize(option);
        }
        return size;
    }

    private static void checkMaxLength(Errors errors, JsonNode value, int max, String... path) {
        if (value.isTextual() && value.asText().length() > max) {
            errors.add("BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.", path);
        }
    }

    private static void checkRequiredLength(Errors errors, JsonNode value, int min, int max, String... path) {
        if (!value.isTextual()) {
            errors.add("BASE_TYPE_REQUIRED", "This field is required", path);
            return;
        }
        int length = value.asText().length();
        if (length < min || length > max) {
            errors.add("BASE_TYPE_BAD_LENGTH", "Must be between " + min + " and " + max + " in length.", path);
        }
    }

    private static int length(JsonNode node) {
        return node.isTextual() ? node.asText().length() : 0;
    }

    private static String[] join(String[] prefix, String... rest) {
        List<String> all = new ArrayList<>(List.of(prefix));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    /** Accumulates errors into Discord's nested {@code _errors} tree. */
    private static final class Errors {
        private final ObjectNode root = Payloads.object();

        void add(String code, String message, String... path) {
            ObjectNode node = root;
            for (String segment : path) {
                node = node.has(segment) ? (ObjectNode) node.get(segment) : node.putObject(segment);
            }
            (node.has("_errors")
                            ? (com.fasterxml.jackson.databind.node.ArrayNode) node.get("_errors")
                            : node.putArray("_errors"))
                    .addObject()
                    .put("code", code)
                    .put("message", message);
        }

        void maxItems(int max, String... path) {
            add("BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.", path);
        }

        ObjectNode tree() {
            return root;
        }
    }
}
