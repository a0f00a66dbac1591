package org.citebot.command;

import java.util.List;
import java.util.Optional;

/**
 * What a command is called, what it does and which options it takes, in a form every front end
 * can use. Names follow Discord's rules (lower case, 1-32 characters) so the same spec registers
 * there unchanged.
 *
 * @param kind a slash command, or a message context-menu entry ("Find sources")
 * @param options the command's own options; empty when it has subcommands (Discord allows one or the other)
 * @param example a typical use shown by {@code /help}
 * @param moderatorOnly registered with Manage Server as the default permission, and re-checked
 * @param subcommands {@code /digest setup}, {@code /digest off}...; empty for a plain command
 */
public record CommandSpec(
        String name,
        String description,
        Kind kind,
        List<OptionSpec> options,
        String example,
        boolean moderatorOnly,
        List<SubcommandSpec> subcommands) {

    /** How the command is invoked. */
    public enum Kind {
        SLASH,
        MESSAGE_CONTEXT
    }

    public CommandSpec {
        options = List.copyOf(options);
        subcommands = List.copyOf(subcommands);
        if (!options.isEmpty() && !subcommands.isEmpty()) {
            throw new IllegalArgumentException(
                    "/" + name + " has options and subcommands; options belong to a subcommand");
        }
    }

    /** A command without subcommands. */
    public CommandSpec(
            String name,
            String description,
            Kind kind,
            List<OptionSpec> options,
            String example,
            boolean moderatorOnly) {
        this(name, description, kind, options, example, moderatorOnly, List.of());
    }

    /** The subcommand called {@code name}, if this command has one. */
    public Optional<SubcommandSpec> subcommand(String name) {
        return subcommands.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static CommandSpec slash(String name, String description, List<OptionSpec> options, String example) {
        return new CommandSpec(name, description, Kind.SLASH, options, example, false);
    }
}
