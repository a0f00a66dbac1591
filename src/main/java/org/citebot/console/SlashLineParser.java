package org.citebot.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.citebot.command.Command;
import org.citebot.command.CommandRegistry;
import org.citebot.command.CommandRequest;
import org.citebot.command.CommandSpec;
import org.citebot.command.Invoker;
import org.citebot.command.OptionSpec;
import org.citebot.command.SubcommandSpec;
import org.citebot.command.UserFacingException;

/**
 * Parses a console line the way Discord's client fills a slash command:
 * {@code /search query:nuclear war results:5}. The first required option may be given bare
 * ({@code /search nuclear war}). A message context-menu command is typed as its name with dashes,
 * followed by the message text ({@code /find-sources The summit is next week}).
 */
final class SlashLineParser {

    private final CommandRegistry registry;

    SlashLineParser(CommandRegistry registry) {
        this.registry = registry;
    }

    /** The parsed request, or a {@link UserFacingException} saying what is wrong with the line. */
    ParsedLine parse(String line, Invoker invoker) {
        String trimmed = line.strip();
        if (!trimmed.startsWith("/")) {
            throw new UserFacingException(
                    "Commands start with a slash, e.g. /search nuclear escalation. Type /help for all.");
        }
        int space = trimmed.indexOf(' ');
        String name = (space < 0 ? trimmed.substring(1) : trimmed.substring(1, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : trimmed.substring(space + 1).strip();
        Command command = findCommand(name)
                .orElseThrow(() ->
                        new UserFacingException("Unknown command /" + name + ". Type /help to see the commands."));
        CommandSpec spec = command.spec();
        if (spec.kind() == CommandSpec.Kind.MESSAGE_CONTEXT) {
            if (rest.isEmpty()) {
                throw new UserFacingException("Type the message text after /" + name + ".");
            }
            return new ParsedLine(command, new CommandRequest(spec.name(), Map.of(), invoker, Optional.of(rest)));
        }
        if (!spec.subcommands().isEmpty()) {
            return new ParsedLine(command, subcommandRequest(spec, rest, invoker));
        }
        return new ParsedLine(command, new CommandRequest(spec.name(), options(spec, rest), invoker, Optional.empty()));
    }

    /** {@code /digest setup channel:123 time:08:00}: the first word names the subcommand. */
    private static CommandRequest subcommandRequest(CommandSpec spec, String rest, Invoker invoker) {
        int space = rest.indexOf(' ');
        String typed = (space < 0 ? rest : rest.substring(0, space)).toLowerCase(Locale.ROOT);
        String names = String.join(
                ", ", spec.subcommands().stream().map(SubcommandSpec::name).toList());
        if (typed.isEmpty()) {
            throw new UserFacingException("/" + spec.name() + " needs a subcommand: " + names + ".");
        }
        SubcommandSpec sub = spec.subcommand(typed)
                .orElseThrow(() -> new UserFacingException(
                        "/" + spec.name() + " has no subcommand '" + typed + "'. Choose one of: " + names + "."));
        CommandSpec asCommand = new CommandSpec(
                spec.name() + " " + sub.name(),
                sub.description(),
                CommandSpec.Kind.SLASH,
                sub.options(),
                sub.example(),
                sub.moderatorOnly());
        String options = space < 0 ? "" : rest.substring(space + 1).strip();
        return new CommandRequest(
                spec.name(), options(asCommand, options), invoker, Optional.empty(), Optional.of(sub.name()));
    }

    /** A command and its request, ready to run. */
    record ParsedLine(Command command, CommandRequest request) {}

    private Optional<Command> findCommand(String typed) {
        for (Command command : registry.commands()) {
            if (consoleName(command.spec()).equals(typed)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    static String consoleName(CommandSpec spec) {
        return spec.name().toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    private static Map<String, Object> options(CommandSpec spec, String rest) {
        List<int[]> starts = new ArrayList<>();
        List<OptionSpec> found = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            String marker = option.name() + ":";
            int from = 0;
            while (true) {
                int at = rest.indexOf(marker, from);
                if (at < 0) {
                    break;
                }
                if (at == 0 || Character.isWhitespace(rest.charAt(at - 1))) {
                    starts.add(new int[] {at, at + marker.length(), found.size()});
                    found.add(option);
                    break;
                }
                from = at + 1;
            }
        }
        starts.sort((a, b) -> Integer.compare(a[0], b[0]));
        Map<String, Object> values = new LinkedHashMap<>();
        String bare =
                starts.isEmpty() ? rest : rest.substring(0, starts.get(0)[0]).strip();
        if (!bare.isEmpty()) {
            OptionSpec first = spec.options().stream()
                    .filter(OptionSpec::required)
                    .findFirst()
                    .orElseThrow(() -> new UserFacingException(
                            "/" + spec.name() + " takes only named options, e.g. " + spec.example()));
            values.put(first.name(), convert(spec, first, bare));
        }
        for (int i = 0; i < starts.size(); i++) {
            int[] start = starts.get(i);
            int end = i + 1 < starts.size() ? starts.get(i + 1)[0] : rest.length();
            OptionSpec option = found.get(start[2]);
            values.put(
                    option.name(),
                    convert(spec, option, rest.substring(start[1], end).strip()));
        }
        for (OptionSpec option : spec.options()) {
            if (option.required() && !values.containsKey(option.name())) {
                throw new UserFacingException(
                        "/" + spec.name() + " needs " + option.name() + ": e.g. " + spec.example());
            }
        }
        return values;
    }

    private static Object convert(CommandSpec spec, OptionSpec option, String text) {
        String where = "/" + spec.name() + " " + option.name() + ": ";
        switch (option.type()) {
            case INTEGER -> {
                long value;
                try {
                    value = Long.parseLong(text);
                } catch (NumberFormatException e) {
                    throw new UserFacingException(where + "expected a whole number, got '" + text + "'.");
                }
                if (option.min().isPresent() && value < option.min().get()
                        || option.max().isPresent() && value > option.max().get()) {
                    throw new UserFacingException(
                            where + "must be between " + option.min().orElse(Long.MIN_VALUE) + " and "
                                    + option.max().orElse(Long.MAX_VALUE) + ".");
                }
                return value;
            }
            case BOOLEAN -> {
                return switch (text.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "on" -> true;
                    case "false", "no", "off" -> false;
                    default -> throw new UserFacingException(where + "expected true or false, got '" + text + "'.");
                };
            }
            default -> {
                if (option.max().isPresent() && text.length() > option.max().get()) {
                    throw new UserFacingException(
                            where + "at most " + option.max().get() + " characters.");
                }
                return text;
            }
        }
    }
}
