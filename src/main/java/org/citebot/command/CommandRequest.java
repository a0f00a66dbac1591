package org.citebot.command;

import java.util.Map;
import java.util.Optional;

/**
 * One invocation of a command: its option values (already typed: String, Long or Boolean), who
 * invoked it, for a message context-menu command the text of the target message, and for a
 * command with subcommands which one was chosen (the options are then that subcommand's).
 */
public record CommandRequest(
        String command,
        Map<String, Object> options,
        Invoker invoker,
        Optional<String> targetText,
        Optional<String> subcommand) {

    public CommandRequest {
        options = Map.copyOf(options);
    }

    /** A request for a command without subcommands. */
    public CommandRequest(String command, Map<String, Object> options, Invoker invoker, Optional<String> targetText) {
        this(command, options, invoker, targetText, Optional.empty());
    }

    public Optional<String> string(String name) {
        return Optional.ofNullable(options.get(name)).map(Object::toString);
    }

    public Optional<Long> integer(String name) {
        Object value = options.get(name);
        return value instanceof Number number ? Optional.of(number.longValue()) : Optional.empty();
    }

    public Optional<Boolean> bool(String name) {
        Object value = options.get(name);
        return value instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }
}
