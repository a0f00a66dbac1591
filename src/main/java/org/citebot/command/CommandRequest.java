package org.citebot.command;

import java.util.Map;
import java.util.Optional;

/**
 * One invocation of a command: its option values (already typed: String, Long or Boolean), who
 * invoked it, and for a message context-menu command the text of the target message.
 */
public record CommandRequest(String command, Map<String, Object> options, Invoker invoker, Optional<String> targetText) {

    public CommandRequest {
        options = Map.copyOf(options);
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
