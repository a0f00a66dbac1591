package org.citebot.command;

/**
 * Whether the chat platform names a user as one of the bot's operators: on Discord, the owner of
 * citebot's application or a member of its team. The Discord edge provides it to the {@link
 * OperatorPolicy}; {@link #NONE} names nobody (the console, or before Discord is connected).
 */
@FunctionalInterface
public interface OperatorCheck {

    /** Names nobody. */
    OperatorCheck NONE = userId -> false;

    boolean isOperator(String userId);
}
