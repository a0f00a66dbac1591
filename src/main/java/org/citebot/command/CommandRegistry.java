package org.citebot.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The explicit list of citebot's commands and button handlers, built once in the composition root.
 * Front ends look commands up here by name and buttons by action-id prefix.
 */
public final class CommandRegistry {

    private final Map<String, Command> commands = new LinkedHashMap<>();
    private final Map<String, ActionHandler> actions = new LinkedHashMap<>();

    public CommandRegistry(List<Command> commands, List<ActionHandler> actionHandlers) {
        for (Command command : commands) {
            if (this.commands.putIfAbsent(command.spec().name(), command) != null) {
                throw new IllegalArgumentException(
                        "two commands named " + command.spec().name());
            }
        }
        for (ActionHandler handler : actionHandlers) {
            if (actions.putIfAbsent(handler.prefix(), handler) != null) {
                throw new IllegalArgumentException("two action handlers for prefix " + handler.prefix());
            }
        }
    }

    public List<Command> commands() {
        return List.copyOf(commands.values());
    }

    public List<CommandSpec> specs() {
        return commands.values().stream().map(Command::spec).toList();
    }

    public Optional<Command> command(String name) {
        return Optional.ofNullable(commands.get(name));
    }

    /** The handler for an action id such as {@code search:page:abc:2}, by its first segment. */
    public Optional<ActionHandler> actionHandler(String actionId) {
        int colon = actionId.indexOf(':');
        return Optional.ofNullable(actions.get(colon < 0 ? actionId : actionId.substring(0, colon)));
    }
}
