package org.citebot.config;

import java.util.List;

/** The configuration keys citebot understands, for documentation and for tests that walk them all. */
public final class ConfigKeys {

    private ConfigKeys() {}

    /** Every key's dotted path, in the order of the sample configuration. */
    public static List<String> paths() {
        return ConfigLoader.KEYS.stream().map(ConfigKey::path).toList();
    }

    /** The environment variable that overrides {@code path}. */
    public static String environmentVariable(String path) {
        return ConfigLoader.KEYS.stream()
                .filter(key -> key.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no config key " + path))
                .environmentVariable();
    }
}
