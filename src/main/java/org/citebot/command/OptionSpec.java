package org.citebot.command;

import java.util.Optional;

/**
 * One option of a command, described once for every front end: Discord registers it as a slash
 * command option, the console parses {@code name:value} from it, {@code /help} lists it.
 *
 * @param min smallest allowed integer, or minimum string length
 * @param max largest allowed integer, or maximum string length
 */
public record OptionSpec(
        String name,
        String description,
        OptionType type,
        boolean required,
        boolean autocomplete,
        Optional<Long> min,
        Optional<Long> max) {

    /** The value types commands use. */
    public enum OptionType {
        STRING,
        INTEGER,
        BOOLEAN,
        CHANNEL
    }

    public static OptionSpec string(String name, String description, boolean required) {
        return new OptionSpec(
                name, description, OptionType.STRING, required, false, Optional.empty(), Optional.empty());
    }

    public static OptionSpec integer(String name, String description, long min, long max) {
        return new OptionSpec(name, description, OptionType.INTEGER, false, false, Optional.of(min), Optional.of(max));
    }

    /** A channel of the server; its id arrives as the option's string value. */
    public static OptionSpec channel(String name, String description, boolean required) {
        return new OptionSpec(
                name, description, OptionType.CHANNEL, required, false, Optional.empty(), Optional.empty());
    }

    public static OptionSpec bool(String name, String description) {
        return new OptionSpec(name, description, OptionType.BOOLEAN, false, false, Optional.empty(), Optional.empty());
    }

    public OptionSpec withAutocomplete() {
        return new OptionSpec(name, description, type, required, true, min, max);
    }

    public OptionSpec withLength(long minLength, long maxLength) {
        return new OptionSpec(
                name, description, type, required, autocomplete, Optional.of(minLength), Optional.of(maxLength));
    }
}
