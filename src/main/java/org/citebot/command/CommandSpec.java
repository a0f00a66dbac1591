package org.citebot.command;

import java.util.List;

/**
 * What a command is called, what it does and which options it takes, in a form every front end
 * can use. Names follow Discord's rules (lower case, 1-32 characters) so the same spec registers
 * there unchanged.
 *
 * @param kind a slash command, or a message context-menu entry ("Find sources")
 * @param example a typical use shown by {@code /help}
 * @param moderatorOnly registered with Manage Server as the default permission, and re-checked
 */
public record CommandSpec(
        String name, String description, Kind kind, List<OptionSpec> options, String example, boolean moderatorOnly) {

    /** How the command is invoked. */
    public enum Kind {
        SLASH,
        MESSAGE_CONTEXT
    }

    public CommandSpec {
        options = List.copyOf(options);
    }

    public static CommandSpec slash(String name, String description, List<OptionSpec> options, String example) {
        return new CommandSpec(name, description, Kind.SLASH, options, example, false);
    }
}
