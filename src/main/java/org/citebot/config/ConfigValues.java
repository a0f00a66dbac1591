package org.citebot.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers for configuration values, shared by every {@link ConfigKey}. Each accepts the YAML form
 * and the environment-variable string form of the same value, and explains a rejection.
 */
final class ConfigValues {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SNOWFLAKE = Pattern.compile("\\d{17,20}");

    private ConfigValues() {}

    static Function<Object, String> string() {
        return raw -> {
            if (raw instanceof List<?> || raw instanceof java.util.Map<?, ?>) {
                throw new IllegalArgumentException("expected a single value, not a list or a section");
            }
            return raw.toString().trim();
        };
    }

    static Function<Object, Path> path() {
        return raw -> {
            String text = string().apply(raw);
            if (text.isEmpty()) {
                throw new IllegalArgumentException("expected a path, got an empty value");
            }
            try {
                return Path.of(text);
            } catch (java.nio.file.InvalidPathException e) {
                throw new IllegalArgumentException("not a valid path: " + e.getReason());
            }
        };
    }

    static Function<Object, Boolean> bool() {
        return raw -> {
            String text = string().apply(raw).toLowerCase(Locale.ROOT);
            switch (text) {
                case "true", "yes", "on" -> {
                    return true;
                }
                case "false", "no", "off" -> {
                    return false;
                }
                default -> throw new IllegalArgumentException("expected true or false, got '" + text + "'");
            }
        };
    }

    static Function<Object, Integer> integer(int min, int max) {
        return raw -> {
            String text = string().apply(raw);
            int value;
            try {
                value = Integer.parseInt(text.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number, got '" + text + "'");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + ", got " + value);
            }
            return value;
        };
    }

    /** Sizes like {@code 10MiB}, {@code 512KiB}, {@code 1048576}. */
    static Function<Object, Long> bytes(long min, long max) {
        return raw -> {
            String text = string().apply(raw).replace("_", "").replace(" ", "");
            Matcher m = Pattern.compile("(?i)(\\d+)(b|kib|kb|mib|mb|gib|gb)?").matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("expected a size such as 10MiB or 512KiB, got '" + text + "'");
            }
            long unit =
                    switch (m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT)) {
                        case "kib", "kb" -> 1024L;
                        case "mib", "mb" -> 1024L * 1024;
                        case "gib", "gb" -> 1024L * 1024 * 1024;
                        default -> 1L;
                    };
            long value;
            try {
                value = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
            } catch (ArithmeticException | NumberFormatException e) {
                throw new IllegalArgumentException("size is too large: '" + text + "'");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + " bytes, got " + value);
            }
            return value;
        };
    }

    /** Durations like {@code 10s}, {@code 15m}, {@code 6h}, {@code 30d}, {@code 250ms}. */
    static Function<Object, Duration> duration(Duration min, Duration max) {
        return raw -> {
            String text = string().apply(raw).toLowerCase(Locale.ROOT);
            Matcher m = DURATION.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException(
                        "expected a duration such as 10s, 15m, 6h or 30d, got '" + text + "'");
            }
            long amount = Long.parseLong(m.group(1));
            Duration value =
                    switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(amount);
                        case "s" -> Duration.ofSeconds(amount);
                        case "m" -> Duration.ofMinutes(amount);
                        case "h" -> Duration.ofHours(amount);
                        default -> Duration.ofDays(amount);
                    };
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw new IllegalArgumentException("must be between " + min + " and " + max + ", got " + text);
            }
            return value;
        };
    }

    /**
     * Where the state database is: {@code jdbc:sqlite:PATH} or {@code
     * jdbc:postgresql://HOST[:PORT]/DATABASE[?parameters]}. A password in the URL is refused without
     * being echoed: it belongs in the environment ({@code PGPASSWORD}), never in a config file.
     */
    static Function<Object, String> stateUrl() {
        return raw -> {
            String text = string().apply(raw);
            if (text.startsWith("jdbc:sqlite:")) {
                path().apply(text.substring("jdbc:sqlite:".length()));
                if (text.contains(":memory:") || text.contains("mode=memory")) {
                    throw new IllegalArgumentException("an in-memory SQLite database loses the state at every stop");
                }
                return text;
            }
            if (!text.startsWith("jdbc:postgresql://")) {
                int scheme = text.indexOf(':', "jdbc:".length());
                String start = text.startsWith("jdbc:") && scheme > 0 ? text.substring(0, scheme + 1) : "";
                throw new IllegalArgumentException("expected jdbc:sqlite:PATH or jdbc:postgresql://HOST[:PORT]/DATABASE"
                        + (start.isEmpty() ? "" : ", got a URL starting '" + start + "'"));
            }
            String rest = text.substring("jdbc:postgresql://".length());
            int end = rest.indexOf('/') < 0 ? rest.length() : rest.indexOf('/');
            if (rest.substring(0, end).contains("@")
                    || text.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*")) {
                throw new IllegalArgumentException(
                        "the URL holds credentials: set the user in state.user and the password in PGPASSWORD");
            }
            if (end == 0 || end == rest.length() || rest.substring(end + 1).isBlank()) {
                throw new IllegalArgumentException(
                        "expected jdbc:postgresql://HOST[:PORT]/DATABASE, " + "with a host and a database name");
            }
            if (text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                throw new IllegalArgumentException("the URL contains spaces or control characters");
            }
            return text;
        };
    }

    /** A PostgreSQL role name: letters, digits, '_', '.', '-' and '@' (as cloud services name them). */
    static Function<Object, java.util.Optional<String>> roleName() {
        return raw -> {
            String text = string().apply(raw);
            if (!text.matches("[A-Za-z0-9_.@-]{1,63}")) {
                throw new IllegalArgumentException(
                        "expected a database role name (letters, digits, _ . @ -; at most 63), got '"
                                + text.replaceAll("\\p{Cntrl}", "?") + "'");
            }
            return java.util.Optional.of(text);
        };
    }

    /** An http(s) URL, or ws(s) when {@code websocket} is set. */
    static Function<Object, URI> url(boolean websocket) {
        return raw -> {
            String text = string().apply(raw);
            URI uri;
            try {
                uri = new URI(text);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("not a valid URL: " + e.getReason());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            List<String> allowed = websocket ? List.of("ws", "wss") : List.of("http", "https");
            if (!allowed.contains(scheme) || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "expected an absolute " + String.join(" or ", allowed) + " URL, got '" + text + "'");
            }
            return uri;
        };
    }

    /** A list of Discord snowflake ids; YAML list or a comma-separated string. */
    static Function<Object, List<String>> snowflakes() {
        return raw -> {
            List<String> ids = new ArrayList<>();
            for (String item : items(raw)) {
                if (!SNOWFLAKE.matcher(item).matches()) {
                    throw new IllegalArgumentException("'" + item + "' is not a Discord id (17 to 20 digits)");
                }
                ids.add(item);
            }
            return List.copyOf(ids);
        };
    }

    /** One Discord snowflake id, or nothing when the value is empty. */
    static Function<Object, java.util.Optional<String>> optionalSnowflake() {
        return raw -> {
            String text = string().apply(raw);
            if (text.isEmpty()) {
                return java.util.Optional.empty();
            }
            if (!SNOWFLAKE.matcher(text).matches()) {
                throw new IllegalArgumentException("'" + text + "' is not a Discord id (17 to 20 digits)");
            }
            return java.util.Optional.of(text);
        };
    }

    /**
     * Per-guild digest defaults: a mapping of guild id to {@code {channel, time, timezone, sections}}
     * (sections optional). From the environment, the same mapping as YAML flow text, e.g.
     * {@code {"123...": {channel: "456...", time: "08:00", timezone: Europe/Berlin}}}.
     */
    static Function<Object, java.util.Map<String, CitebotConfig.DigestDefault>> digestDefaults() {
        return raw -> {
            Object tree = raw;
            if (raw instanceof String text) {
                if (text.isBlank()) {
                    return java.util.Map.of();
                }
                try {
                    tree = new com.fasterxml.jackson.databind.ObjectMapper(
                                    new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                            .readValue(text, Object.class);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalArgumentException("not a mapping of guild ids: " + e.getOriginalMessage());
                }
            }
            if (tree == null) {
                return java.util.Map.of();
            }
            if (!(tree instanceof java.util.Map<?, ?> guilds)) {
                throw new IllegalArgumentException("expected a mapping of guild id to {channel, time, timezone}");
            }
            java.util.Map<String, CitebotConfig.DigestDefault> defaults = new java.util.LinkedHashMap<>();
            for (java.util.Map.Entry<?, ?> entry : guilds.entrySet()) {
                String guild = String.valueOf(entry.getKey()).trim();
                if (!SNOWFLAKE.matcher(guild).matches()) {
                    throw new IllegalArgumentException("'" + guild + "' is not a guild id (17 to 20 digits)");
                }
                if (!(entry.getValue() instanceof java.util.Map<?, ?> fields)) {
                    throw new IllegalArgumentException(guild + ": expected {channel, time, timezone}");
                }
                defaults.put(guild, digestDefault(guild, fields));
            }
            return defaults;
        };
    }

    private static CitebotConfig.DigestDefault digestDefault(String guild, java.util.Map<?, ?> fields) {
        java.util.Set<String> known = java.util.Set.of("channel", "time", "timezone", "sections");
        for (Object key : fields.keySet()) {
            if (!known.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(
                        guild + "." + key + ": unknown; expected channel, time, timezone, sections");
            }
        }
        return new CitebotConfig.DigestDefault(
                field(guild, fields, "channel", raw -> optionalSnowflake()
                        .apply(raw)
                        .orElseThrow(() -> new IllegalArgumentException("empty"))),
                field(guild, fields, "time", timeOfDay()),
                field(guild, fields, "timezone", zone()),
                fields.get("sections") == null ? List.of() : names().apply(fields.get("sections")));
    }

    private static <T> T field(String guild, java.util.Map<?, ?> fields, String name, Function<Object, T> parser) {
        Object raw = fields.get(name);
        if (raw == null) {
            throw new IllegalArgumentException(guild + "." + name + " is missing");
        }
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(guild + "." + name + ": " + e.getMessage(), e);
        }
    }

    /** A list of TCP ports (1-65535); YAML list or a comma-separated string. */
    static Function<Object, List<Integer>> ports() {
        return raw -> {
            List<Integer> ports = new ArrayList<>();
            for (String item : items(raw)) {
                ports.add(integer(1, 65535).apply(item));
            }
            if (ports.isEmpty()) {
                throw new IllegalArgumentException("expected at least one port, such as [80, 443]");
            }
            return List.copyOf(ports);
        };
    }

    /** An HTTP header value: not blank, printable ASCII only (a line break would inject a header). */
    static Function<Object, String> headerValue() {
        return raw -> {
            String text = string().apply(raw);
            if (text.isEmpty()) {
                throw new IllegalArgumentException("must not be empty");
            }
            if (!text.matches("[\\x20-\\x7e]+")) {
                throw new IllegalArgumentException("must be printable ASCII on one line");
            }
            return text;
        };
    }

    /**
     * ZooKeeper addresses for SolrCloud: {@code host:port} each, the last optionally ending in a
     * chroot ({@code zk1:2181,zk2:2181/solr}); YAML list or a comma-separated string; may be empty.
     */
    static Function<Object, List<String>> zkHosts() {
        return raw -> {
            List<String> hosts = new ArrayList<>();
            List<String> items = items(raw);
            for (int i = 0; i < items.size(); i++) {
                String item = items.get(i);
                String address = item;
                int slash = item.indexOf('/');
                if (slash >= 0) {
                    if (i != items.size() - 1 || !item.substring(slash).matches("(/[A-Za-z0-9._-]+)+")) {
                        throw new IllegalArgumentException("'" + item.replaceAll("\\p{Cntrl}", "?")
                                + "': only the last address may end in a chroot such as /solr");
                    }
                    address = item.substring(0, slash);
                }
                int colon = address.lastIndexOf(':');
                if (colon <= 0 || !address.substring(0, colon).matches("[A-Za-z0-9.\\[\\]:-]+")) {
                    throw new IllegalArgumentException(
                            "'" + item.replaceAll("\\p{Cntrl}", "?") + "' is not host:port, such as zk1:2181");
                }
                integer(1, 65535).apply(address.substring(colon + 1));
                hosts.add(item);
            }
            return List.copyOf(hosts);
        };
    }

    /** A list of http(s) URLs; YAML list or a comma-separated string; may be empty. */
    static Function<Object, List<URI>> urls() {
        return raw -> items(raw).stream().map(item -> url(false).apply(item)).toList();
    }

    /** A Solr collection or alias name: letters, digits, '.', '_' and '-', not starting with '-'. */
    static Function<Object, String> solrName() {
        return raw -> {
            String text = string().apply(raw);
            if (!text.matches("[A-Za-z0-9._][A-Za-z0-9._-]{0,99}")) {
                throw new IllegalArgumentException("'" + text.replaceAll("\\p{Cntrl}", "?")
                        + "' is not a Solr collection name (letters, digits, '.', '_', '-'; at most 100)");
            }
            return text;
        };
    }

    /** A list of role ids or role names; YAML list or a comma-separated string. */
    static Function<Object, List<String>> names() {
        return raw -> List.copyOf(items(raw));
    }

    static Function<Object, ZoneId> zone() {
        return raw -> {
            String text = string().apply(raw);
            try {
                return ZoneId.of(text);
            } catch (java.time.DateTimeException e) {
                throw new IllegalArgumentException("'" + text + "' is not an IANA time zone such as Europe/Berlin");
            }
        };
    }

    static Function<Object, LocalTime> timeOfDay() {
        return raw -> {
            String text = string().apply(raw);
            try {
                return LocalTime.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("expected a time of day as HH:MM, got '" + text + "'");
            }
        };
    }

    /** {@code host:port}, with the host an IP literal or name. */
    static Function<Object, java.net.InetSocketAddress> listenAddress() {
        return raw -> {
            String text = string().apply(raw);
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || colon == text.length() - 1) {
                throw new IllegalArgumentException("expected host:port such as 127.0.0.1:8081, got '" + text + "'");
            }
            int port = integer(0, 65535).apply(text.substring(colon + 1));
            String host = text.substring(0, colon);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return java.net.InetSocketAddress.createUnresolved(host, port);
        };
    }

    /** One of {@code allowed}, compared case-insensitively and returned in lower case. */
    static Function<Object, String> oneOf(String... allowed) {
        return raw -> {
            String text = string().apply(raw).toLowerCase(Locale.ROOT);
            if (!List.of(allowed).contains(text)) {
                throw new IllegalArgumentException(
                        "expected one of " + String.join(", ", allowed) + ", got '" + text + "'");
            }
            return text;
        };
    }

    private static final Pattern SHARD_RANGE = Pattern.compile("(\\d{1,4})(?:\\s*-\\s*(\\d{1,4}))?");

    /**
     * Shard ids: ranges and single ids separated by commas ({@code 0-3}, {@code 0,2-5}; a YAML list
     * works too), in ascending order without repeats; empty for every shard.
     */
    static Function<Object, List<Integer>> shardIds() {
        return raw -> {
            java.util.TreeSet<Integer> ids = new java.util.TreeSet<>();
            for (String item : items(raw)) {
                for (String part : item.split(",")) {
                    String range = part.strip();
                    if (range.isEmpty()) {
                        continue;
                    }
                    java.util.regex.Matcher m = SHARD_RANGE.matcher(range);
                    if (!m.matches()) {
                        throw new IllegalArgumentException(
                                "expected shard ids such as 0-3 or 0,2, got '" + range + "'");
                    }
                    int from = Integer.parseInt(m.group(1));
                    int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
                    if (to < from) {
                        throw new IllegalArgumentException("the range '" + range + "' runs backwards");
                    }
                    for (int id = from; id <= to; id++) {
                        ids.add(id);
                    }
                }
            }
            return List.copyOf(ids);
        };
    }

    /** {@code host:port}, or {@code off} for nothing. */
    static Function<Object, java.util.Optional<java.net.InetSocketAddress>> optionalListenAddress() {
        return raw -> string().apply(raw).equalsIgnoreCase("off")
                ? java.util.Optional.empty()
                : java.util.Optional.of(listenAddress().apply(raw));
    }

    private static List<String> items(Object raw) {
        List<String> items = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object item : list) {
                if (item != null && !item.toString().isBlank()) {
                    items.add(item.toString().trim());
                }
            }
        } else {
            for (String item : raw.toString().split(",")) {
                if (!item.isBlank()) {
                    items.add(item.trim());
                }
            }
        }
        return items;
    }
}
