package org.citebot.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration key: its dotted path in {@code citebot.yaml}, how a raw value becomes a typed
 * one, and its default. The environment variable that overrides it is derived from the path.
 *
 * @param parser turns a raw value (YAML scalar, list or environment string) into the typed value;
 *     throws {@link IllegalArgumentException} with a reason when it cannot
 */
public record ConfigKey<T>(String path, Function<Object, T> parser, T defaultValue) {

    /**
     * The environment variable for this key: {@code CITEBOT_} and the path in upper case with dots
     * and camel-case humps as underscores ({@code discord.restUrl} is {@code CITEBOT_DISCORD_REST_URL}).
     */
    public String environmentVariable() {
        return environmentName(path);
    }

    /** {@code CITEBOT_} and {@code path} in upper case, dots and camel-case humps becoming underscores. */
    static String environmentName(String path) {
        StringBuilder name = new StringBuilder("CITEBOT_");
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.') {
                name.append('_');
            } else if (Character.isUpperCase(c)) {
                name.append('_').append(c);
            } else {
                name.append(Character.toUpperCase(c));
            }
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }
}
