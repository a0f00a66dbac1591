package org.citebot.command;

import java.util.List;

/**
 * One subcommand of a slash command, such as {@code setup} in {@code /digest setup}: its name,
 * description and options, described once for Discord, the console and {@code /help}.
 *
 * @param example a typical use shown by {@code /help}
 * @param moderatorOnly shown as such by {@code /help}; the command re-checks it, since Discord's
 *     default permission applies to the whole command, not one subcommand
 */
public record SubcommandSpec(
        String name, String description, List<OptionSpec> options, String example, boolean moderatorOnly) {

    public SubcommandSpec {
        options = List.copyOf(options);
    }
}
