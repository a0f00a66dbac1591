package org.citebot.command;

/**
 * Handles presses of the buttons whose action ids start with {@link #prefix()} followed by a colon.
 */
public interface ActionHandler {

    /** The first segment of the action ids this handler owns, e.g. {@code search}. */
    String prefix();

    ActionOutcome handle(String actionId, Invoker invoker);
}
